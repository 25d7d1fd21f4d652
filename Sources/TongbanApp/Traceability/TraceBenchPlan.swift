import Foundation
import TongbanCore

/// The benchmark chain, handed out as EPCIS JSON documents in time order: first the harvest, its
/// processing and packing (transformations), then each package's journey, round-robin.
struct TraceBenchPlan {
    let total: Int
    let packages: Int
    let run: String
    var clock: Date
    private var emitted = 0

    /// Made-up but valid GTINs: tea leaves, processed tea, packed tea.
    static let gtins = ["0690000000001", "0690000000002", "0690000000003"].map { body in
        body + String(BatchID.checkDigit(Substring(body)) ?? 0)
    }
    static let journey: [(step: String, disposition: String)] = [
        ("shipping", "in_transit"), ("receiving", "active"), ("storing", "active"), ("inspecting", "conformant"),
    ]

    init(total: Int, packages: Int, run: String, start: Date) {
        self.total = total
        self.packages = packages
        self.run = run
        clock = start.addingTimeInterval(-Double(total) * 60)
    }

    var processedCount: Int { max(1, packages / 10) }
    var harvest: BatchID { try! BatchID(gtin: Self.gtins[0], lot: "H\(run)") }
    func processed(_ index: Int) -> BatchID { try! BatchID(gtin: Self.gtins[1], lot: "P\(run)-\(index)") }
    func package(_ index: Int) -> BatchID { try! BatchID(gtin: Self.gtins[2], lot: "K\(run)-\(index)") }

    struct Document {
        var json: Data
        /// Index into the companies: who records this document's events.
        var recorder: Int
    }

    /// The next document, or nil when every event was handed out. Documents never mix recorders.
    mutating func nextDocument(size: Int, companies: [String]) -> Document? {
        guard emitted < total else { return nil }
        var events: [[String: Any]] = []
        let recorder = recorder(of: emitted)
        while emitted < total, events.count < size, self.recorder(of: emitted) == recorder {
            events.append(event(emitted, companies: companies))
            emitted += 1
        }
        let document: [String: Any] = ["@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                                       "type": "EPCISDocument", "schemaVersion": "2.0", "epcisBody": ["eventList": events]]
        return Document(json: (try? JSONSerialization.data(withJSONObject: document)) ?? Data(), recorder: recorder)
    }

    /// Event n's place in the chain: 0–1 harvest, then processing, then packing, then journeys.
    private var setupCount: Int { 2 + processedCount + packages }

    private func recorder(of n: Int) -> Int {
        if n < 2 { return 0 }
        if n < setupCount { return 1 }
        return 2 + ((n - setupCount) / packages) % 2
    }

    private mutating func event(_ n: Int, companies: [String]) -> [String: Any] {
        clock.addTimeInterval(60)
        let time = ISO8601DateFormatter.string(from: clock, timeZone: TimeZone(identifier: "Asia/Shanghai")!, formatOptions: [.withInternetDateTime])
        var event: [String: Any] = ["eventTime": time, "eventTimeZoneOffset": "+08:00", "tb:place": "六安市金安区"]
        func quantity(_ batch: BatchID, _ amount: Double) -> [[String: Any]] { [["epcClass": batch.key, "quantity": amount, "uom": "KGM"]] }
        switch n {
        case 0, 1:
            event.merge(["type": "ObjectEvent", "action": n == 0 ? "ADD" : "OBSERVE", "bizStep": n == 0 ? "commissioning" : "inspecting",
                         "disposition": n == 0 ? "active" : "conformant", "quantityList": quantity(harvest, 10_000), "tb:productName": "六安瓜片鲜叶"]) { $1 }
        case 2..<(2 + processedCount):
            event.merge(["type": "TransformationEvent", "bizStep": "commissioning", "tb:productName": "六安瓜片（毛茶）",
                         "inputQuantityList": quantity(harvest, 100), "outputQuantityList": quantity(processed(n - 2), 25)]) { $1 }
        case (2 + processedCount)..<setupCount:
            let index = n - 2 - processedCount
            event.merge(["type": "TransformationEvent", "bizStep": "packing", "tb:productName": "六安瓜片 250 克礼盒",
                         "inputQuantityList": quantity(processed(index % processedCount), 2.5),
                         "outputQuantityList": quantity(package(index), 2.5)]) { $1 }
        default:
            let index = n - setupCount
            let step = Self.journey[(index / packages) % Self.journey.count]
            event.merge(["type": "ObjectEvent", "action": "OBSERVE", "bizStep": step.step, "disposition": step.disposition,
                         "quantityList": quantity(package(index % packages), 2.5)]) { $1 }
            if step.step == "shipping" {
                event["destinationList"] = [["type": "owning_party", "destination": "urn:tongban:uscc:" + companies[5 - recorder(of: n)]]]
            }
        }
        return event
    }
}
