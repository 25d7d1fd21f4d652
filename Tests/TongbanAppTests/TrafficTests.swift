import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("交通违章: own licence, vehicles and violations; the plate query; who may see what")
struct TrafficTests {
    typealias F = TrafficFixture

    @Test("a citizen sees their licence points, vehicles and violations, and the read shows in 谁用了我的数据 as their own")
    func ownOverview() async throws {
        try await F.withTraffic { app in
            let zhang = try await F.overview(app, F.zhang)
            let licence = try #require(zhang.licence)
            #expect(licence.licenceClass == "C1" && licence.pointsScored == 1 && licence.pointsLeft == 11 && licence.status == "正常")
            #expect(licence.cycleStart < licence.cycleEnd)
            let vehicle = try #require(zhang.vehicles.first)
            #expect(zhang.vehicles.count == 1 && vehicle.plate == "皖N·A8K62" && vehicle.vin.hasSuffix("062171") && vehicle.vin.contains("*"))
            #expect(zhang.violations.count == 3 && zhang.unhandled == 2 && zhang.unpaidFineFen == 35_000)
            #expect(zhang.violations.map(\.occurredAt) == zhang.violations.map(\.occurredAt).sorted(by: >))
            let usage = try await Browser(app).send(.GET, "/api/v1/me/data-usage", bearer: try await apiToken(app, F.zhang))
                .content.decode([ExchangeController.UsageView].self)
            #expect(usage.contains { $0.registry == "交通管理库" && $0.department == "本人" && $0.purpose == "我的交通违章" && $0.fields.contains("本记分周期累积记分") })
        }
    }

    @Test("the traffic police read the registry through the exchange with their grant; other departments are refused")
    func exchangeGrant() async throws {
        try await F.withTraffic { app in
            let id = DemoAccounts.citizens[0].idNumber
            let gate = ExchangeGate(db: app.db, cipher: app.fieldCipher, catalog: app.catalogCache.snapshot, now: app.clock.now())
            let police = ExchangeGate.Reader(name: "承办邓超", userID: nil, departmentCode: "jj")
            let read = try await gate.read("traffic", fields: ["plates", "pointsScored", "unhandledViolations"], of: id, by: police, purpose: "jj-jszhz")
            #expect(read.values["plates"] == .list([.string("皖N·A8K62")]) && read.values["pointsScored"] == .number(1) && read.values["unhandledViolations"] == .number(2))
            let other = ExchangeGate.Reader(name: "审批周杰", userID: nil, departmentCode: "sw")
            await #expect(throws: AppError.self) { try await gate.read("traffic", fields: ["plates"], of: id, by: other, purpose: "sw-x") }
        }
    }

    @Test("no one sees another person's vehicles, licence, violations or fine payments: 404, as if there were none")
    func authorization() async throws {
        try await F.withTraffic { app in
            let red = try await F.violation(app, F.zhang, code: "1625")
            let stranger = try await F.startPayment(app, F.li, violation: red.id)
            #expect(stranger.status == .notFound && stranger.errorCode == "traffic.violation_not_found")
            let payment = try await F.started(app, F.zhang, violation: red.id)
            #expect(try F.outcome(try await F.callback(app, payment)) == .settled)
            let li = try await apiToken(app, F.li)
            for path in ["/api/v1/me/traffic/payments/\(payment.id)", "/api/v1/me/traffic/payments/\(payment.id)/receipt"] {
                let response = try await Browser(app).send(.GET, path, bearer: li)
                #expect(response.status == .notFound && response.errorCode == "payment.not_found", "\(path)")
            }
            let lis = try await F.overview(app, F.li)
            #expect(!lis.vehicles.contains { $0.plate == "皖N·A8K62" } && !lis.violations.contains { $0.id == red.id })
            let browser = Browser(app)
            try await browser.signIn(F.li)
            let page = try await browser.send(.GET, TrafficURL.mine).body.string
            #expect(page.contains("皖N·D23871") && !page.contains("A8K62"))
            #expect(try await browser.submit(TrafficURL.pay(red.id), [:], from: TrafficURL.mine).status == .notFound)
            #expect(try await Browser(app).send(.GET, "/api/v1/me/traffic").status == .unauthorized)
            let clerk = try await Browser(app).send(.GET, "/api/v1/me/traffic", bearer: try await apiToken(app, "clerk"))
            #expect(clerk.status == .notFound && clerk.errorCode == "traffic.no_identity")
        }
    }

