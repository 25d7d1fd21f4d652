import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// The object sweep of `SecurityObjectTests` for the rest of what belongs to one person or one community: 张三's bills,
/// his payments (paid, due for refund, pending) and their order numbers, a clinic and a counter booking, a repair, his
/// traffic violations and fine payments, and 翡翠苑's care entries. Community routes get 翡翠苑's own code, so 红军街's
/// staff are refused by the community and not merely by a made-up code. Bill ids travel in bodies, not paths: those
/// forms and APIs are tried on their own.
@Suite("Security: others' bills, payments, bookings, repairs, care entries and fines through every route that takes them")
struct SecurityObjectSweepMoreTests {
    typealias F = TrafficFixture
    static let feicuiyuan = BillTests.feicuiyuan

    struct Objects {
        var bills: (paid: UUID, due: UUID)
        var payments: (paid: UUID, refundDue: UUID, pending: UUID)
        var fines: (paid: UUID, pending: UUID)
        var orders: [String]
        var violations: [UUID]
        var clinicBooking: UUID
        var counterBooking: UUID
        var repair: String
        var careEntries: [UUID]
        var ids: [UUID] {
            [bills.paid, bills.due, payments.paid, payments.refundDue, payments.pending, fines.paid, fines.pending, clinicBooking, counterBooking]
                + violations + careEntries
        }
    }

    /// Made as the feature tests make them: through the API as 张三, 翡翠苑's staff and the payment provider would.
    static func objects(_ app: Application) async throws -> Objects {
        try await CareTests.start(app)  // 2026-03-02 10:00, 翡翠苑's old couple and a young man with a disability listed
        let care = try await Browser(app).send(.GET, "/api/v1/communities/\(feicuiyuan)/care", bearer: try await apiToken(app, "community.fcy"))
            .content.decode([CareService.EntryView].self)
        #expect(care.count == 3)

        #expect(try await BillTests.issue(app, BillTests.input("household", household: "HHDEMO1")).status == .created)
        #expect(try await BillTests.issue(app, BillTests.input("household", kind: "水费", fen: 3620, household: "HHDEMO1")).status == .created)
        let bills = try await BillTests.zhangsBills(app)
        let paidBill = try #require(bills.first { $0.kind == "物业费" }), dueBill = try #require(bills.first { $0.kind == "水费" })
        let first = try await BillTests.startPayment(app, bills: [paidBill.id])
        let second = try await BillTests.startPayment(app, bills: [paidBill.id])
        for (payment, order) in [(first, "WX-S1"), (second, "WX-S2")] {
            let notice = PaymentNotice(orderNumber: payment.orderNumber, providerOrder: order, amountFen: payment.amountFen, status: .paid)
            #expect(try await BillTests.callback(app, notice, secret: F.secret).status == .ok)
        }
        let pending = try await BillTests.startPayment(app, bills: [dueBill.id])

        let parking = try await F.violation(app, F.zhang, code: "1039"), red = try await F.violation(app, F.zhang, code: "1625")
        let paidFine = try await F.started(app, F.zhang, violation: parking.id)
        #expect(try F.outcome(try await F.callback(app, paidFine)) == .settled)
        let pendingFine = try await F.started(app, F.zhang, violation: red.id)

        let session = try await ClinicTests.firstDay(app, from: "2026-03-04")
        let clinic = try await ClinicTests.book(app, session, as: F.zhang)
        #expect(clinic.status == .created, "\(clinic.body.string)")
        let counter = try await CounterBookingTests.book(app, try CounterBookingTests.item(app).code, slot: "2026-03-04T10:00:00", as: F.zhang)
        #expect(counter.status == .created, "\(counter.body.string)")
        let repair = try #require(try await Browser(app).fileRepair(RepairTests.lights, token: try await apiToken(app, F.zhang)))

        return Objects(bills: (paidBill.id, dueBill.id), payments: (first.id, second.id, pending.id), fines: (paidFine.id, pendingFine.id),
                       orders: [pending.orderNumber, pendingFine.orderNumber], violations: [parking.id, red.id],
                       clinicBooking: try clinic.content.decode(ClinicBookingView.self).id,
                       counterBooking: try counter.content.decode(AppointmentController.View.self).id, repair: repair.number,
                       careEntries: care.map(\.id))
    }

