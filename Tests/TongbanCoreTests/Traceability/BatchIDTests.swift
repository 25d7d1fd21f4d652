import Testing
import TongbanCore

@Suite("BatchID")
struct BatchIDTests {
    @Test("an LGTIN URN and a GS1 Digital Link of one batch meet in one key", arguments: [
        "urn:epc:class:lgtin:4012345.012345.998877",
        "https://id.gs1.org/01/04012345123456/10/998877",
        "https://trace.example.cn/01/4012345123456/10/998877",
    ])
    func sameBatch(epcClass: String) throws {
        let batch = try BatchID(epcClass: epcClass)
        #expect(batch.gtin == "04012345123456")
        #expect(batch.lot == "998877")
        #expect(batch.key == "01/04012345123456/10/998877")
        #expect(try BatchID(key: batch.key) == batch)
    }

    @Test("a wrong check digit, a bad lot or an unknown scheme is refused with the reason", arguments: [
        ("https://id.gs1.org/01/04012345123457/10/998877", "校验位"),
        ("https://id.gs1.org/01/04012345123456/10/lot with spaces", "批号"),
        ("urn:epc:class:lgtin:4012345.12345.1", "13 位"),
        ("urn:epc:id:sgtin:4012345.012345.1", "无法识别"),
        ("https://id.gs1.org/01/0401234512345X/10/1", "14 位数字"),
    ])
    func refused(epcClass: String, reason: String) {
        do throws(TraceFieldError) {
            _ = try BatchID(epcClass: epcClass)
            Issue.record("\(epcClass) was accepted")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test("the GS1 check digit matches the GS1 calculator's examples")
    func checkDigit() {
        #expect(BatchID.checkDigit("0952123454321") == 3)
        #expect(BatchID.checkDigit("0401234512345") == 6)
    }
}

@Suite("LineageWalk")
struct LineageWalkTests {
    static let madeFrom = ["pack1": ["tea1"], "pack2": ["tea1"], "tea1": ["leaf1", "leaf2"], "leaf1": [], "leaf2": ["pack1"]]

    func next(_ keys: [String]) -> [String] { keys.flatMap { Self.madeFrom[$0] ?? [] } }

    @Test("walks every generation once, nearest first, and survives a cycle")
    func generations() async {
        var queries = 0
        let result = await LineageWalk.walk(from: "pack1", limit: 100) { keys in
            queries += 1
            return next(keys)
        }
        #expect(result.keys == ["tea1", "leaf1", "leaf2"])
        #expect(!result.truncated)
        #expect(queries == 3, "one query per generation, then one that finds nothing new")
    }

    @Test("stops at the limit and says there is more")
    func limited() async {
        let result = await LineageWalk.walk(from: "pack1", limit: 2) { next($0) }
        #expect(result.keys == ["tea1", "leaf1"])
        #expect(result.truncated)
    }
}