    @Test("a third party sees a plate's violations only with the last six of its VIN, nothing of the owner, and guessing stops after five misses")
    func plateQuery() async throws {
        try await F.withTraffic { app in
            let found = try await F.plateQuery(app, plate: "皖n·a8k62", vin: "062171")
            #expect(found.status == .ok, "\(found.body.string)")
            let view = try found.content.decode(PlateQueryView.self)
            #expect(view.plate == "皖N·A8K62" && view.violations.count == 3 && view.violations.filter { !$0.handled }.count == 2)
            let body = found.body.string
            #expect(!body.contains("张三") && !body.contains(DemoAccounts.citizens[0].idNumber) && !body.contains("decisionNumber") && !body.contains("LFV2A"))
            let usage = try await Browser(app).send(.GET, "/api/v1/me/data-usage", bearer: try await apiToken(app, F.zhang))
                .content.decode([ExchangeController.UsageView].self)
            #expect(usage.contains { $0.purpose == PlateQuery.purpose && $0.fields == ["交通违法记录"] })

            let unknown = try await F.plateQuery(app, plate: "皖N99999", vin: "062171")
            #expect(unknown.status == .notFound && unknown.errorCode == "traffic.vehicle_not_found")
            for _ in 0..<PlateQuery.perPlate {
                let wrong = try await F.plateQuery(app, plate: "皖NA8K62", vin: "000000", client: "10.2.2.\(Int.random(in: 1...200))")
                #expect(wrong.status == .notFound && wrong.errorCode == "traffic.vehicle_not_found")
            }
            // The plate is locked for everyone now, even with the right VIN; other plates are not.
            let locked = try await F.plateQuery(app, plate: "皖NA8K62", vin: "062171", client: "10.3.3.3")
            #expect(locked.status == .tooManyRequests && locked.errorCode == "traffic.query_limited")
            #expect(try await F.plateQuery(app, plate: "皖ND23871", vin: "012345").status == .ok)
            // And one address cannot walk through many plates.
            for index in 0..<PlateQuery.perClient {
                _ = try await F.plateQuery(app, plate: "皖N\(String(format: "%05d", index))", vin: "ABCDEF", client: "10.4.4.4")
            }
            #expect(try await F.plateQuery(app, plate: "皖ND23871", vin: "012345", client: "10.4.4.4").status == .tooManyRequests)
        }
    }

    @Test("bad input is a 4xx with a reason, on the API and on the page, and what people type is escaped")
    func badInput() async throws {
        try await F.withTraffic { app in
            for (plate, vin, field) in [("ABC", "062171", "plate"), ("皖NA8K62", "12345", "vinSuffix"), ("皖NA8K62", "IOQ123", "vinSuffix"), ("", "", "plate")] {
                let response = try await F.plateQuery(app, plate: plate, vin: vin)
                #expect(response.status == .unprocessableEntity && response.errorCode == "traffic.bad_query", "\(plate) \(vin)")
                #expect(response.body.string.contains(field))
            }
            #expect(try await Browser(app).send(.POST, "/api/v1/traffic/plate-queries", raw: "{\"plate\":").status == .badRequest)
            let notAnID = try await Browser(app).send(.POST, "/api/v1/me/traffic/violations/not-a-uuid/payments", bearer: try await apiToken(app, F.zhang))
            #expect(notAnID.status == .notFound)
            let browser = Browser(app)
            #expect(try await browser.send(.GET, TrafficURL.query).status == .ok)
            let page = try await browser.submit(TrafficURL.query, ["plate": "<script>alert(1)</script>", "vinSuffix": "\"onmouseover=x"], from: TrafficURL.query)
            #expect(page.status == .unprocessableEntity)
            let html = page.body.string
            #expect(!html.contains("<script>alert(1)") && !html.contains("\"onmouseover=x") && html.contains("请填写正确的号牌号码"))
            let ok = try await browser.submit(TrafficURL.query, ["plate": "皖NC6Q19", "vinSuffix": "123789"], from: TrafficURL.query)
            #expect(ok.status == .ok && ok.body.string.contains("皖N·C6Q19") && !ok.body.string.contains("王奶奶"))
        }
    }
}
