import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("交通违章缴款: a fine paid through the provider handles the violation and scores its points exactly once")
struct TrafficPaymentTests {
    typealias F = TrafficFixture

    @Test("the provider's callback handles the violation once, replayed or concurrent, and its points are scored once")
    func paidOnce() async throws {
        try await F.withTraffic { app in
            let red = try await F.violation(app, F.zhang, code: "1625")
            #expect(red.points == 6 && red.fineFen == 20_000)
            // Two payments for the same violation (two tabs), and the first one's notice delivered twice at once.
            let first = try await F.started(app, F.zhang, violation: red.id)
            let second = try await F.started(app, F.zhang, violation: red.id)
            #expect(first.orderNumber.hasPrefix("JT") && first.payURL?.hasPrefix("/payments/test/JT") == true)
            async let a = F.callback(app, first)
            async let b = F.callback(app, first)
            async let c = F.callback(app, second, providerOrder: "WX-FINE-2")
            let answers = try await [a, b, c]
            #expect(answers.allSatisfy { $0.status == .ok }, "\(answers.map(\.body.string))")
            let outcomes = try answers.map(F.outcome)
            #expect(outcomes.filter { $0 == .settled }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { $0 == .refundDue }.count == 1, "\(outcomes)")
            let replay = try await F.callback(app, first)
            #expect(try replay.status == .ok && F.outcome(replay) != .settled)

            let after = try await F.overview(app, F.zhang)
            let licence = try #require(after.licence)
            #expect(licence.pointsScored == 7 && licence.pointsLeft == 5)
            let handled = try #require(after.violations.first { $0.id == red.id })
            #expect(handled.handled && handled.decisionNumber?.hasPrefix("3415") == true)
            #expect(after.unhandled == 1 && after.unpaidFineFen == 15_000)
            let zhang = try #require(try await User.query(on: app.db).filter(\.$realName == "张三").first()?.id)
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == zhang).filter(\.$title == "交通违法已处理").count() == 1)

            let paid = try #require(handled.paymentId)
            let token = try await apiToken(app, F.zhang)
            let receipt = try await Browser(app).send(.GET, "/api/v1/me/traffic/payments/\(paid)/receipt", bearer: token)
            #expect(receipt.status == .ok, "\(receipt.body.string)")
            let body = try receipt.content.decode(FineReceipt.self)
            #expect(body.receiptNumber.hasPrefix("FK") && body.amountFen == 20_000 && body.violation.points == 6 && body.payer == "张三")
            let refund = try #require(paid == first.id ? second.id : first.id)
            let state = try await Browser(app).send(.GET, "/api/v1/me/traffic/payments/\(refund)", bearer: token).content.decode(FinePaymentView.self)
            #expect(state.status == "refund_due")
            // Paying it again is refused before any money moves.
            let again = try await F.startPayment(app, F.zhang, violation: red.id)
            #expect(again.status == .conflict && again.errorCode == "traffic.already_handled")
        }
    }

    @Test("in the browser: 我的 → 我的交通违章 → 模拟支付 → result → 缴款凭证, in elder mode too")
    func browserFlow() async throws {
        try await F.withTraffic { app in
            let zhang = Browser(app)
            try await zhang.signIn(F.zhang)
            #expect(try await zhang.send(.GET, "/me").body.string.contains(TrafficURL.mine))
            let page = try await zhang.send(.GET, TrafficURL.mine).body.string
            #expect(page.contains("皖N·A8K62") && page.contains("11 分") && page.contains("驾驶机动车违反道路交通信号灯通行"))
            let parking = try await F.violation(app, F.zhang, code: "1039")
            let started = try await zhang.submit(TrafficURL.pay(parking.id), [:], from: TrafficURL.mine)
            #expect(started.status == .seeOther)
            let payPage = try #require(started.headers.first(name: .location))
            #expect(payPage.hasPrefix("/payments/test/JT"))
            let mock = try await zhang.send(.GET, payPage).body.string
            #expect(mock.contains("模拟支付") && mock.contains("¥150.00"))
            let other = Browser(app)
            try await other.signIn(F.li)
            #expect(try await other.send(.GET, payPage).status == .notFound)
            let confirmed = try await zhang.submit(payPage, ["action": "confirm"], from: payPage)
            let result = try #require(confirmed.headers.first(name: .location))
            #expect(result.hasPrefix("/me/traffic/payments/"))
            #expect(try await zhang.send(.GET, result).body.string.contains("已支付"))
            let payment = try #require(UUID(uuidString: String(result.split(separator: "/").last ?? "")))
            let receipt = try await zhang.send(.GET, TrafficURL.receipt(payment)).body.string
            #expect(receipt.contains("交通违法罚款缴款凭证") && receipt.contains("¥150.00") && receipt.contains("皖N·A8K62"))
            #expect(try await other.send(.GET, TrafficURL.receipt(payment)).status == .notFound)
            #expect(try await other.send(.GET, result).status == .notFound)
            // A parking fine carries no points: 张三 still has 11 left.
            #expect(try await F.overview(app, F.zhang).licence?.pointsLeft == 11)
            zhang.cookies[CookieName.elder] = "1"
            let elder = try await zhang.send(.GET, TrafficURL.mine).body.string
            #expect(elder.contains("class=\"elder\"") && elder.contains("已处理"))
        }
    }

    @Test("李四 would reach 12 points and is sent to the 车管所; 王奶奶 without a licence pays a parking fine but not one with points")
    func pointsAndLicenceRules() async throws {
        try await F.withTraffic { app in
            #expect(try await F.overview(app, F.li).licence?.pointsScored == 9)
            let speeding = try await F.violation(app, F.li, code: "1303")
            let full = try await F.startPayment(app, F.li, violation: speeding.id)
            #expect(full.status == .conflict && full.errorCode == "traffic.points_full")
            let li = Browser(app)
            try await li.signIn(F.li)
            let refused = try await li.submit(TrafficURL.pay(speeding.id), [:], from: TrafficURL.mine)
            #expect(refused.status == .conflict && refused.body.string.contains("满分教育"))

            let wang = try await F.overview(app, F.wang)
            #expect(wang.licence == nil && wang.vehicles.map(\.plate) == ["皖N·C6Q19"] && wang.unhandled == 2)
            let crossing = try await F.violation(app, F.wang, code: "1357")
            let noLicence = try await F.startPayment(app, F.wang, violation: crossing.id)
            #expect(noLicence.status == .conflict && noLicence.errorCode == "traffic.no_licence")
            let parking = try await F.started(app, F.wang, violation: try await F.violation(app, F.wang, code: "1039").id)
            #expect(try F.outcome(try await F.callback(app, parking)) == .settled)
            #expect(try await F.overview(app, F.wang).unhandled == 1)
        }
    }

    @Test("the callback refuses a fine order it does not know or whose amount differs")
    func callbackRefused() async throws {
        try await F.withTraffic { app in
            let red = try await F.violation(app, F.zhang, code: "1625")
            let payment = try await F.started(app, F.zhang, violation: red.id)
            let cheap = try await F.callback(app, payment, amountFen: 1)
            #expect(cheap.status == .unprocessableEntity && cheap.errorCode == "payment.amount_mismatch")
            var unknown = payment
            unknown.orderNumber = "JT20260101000000123456"
            #expect(try await F.callback(app, unknown).errorCode == "payment.unknown_order")
            #expect(try await F.overview(app, F.zhang).licence?.pointsScored == 1)
        }
    }
}