    @Test("another citizen and other departments' and communities' staff get nothing from these ids on any route; the citizen gets 404")
    func everyRouteWithTheseIDs() async throws {
        try await withTongban({ manualDispatch(&$0); $0.bills.paymentSecret = F.secret }) { app in
            let objects = try await Self.objects(app)
            // The ids open for their owners, so the strangers' refusals below are not those of made-up ids.
            let zhang = try await apiToken(app, F.zhang), fcy = try await apiToken(app, "community.fcy")
            for (path, token) in [("/api/v1/community/payments/\(objects.payments.paid)/receipt", zhang), ("/payments/test/\(objects.orders[1])", zhang),
                                  ("/api/v1/me/traffic/payments/\(objects.fines.paid)/receipt", zhang), ("/api/v1/tickets/\(objects.repair)", zhang),
                                  ("/api/v1/communities/\(Self.feicuiyuan)/repairs/\(objects.repair)", fcy),
                                  ("/api/v1/communities/\(Self.feicuiyuan)/care/\(objects.careEntries[0])/visits", fcy)] {
                #expect(try await Browser(app).send(.GET, path, bearer: token).status == .ok, "\(path)")
            }
            let browsers = try await SecurityObjectTests.signInStrangers(app)
            var values = Dictionary(uniqueKeysWithValues: ["id", "entry", "session", "task", "question"].map { ($0, objects.ids.map(\.uuidString)) })
            values["entry"] = objects.careEntries.map(\.uuidString)
            (values["order"], values["number"]) = (objects.orders, [objects.repair])
            // 红军街's code as well: its staff pass the community check there, and the object must still not be found.
            var (sent, problems) = try await SecurityObjectTests.sweep(app, as: browsers) { route in
                let paths = [Self.feicuiyuan, BillTests.hongjunjie].flatMap { SecurityObjectTests.paths(route, values: values, fill: ["code": $0]) }
                return paths.enumerated().filter { !paths.prefix($0.offset).contains($0.element) }.map(\.element)
            }
            #expect(sent > 1000)

            // What the sweep's empty bodies cannot say: a confirmed 模拟支付, a bill paid or collected, a repair rated.
            let li = browsers[F.li]!
            for order in objects.orders {
                let confirmed = try await li.0.send(.POST, PaymentURL.testPage(order), form: ["action": "confirm", "_csrf": li.0.csrf])
                problems += Self.expected(.notFound, confirmed, "confirming 张三's order \(order)")
            }
            let pay = try await li.0.send(.POST, BillPages.mine + "/pay", form: ["bills[]": objects.bills.due.uuidString, "_csrf": li.0.csrf])
            problems += Self.expected(.notFound, pay, "paying 张三's bill on the page")
            let payAPI = try await Browser(app).send(.POST, "/api/v1/me/community/payments", json: ["bills": [objects.bills.due]], bearer: li.1)
            problems += Self.expected(.notFound, payAPI, "paying 张三's bill through the API")
            let rate = try await Browser(app).send(.POST, "/api/v1/reviews", json: RepairRating(id: objects.repair, level: 1, comment: "差"), bearer: li.1)
            problems += Self.expected(.notFound, rate, "rating 张三's repair")
            let refund = try await Browser(app).send(.POST, "/api/v1/communities/\(BillTests.hongjunjie)/payments/\(objects.payments.refundDue)/refunded",
                                                     json: ["reference": "WXRF20260302001"], bearer: browsers["community.hjj"]!.1)
            if refund.status != .notFound { problems.append("红军街 marking 翡翠苑's payment refunded at its own code: \(refund.status)") }
            let collection = CounterCollection(household: "HHDEMO1", bills: [objects.bills.due], method: "cash", payerName: "张三", consent: "当面交现金")
            let hjj = browsers["community.hjj"]!.1
            for community in [Self.feicuiyuan, BillTests.hongjunjie] {
                let collected = try await Browser(app).send(.POST, "/api/v1/communities/\(community)/collections", json: collection, bearer: hjj)
                if (200..<300).contains(collected.status.code) || collected.status.code >= 500 {
                    problems.append("红军街 collecting 翡翠苑's bill at \(community): \(collected.status)")
                }
            }
            #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.joined(separator: "\n"))")
            try await Self.unchanged(app, objects, li: li.1)
        }
    }

    static func expected(_ status: HTTPStatus, _ response: TestingHTTPResponse, _ what: String) -> [String] {
        response.status == status ? [] : ["李四 \(what): \(response.status.code) (\(status.code) expected) \(response.body.string.prefix(100))"]
    }

    /// After the sweep: all of it as it was, and none of it in 李四's lists.
    static func unchanged(_ app: Application, _ objects: Objects, li: String) async throws {
        let browser = Browser(app)
        let zhang = try await apiToken(app, F.zhang)
        let bills = try await BillTests.zhangsBills(app)
        #expect(bills.first { $0.id == objects.bills.paid }?.paymentId == objects.payments.paid)
        #expect(bills.first { $0.id == objects.bills.due }?.status == "待缴")
        for (id, state) in [(objects.payments.paid, Payment.Status.paid), (objects.payments.refundDue, .refundDue), (objects.payments.pending, .pending)] {
            #expect(try await Payment.find(id, on: app.db)?.state == state)
        }
        for (id, status) in [(objects.fines.paid, "paid"), (objects.fines.pending, "pending")] {
            let fine = try await browser.send(.GET, "/api/v1/me/traffic/payments/\(id)", bearer: zhang).content.decode(FinePaymentView.self)
            #expect(fine.status == status)
        }
        let violations = try await F.overview(app, F.zhang).violations
        #expect(violations.first { $0.id == objects.violations[0] }?.handled == true, "the paid parking fine")
        #expect(violations.first { $0.id == objects.violations[1] }?.handled == false, "the red light, its payment pending")
        let clinic = try await browser.send(.GET, "/api/v1/me/clinic-bookings", bearer: zhang).content.decode([ClinicBookingView].self)
        #expect(clinic.first { $0.id == objects.clinicBooking }?.status == "booked")
        let counter = try await browser.send(.GET, "/api/v1/me/appointments", bearer: zhang).content.decode([AppointmentController.View].self)
        #expect(counter.first { $0.id == objects.counterBooking }?.status == "booked")
        #expect(try await browser.ticket(objects.repair, token: zhang).state == "dispatched")
        let care = try await browser.send(.GET, "/api/v1/communities/\(feicuiyuan)/care", bearer: try await apiToken(app, "community.fcy"))
            .content.decode([CareService.EntryView].self)
        #expect(care.filter { objects.careEntries.contains($0.id) }.allSatisfy { $0.lastVisitAt == nil && $0.visitorID == nil })
        #expect(try await CareVisit.query(on: app.db).count() == 0)

        for list in ["/api/v1/me/community/bills", "/api/v1/me/clinic-bookings", "/api/v1/me/appointments", "/api/v1/me/community/repairs", "/api/v1/me/traffic"] {
            let body = try await browser.send(.GET, list, bearer: li).body.string
            #expect(!(objects.ids.map(\.uuidString) + [objects.repair]).contains { body.contains($0) }, "\(list)")
        }
    }
}
