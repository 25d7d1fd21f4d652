import Foundation
import Testing
import TongbanCore

@Suite("EPCISParser")
struct EPCISParserTests {
    static let tea = "urn:epc:class:lgtin:4012345.012345.LA2026"
    static let shipping = """
    {"type": "ObjectEvent", "eventTime": "2026-04-10T09:30:00.000+08:00", "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
     "bizStep": "https://ref.gs1.org/cbv/BizStep-shipping", "disposition": "https://ref.gs1.org/cbv/Disp-in_transit",
     "readPoint": {"id": "urn:epc:id:sgln:4012345.00001.0"}, "tb:place": "六安市金安区茶厂",
     "quantityList": [{"epcClass": "\(tea)", "quantity": 200, "uom": "KGM"}],
     "destinationList": [{"type": "https://ref.gs1.org/cbv/SDT-owning_party", "destination": "urn:tongban:uscc:91341502MA2N0000X1"}]}
    """

    func document(_ events: String...) -> Data {
        Data("""
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument", "schemaVersion": "2.0",
         "creationDate": "2026-04-10T10:00:00+08:00", "epcisBody": {"eventList": [\(events.joined(separator: ","))]}}
        """.utf8)
    }

    func problems(_ data: Data) -> [String: String] {
        do throws(EPCISError) { _ = try EPCISParser().parse(data); return [:] } catch {
            return Dictionary(error.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        }
    }

    @Test("reads an EPCIS 2.0 document: CBV URIs, batch, quantity, parties")
    func readsDocument() throws {
        let events = try EPCISParser().parse(document(Self.shipping))
        let event = try #require(events.first)
        #expect(event.kind == .object)
        #expect(event.bizStep == .shipping && event.bizStep.label == "发货")
        #expect(event.disposition == .inTransit)
        let batch = try BatchID(epcClass: Self.tea)
        #expect(event.quantities == [.init(batch: batch, quantity: 200, uom: "KGM")])
        #expect(event.place == "六安市金安区茶厂")
        #expect(event.time == Date(timeIntervalSince1970: 1_775_784_600))
        #expect(event.destinations.first?.type == "owning_party")
    }

    @Test("a transformation links its input batches to its outputs; a bare event is accepted alone")
    func transformation() throws {
        let event = """
        {"type": "TransformationEvent", "eventTime": "2026-04-09T08:00:00Z", "eventTimeZoneOffset": "+08:00", "bizStep": "commissioning",
         "inputQuantityList": [{"epcClass": "https://id.gs1.org/01/09521234543213/10/LEAF1", "quantity": 500, "uom": "KGM"}],
         "outputQuantityList": [{"epcClass": "\(Self.tea)"}]}
        """
        let parsed = try EPCISParser().parse(Data(event.utf8))
        #expect(parsed.count == 1)
        #expect(parsed[0].inputs.map(\.batch.lot) == ["LEAF1"])
        #expect(parsed[0].quantities.map(\.batch.lot) == ["LA2026"])
        #expect(parsed[0].quantities[0].quantity == nil)
    }

    @Test("each problem names the event index and field", arguments: [
        (#""bizStep": "https://ref.gs1.org/cbv/BizStep-shipping""#, #""bizStep": "teleporting""#, "eventList[1].bizStep"),
        (#""eventTime": "2026-04-10T09:30:00.000+08:00""#, #""eventTime": "yesterday""#, "eventList[1].eventTime"),
        (#""quantity": 200"#, #""quantity": -3"#, "eventList[1].quantityList[0].quantity"),
        (#""quantity": 200"#, #""quantity": true"#, "eventList[1].quantityList[0].quantity"),
        (#""type": "ObjectEvent""#, #""type": "AggregationEvent""#, "eventList[1].type"),
        (#""action": "OBSERVE""#, #""action": "LOOK""#, "eventList[1].action"),
        (#""eventTimeZoneOffset": "+08:00""#, #""eventTimeZoneOffset": "Beijing""#, "eventList[1].eventTimeZoneOffset"),
        (#""readPoint": {"id": "urn:epc:id:sgln:4012345.00001.0"}"#, #""readPoint": "dock 1""#, "eventList[1].readPoint"),
        (Self.tea, "urn:epc:class:lgtin:4012345.012345.bad lot", "eventList[1].quantityList[0].epcClass"),
    ])
    func namesTheField(original: String, broken: String, field: String) {
        let found = problems(document(Self.shipping, Self.shipping.replacingOccurrences(of: original, with: broken)))
        #expect(found.keys.sorted() == [field], "\(found)")
    }

    @Test("an inspection must say whether the batch passed")
    func inspectionNeedsResult() {
        let inspection = Self.shipping.replacingOccurrences(of: "BizStep-shipping", with: "BizStep-inspecting")
        #expect(problems(document(inspection))["eventList[0].disposition"]?.contains("conformant") == true)
        let passed = inspection.replacingOccurrences(of: "Disp-in_transit", with: "Disp-conformant")
        #expect(problems(document(passed)).isEmpty)
    }

    @Test("not a document, no event list, individual items instead of batches, too many events", arguments: [
        ("[1, 2]", "document"),
        (#"{"type": "EPCISDocument", "epcisBody": {}}"#, "epcisBody.eventList"),
        (#"{"type": "Invoice"}"#, "type"),
        (#"{"type": "ObjectEvent", "eventTime": "2026-04-10T09:30:00Z", "eventTimeZoneOffset": "+08:00", "action": "ADD", "bizStep": "commissioning", "epcList": ["urn:epc:id:sgtin:4012345.012345.1"]}"#, "event.epcList"),
    ])
    func refusesShape(json: String, field: String) {
        #expect(problems(Data(json.utf8)).keys.contains(field))
    }

    @Test("more than the maximum events in one document is refused as a whole")
    func tooMany() {
        let events = Array(repeating: Self.shipping, count: EPCISParser.maximumEvents + 1)
        let data = Data(#"{"type": "EPCISDocument", "epcisBody": {"eventList": [\#(events.joined(separator: ","))]}}"#.utf8)
        #expect(problems(data)["eventList"]?.contains("分批") == true)
    }

    @Test("the canonical record is stable: the same event hashes the same")
    func canonical() throws {
        let a = try EPCISParser().parse(document(Self.shipping))[0].canonicalJSON()
        let b = try EPCISParser().parse(Data(Self.shipping.utf8))[0].canonicalJSON()
        #expect(a == b)
        #expect(a.contains(#""epcClass":"01/04012345123456/10/LA2026""#))
    }
}
