import Foundation

/// One EPCIS event on batches, as the platform keeps it: what (batches and quantities), when, where,
/// why (business step and disposition) and, through the parties, from whom and to whom.
public struct TraceEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Something happened to batches (made, inspected, shipped, received, sold).
        case object = "ObjectEvent"
        /// Input batches were consumed to make output batches (processing, repacking, blending).
        case transformation = "TransformationEvent"
    }

    public struct Quantity: Sendable, Equatable {
        public var batch: BatchID
        /// EPCIS lets a system leave the amount out; the page then says so rather than guessing.
        public var quantity: Double?
        public var uom: String?

        public init(batch: BatchID, quantity: Double?, uom: String?) {
            self.batch = batch
            self.quantity = quantity
            self.uom = uom
        }
    }

    /// A source or destination party: who the goods came from or go to, named by the company's
    /// 统一社会信用代码 when it has one, else by whatever identifier the sending system uses.
    public struct Party: Sendable, Equatable {
        public var type: String
        public var id: String
        public var creditCode: String?
    }

    public var eventID: String?
    public var kind: Kind
    public var action: String?
    public var time: Date
    public var timeZoneOffset: String
    public var bizStep: BizStep
    public var disposition: Disposition?
    public var readPoint: String?
    public var bizLocation: String?
    /// Plain-text site or address (extension `tb:place`): what a reader of the batch page understands.
    public var place: String?
    /// Product name (extension `tb:productName`): EPCIS leaves names to master data, which we do not import.
    public var productName: String?
    /// For an object event, its batches; for a transformation, its outputs.
    public var quantities: [Quantity]
    /// A transformation's inputs.
    public var inputs: [Quantity]
    public var sources: [Party]
    public var destinations: [Party]

    /// Every batch the event touches, inputs first.
    public var batches: [BatchID] { inputs.map(\.batch) + quantities.map(\.batch) }

    /// Companies the goods go to (destinations named by credit code): the next holders down the chain.
    public var destinationCompanies: [String] { destinations.compactMap(\.creditCode) }
}

extension TraceEvent {
    /// Canonical JSON of the event as recorded: the bytes whose hash the ledger holds. Sorted keys,
    /// times in whole milliseconds, so the same event always hashes the same on every database.
    public func canonicalJSON() -> String {
        func quantities(_ list: [Quantity]) -> [[String: Any]] {
            list.map { q in
                var item: [String: Any] = ["epcClass": q.batch.key]
                if let quantity = q.quantity { item["quantity"] = quantity }
                if let uom = q.uom { item["uom"] = uom }
                return item
            }
        }
        func parties(_ list: [Party], _ key: String) -> [[String: Any]] { list.map { ["type": $0.type, key: $0.id] } }
        var document: [String: Any] = [
            "type": kind.rawValue,
            "eventTimeMillis": Int64((time.timeIntervalSince1970 * 1000).rounded()),
            "eventTimeZoneOffset": timeZoneOffset,
            "bizStep": bizStep.rawValue,
        ]
        let optional: [String: Any?] = [
            "eventID": eventID, "action": action, "disposition": disposition?.rawValue, "readPoint": readPoint,
            "bizLocation": bizLocation, "tb:place": place, "tb:productName": productName,
        ]
        for (key, value) in optional { if let value { document[key] = value } }
        document[kind == .transformation ? "outputQuantityList" : "quantityList"] = quantities(self.quantities)
        if kind == .transformation { document["inputQuantityList"] = quantities(inputs) }
        if !sources.isEmpty { document["sourceList"] = parties(sources, "source") }
        if !destinations.isEmpty { document["destinationList"] = parties(destinations, "destination") }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
