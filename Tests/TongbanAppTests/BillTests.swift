import Fluent
import Foundation
import NIOCore
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("社区缴费: bills per household, payment through the provider, receipts, reminders, arrears")
struct BillTests {
    static let feicuiyuan = "341502001001"
    static let hongjunjie = "341524001001"
    static let secret = "bill-test-secret"

    static func withBills<T>(_ test: (Application) async throws -> T) async throws -> T {
        try await withTongban({ $0.bills.paymentSecret = secret }) { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            return try await test(app)
        }
    }

    static func issue(_ app: Application, _ input: BillService.IssueInput, community: String = feicuiyuan,
                      as login: String = "community.fcy") async throws -> TestingHTTPResponse {
        try await Browser(app).send(.POST, "/api/v1/communities/\(community)/bills", json: input, bearer: try await apiToken(app, login))
    }

    static func input(_ scope: String = "community", kind: String = "物业费", period: String = "2026年3月", fen: Int? = 12850,
                      dueOn: String = "2026-03-10", household: String? = nil, building: String? = nil) -> BillService.IssueInput {
        BillService.IssueInput(scope: scope, household: household, building: building, kind: kind, period: period, amountFen: fen, dueOn: dueOn)
    }

    /// What the provider's server would post: the notice and its signature over the exact bytes.
    static func callback(_ app: Application, _ notice: PaymentNotice, secret: String = secret) async throws -> TestingHTTPResponse {
        let body = try JSONEncoder().encode(notice)
        var headers = HTTPHeaders([(PaymentSignature.header, PaymentSignature(secret: secret).sign(body))])
        headers.contentType = .json
        return try await Browser(app).send(.POST, "/api/v1/payments/callback/test", headers: headers, raw: String(decoding: body, as: UTF8.self))
    }

    static func startPayment(_ app: Application, bills: [UUID], login: String = "13800000001") async throws -> PaymentView {
        let response = try await Browser(app).send(.POST, "/api/v1/me/community/payments", json: ["bills": bills], bearer: try await apiToken(app, login))
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(PaymentView.self)
    }

    static func zhangsBills(_ app: Application) async throws -> [BillService.View] {
        try await Browser(app).send(.GET, "/api/v1/me/community/bills", bearer: try await apiToken(app, "13800000001")).content.decode([BillService.View].self)
    }

    @Test("issue → reminded once before the due date and once when overdue → paid through the test provider → receipt → off the arrears list")
    func wholeFlow() async throws {
        try await Self.withBills { app in
            let issued = try await Self.issue(app, Self.input())
            #expect(issued.status == .created, "\(issued.body.string)")
            let result = try issued.content.decode(BillService.IssueResult.self)
            #expect(result.created >= 1 && result.skipped == 0 && result.totalFen == 12850 * result.created)
            let building = try #require(try await PopulationRecord.query(on: app.db).filter(\.$householdNumber == "HHDEMO1").first()?.building)
            #expect(try await Self.issue(app, Self.input("building", kind: "水费", period: "3月\"onmouseover=x", fen: 3620, dueOn: "2026-03-20",
                                                         building: building), as: "property.fcy").status == .created)

            let zhang = try #require(try await User.query(on: app.db).filter(\.$realName == "张三").first()?.id)
            let told = { (title: String) in
                try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == zhang).filter(\.$title == title).all()
            }
            // Not yet: the due date is 8 days away.
            await app.jobWorker.runDue(app, now: app.clock.now())
            #expect(try await told("缴费提醒").isEmpty)
            app.clock.set(beijing("2026-03-08T09:00:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            let reminders = try await told("缴费提醒")
            #expect(reminders.count == 2 && reminders.contains { $0.channel == "sms" && $0.body.contains("128.50 元") && $0.body.contains("3月10日") })
            app.clock.set(beijing("2026-03-08T12:00:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            #expect(try await told("缴费提醒").count == 2, "once per bill")
            app.clock.set(beijing("2026-03-11T09:00:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            #expect(try await told("欠费提醒").count == 2)
            app.clock.set(beijing("2026-03-11T12:00:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            #expect(try await told("欠费提醒").count == 2, "overdue told once")

            // Staff see the arrears, by building, and can export them.
            let staff = try await apiToken(app, "community.fcy")
            let browser = Browser(app)
            let arrears = try await browser.send(.GET, "/api/v1/communities/\(Self.feicuiyuan)/arrears", bearer: staff).content.decode(BillService.Arrears.self)
            let household = try #require(arrears.households.first { $0.household == "HHDEMO1" })
            #expect(household.total == "128.50" && household.building == building && household.bills.map(\.status) == ["逾期"])
            #expect(arrears.buildings.contains { $0.building == building && $0.totalFen == 12850 })
            let clerk = Browser(app)
            try await clerk.signIn("property.fcy")
            let csv = try await clerk.send(.GET, "/community/\(Self.feicuiyuan)/arrears.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.body.string.contains("HHDEMO1") && csv.body.string.contains("\"128.50\"") && csv.body.string.contains("合计"))
            #expect(try await clerk.send(.GET, "/community/\(Self.feicuiyuan)/arrears").body.string.contains("HHDEMO1"))

            // 张三 pays both in the browser.
            let resident = Browser(app)
            try await resident.signIn("13800000001")
            #expect(try await resident.send(.GET, CommunityURL.mine).body.string.contains(BillPages.mine))
            let page = try await resident.send(.GET, BillPages.mine).body.string
            #expect(page.contains("物业费") && page.contains("¥128.50") && page.contains("逾期"))
            #expect(!page.contains("\"onmouseover=x") && page.contains("&quot;onmouseover=x"))
            let ids = try await Self.zhangsBills(app).map(\.id)
            #expect(ids.count == 2)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let form = (ids.map { "bills%5B%5D=\($0.uuidString)" } + ["_csrf=\(resident.csrf)"]).joined(separator: "&")
            let started = try await resident.send(.POST, BillPages.mine + "/pay", headers: headers, raw: form)
            #expect(started.status == .seeOther)
            let payPage = try #require(started.headers.first(name: .location))
            #expect(payPage.hasPrefix("/payments/test/"))
            let mock = try await resident.send(.GET, payPage).body.string
            #expect(mock.contains("模拟支付") && mock.contains("确认支付") && mock.contains("取消") && mock.contains("¥164.70"))
            // Someone else cannot confirm it on the payer's behalf.
            let other = Browser(app)
            try await other.signIn("13800000002")
            #expect(try await other.send(.GET, payPage).status == .notFound)
            let confirmed = try await resident.submit(payPage, ["action": "confirm"], from: payPage)
            #expect(confirmed.status == .seeOther)
            let resultPath = try #require(confirmed.headers.first(name: .location))
            #expect(try await resident.send(.GET, resultPath).body.string.contains("已支付"))
            let bills = try await Self.zhangsBills(app)
            #expect(bills.allSatisfy { $0.status == "已缴" } && Set(bills.compactMap(\.paymentId)).count == 1)
            let paymentID = try #require(bills.first?.paymentId)
            #expect(try await told("缴费成功").count == 1)

            // The receipt: for the household in full, for staff with the payer masked, for nobody else.
            let receipt = try await resident.send(.GET, PaymentURL.receipt(paymentID)).body.string
            #expect(receipt.contains("电子收据") && receipt.contains("张三") && receipt.contains("164.70") && receipt.contains("HHDEMO1") && receipt.contains("TEST"))
            let asStaff = try await browser.send(.GET, "/api/v1/community/payments/\(paymentID)/receipt", bearer: staff).content.decode(Receipt.self)
            #expect(asStaff.payer == "张*" && asStaff.amount == "164.70" && asStaff.bills.count == 2 && asStaff.receiptNumber.hasPrefix("SJ20260311"))
            #expect(try await clerk.send(.GET, PaymentURL.receipt(paymentID)).body.string.contains("张*"))

            let after = try await browser.send(.GET, "/api/v1/communities/\(Self.feicuiyuan)/arrears", bearer: staff).content.decode(BillService.Arrears.self)
            #expect(!after.households.contains { $0.household == "HHDEMO1" })
            #expect(try await resident.send(.GET, BillPages.mine).body.string.contains("电子收据"))
            resident.cookies[CookieName.elder] = "1"
            let elder = try await resident.send(.GET, PaymentURL.receipt(paymentID)).body.string
            #expect(elder.contains("class=\"elder\"") && elder.contains("164.70"))
        }
    }

    @Test("the provider's callback pays once: replayed, or twice at the same moment")
    func callbackOnce() async throws {
        try await Self.withBills { app in
            #expect(try await Self.issue(app, Self.input("household", household: "HHDEMO1")).status == .created)
            let bill = try #require(try await Self.zhangsBills(app).first)
            let payment = try await Self.startPayment(app, bills: [bill.id])
            #expect(payment.amountFen == 12850 && payment.payURL?.hasPrefix("/payments/test/") == true)
            let notice = PaymentNotice(orderNumber: payment.orderNumber, providerOrder: "WX0001", amountFen: 12850, status: .paid)
            async let first = Self.callback(app, notice)
            async let second = Self.callback(app, notice)
            let answers = try await [first, second]
            #expect(answers.allSatisfy { $0.status == .ok })
            let outcomes = try answers.map { try $0.content.decode(BillController.CallbackAnswer.self).result }
            #expect(outcomes.filter { $0 == .settled }.count == 1 && outcomes.filter { $0 == .duplicate }.count == 1)
            let replay = try await Self.callback(app, notice)
            #expect(try replay.status == .ok && replay.content.decode(BillController.CallbackAnswer.self).result == .duplicate)
            let stored = try #require(try await Payment.query(on: app.db).filter(\.$orderNumber == payment.orderNumber).first())
            #expect(stored.state == .paid && stored.providerOrder == "WX0001")
            let zhang = try #require(try await User.query(on: app.db).filter(\.$realName == "张三").first()?.id)
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == zhang).filter(\.$title == "缴费成功").count() == 1)
            // Paying it again is refused before any money moves.
            let again = try await Browser(app).send(.POST, "/api/v1/me/community/payments", json: ["bills": [bill.id]], bearer: try await apiToken(app, "13800000001"))
            #expect(again.status == .conflict && again.errorCode == "bill.already_paid")
        }
    }

    @Test("a forged signature, a wrong amount, an unknown order or another provider's order number are refused and change nothing")
    func callbackRefused() async throws {
        try await Self.withBills { app in
            #expect(try await Self.issue(app, Self.input("household", household: "HHDEMO1")).status == .created)
            let bill = try #require(try await Self.zhangsBills(app).first)
            let payment = try await Self.startPayment(app, bills: [bill.id])
            let good = PaymentNotice(orderNumber: payment.orderNumber, providerOrder: "WX0002", amountFen: 12850, status: .paid)
            let forged = try await Self.callback(app, good, secret: "guessed")
            #expect(forged.status == .unauthorized && forged.errorCode == "payment.bad_signature")
            var unsigned = HTTPHeaders()
            unsigned.contentType = .json
            #expect(try await Browser(app).send(.POST, "/api/v1/payments/callback/test", headers: unsigned, raw: "{}").status == .unauthorized)
            var cheap = good
            cheap.amountFen = 1
            let short = try await Self.callback(app, cheap)
            #expect(short.status == .unprocessableEntity && short.errorCode == "payment.amount_mismatch")
            var unknown = good
            unknown.orderNumber = "TB000"
            #expect(try await Self.callback(app, unknown).status == .notFound)
            #expect(try await Browser(app).send(.POST, "/api/v1/payments/callback/alipay", raw: "{}").status == .notFound)
            #expect(try await Self.zhangsBills(app).first?.status == "待缴")
            #expect(try await Payment.query(on: app.db).filter(\.$orderNumber == payment.orderNumber).first()?.state == .pending)
            // Cancelled at the provider: the bill stays due and can be paid again.
            var cancelled = good
            cancelled.status = .cancelled
            #expect(try await Self.callback(app, cancelled).status == .ok)
            #expect(try await Payment.query(on: app.db).filter(\.$orderNumber == payment.orderNumber).first()?.state == .cancelled)
            _ = try await Self.startPayment(app, bills: [bill.id])
        }
    }

    @Test("two payments for the same bill: the first settles it, the second is marked for refund; the bill is paid once")
    func paidTwice() async throws {
        try await Self.withBills { app in
            #expect(try await Self.issue(app, Self.input("household", household: "HHDEMO1")).status == .created)
            let bill = try #require(try await Self.zhangsBills(app).first)
            let first = try await Self.startPayment(app, bills: [bill.id])
            let second = try await Self.startPayment(app, bills: [bill.id])
            for (payment, order) in [(first, "WX-A"), (second, "WX-B")] {
                #expect(try await Self.callback(app, PaymentNotice(orderNumber: payment.orderNumber, providerOrder: order, amountFen: 12850, status: .paid)).status == .ok)
            }
            let states = try await Payment.query(on: app.db).sort(\.$createdAt).all().map(\.state)
            #expect(Set(states) == [.paid, .refundDue])
            let paid = try #require(try await Self.zhangsBills(app).first)
            #expect(paid.status == "已缴" && paid.paymentId == first.id)
            let staff = Browser(app)
            try await staff.signIn("property.fcy")
            let page = try await staff.send(.GET, BillPages.arrears(Self.feicuiyuan)).body.string
            #expect(page.contains("待退款") && page.contains(second.orderNumber) && page.contains("WX-B") && page.contains("张*"))

            // Staff return the money through the provider and record it: off the list, the payer told; once only.
            let refund = "/api/v1/communities/\(Self.feicuiyuan)/payments/\(second.id)/refunded"
            #expect(try await Browser(app).send(.POST, refund, json: ["reference": "RF"], bearer: try await apiToken(app, "property.fcy")).status
                    == .unprocessableEntity)
            #expect(try await Browser(app).send(.POST, refund, json: ["reference": "WXRF20260302001"], bearer: try await apiToken(app, "community.hjj")).status
                    == .forbidden, "another community's staff")
            #expect(try await Browser(app).send(.POST, "/api/v1/communities/\(Self.feicuiyuan)/payments/\(first.id)/refunded",
                                                json: ["reference": "WXRF20260302001"], bearer: try await apiToken(app, "property.fcy")).status == .conflict,
                    "the payment that settled the bill is not refunded")
            let refunded = try await staff.submit("/community/\(Self.feicuiyuan)/payments/\(second.id)/refunded",
                                                  ["reference": "WXRF20260302001"])
            #expect(refunded.status == .seeOther)
            #expect(!(try await staff.send(.GET, BillPages.arrears(Self.feicuiyuan)).body.string.contains(second.orderNumber)), "off the refund list")
            #expect(try await Payment.find(second.id, on: app.db)?.state == .refunded)
            #expect(try await Browser(app).send(.POST, refund, json: ["reference": "WXRF20260302001"], bearer: try await apiToken(app, "property.fcy")).status
                    == .conflict)
            let zhang = try #require(try await User.query(on: app.db).filter(\.$realName == "张三").first())
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == zhang.id!).filter(\.$title == "重复缴费已退款").count() >= 1)
        }
    }

    @Test("社区代收: 张三 pays at the station in cash; the bills are paid, the household told, the receipt names how; nothing is collected twice")
    func counterCollection() async throws {
        try await Self.withBills { app in
            #expect(try await Self.issue(app, Self.input("household", household: "HHDEMO1")).status == .created)
            #expect(try await Self.issue(app, Self.input("household", kind: "水费", fen: 3620, household: "HHDEMO1")).status == .created)
            let bills = try await Self.zhangsBills(app)
            #expect(bills.count == 2)
            let path = "/api/v1/communities/\(Self.feicuiyuan)/collections"
            let bad = try await Browser(app).send(.POST, path, json: CounterCollection(household: "HHDEMO1", bills: [], method: "gold", payerName: "", consent: ""),
                                                  bearer: try await apiToken(app, "community.fcy"))
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(try bad.content.decode(ErrorBody.self).details?.keys.map { $0 } ?? []) == ["bills", "method", "payerName", "consent"])
            let good = CounterCollection(household: "HHDEMO1", bills: bills.map(\.id), method: "cash", payerName: "张三", consent: "本人到社区服务站当面交现金")
            for outsider in ["grid.fcy", "volunteer.fcy", "community.hjj", "13800000001"] {
                #expect(try await Browser(app).send(.POST, path, json: good, bearer: try await apiToken(app, outsider)).status == .forbidden, "\(outsider)")
            }
            var other = good
            other.household = "HHDEMO2"
            #expect(try await Browser(app).send(.POST, path, json: other, bearer: try await apiToken(app, "community.fcy")).status == .notFound,
                    "another household's bills are no bills")

            // At the counter: find the household, tick, say how; the receipt opens for printing.
            let station = Browser(app)
            try await station.signIn("community.fcy")
            let form = try await station.send(.GET, "\(CounterCollectionPages.collect(Self.feicuiyuan))?household=HHDEMO1")
            #expect(form.status == .ok && form.body.string.contains("物业费") && form.body.string.contains("水费"))
            let refused = try await station.submit(CounterCollectionPages.collect(Self.feicuiyuan),
                                                   ["household": "HHDEMO1", "bills[]": bills[0].id.uuidString, "payerName": "张三", "consent": "本人当面"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("请选择收款方式"))
            let receipt = try await station.submit(CounterCollectionPages.collect(Self.feicuiyuan),
                                                   ["household": "HHDEMO1", "bills[]": bills[0].id.uuidString, "method": "cash", "payerName": "张三",
                                                    "consent": "本人到社区服务站当面交现金"])
            let printed = try await station.send(.GET, try #require(receipt.headers.first(name: .location)))
            #expect(printed.status == .ok && printed.body.string.contains("电子收据") && printed.body.string.contains("现金，社区服务站"))
            let after = try await Self.zhangsBills(app)
            #expect(after.filter { $0.status == "已缴" }.count == 1)
            let zhang = try #require(try await User.query(on: app.db).filter(\.$realName == "张三").first())
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == zhang.id!).filter(\.$title == "社区已代收缴费")
                .filter(\.$channel == "sms").count() == 1)
            // The same bill again (a second click, or paid online meanwhile): refused, and no second payment is kept.
            #expect(try await Browser(app).send(.POST, path, json: good, bearer: try await apiToken(app, "community.fcy")).status == .conflict)
            #expect(try await Payment.query(on: app.db).count() == 1)
            var rest = good
            rest.bills = [bills[1].id]
            rest.method = "code"
            let paid = try await Browser(app).send(.POST, path, json: rest, bearer: try await apiToken(app, "property.fcy"))
            #expect(paid.status == .created)
            #expect(try await Self.zhangsBills(app).allSatisfy { $0.status == "已缴" })
            // 张三 sees the receipt in full as his household's.
            let mine = Browser(app)
            try await mine.signIn("13800000001")
            let own = try await mine.send(.GET, PaymentURL.receipt(try paid.content.decode(PaymentView.self).id)).body.string
            #expect(own.contains("扫码（社区收款码）") && own.contains("张三"))
        }
    }

    @Test("a real provider is configured or the server does not start: a gateway without its secret, or an unknown provider, is refused")
    func configuration() async throws {
        try await withTongban { app in
            var settings = BillSettings()
            settings.paymentProvider = "gateway"
            settings.paymentGatewayURL = "https://pay.example.com/orders"
            #expect(throws: AppError.self) { try PaymentProviders.make(settings, app: app) }
            settings.paymentSecret = "s"
            settings.paymentNotifyURL = "https://tongban.example.com/api/v1/payments/callback/gateway"
            let gateway = try PaymentProviders.make(settings, app: app)
            #expect(gateway.name == "gateway")
            settings.paymentProvider = "cash"
            #expect(throws: AppError.self) { try PaymentProviders.make(settings, app: app) }
            let env = BillSettings.fromEnvironment(["TONGBAN_PAYMENT_PROVIDER": "gateway", "TONGBAN_PAYMENT_SECRET": "x", "TONGBAN_BILL_REMIND_DAYS": "5"])
            #expect(env.paymentProvider == "gateway" && env.paymentSecret == "x" && env.reminderDays == 5)
            #expect(BillSettings.fromEnvironment([:]).paymentProvider == "test")
        }
    }

    @Test("only the community's own staff and property company issue; others are refused; residents reach only their household's bills and receipts")
    func authorization() async throws {
        try await Self.withBills { app in
            #expect(try await Self.issue(app, Self.input(), as: "property.fcy").status == .created)
            for outsider in ["community.hjj", "grid.fcy", "volunteer.fcy", "13800000001", "leader"] {
                #expect(try await Self.issue(app, Self.input(kind: "水费"), as: outsider).status == .forbidden, "\(outsider)")
            }
            let browser = Browser(app)
            #expect(try await browser.send(.POST, "/api/v1/communities/\(Self.feicuiyuan)/bills", json: Self.input()).status == .unauthorized)
            let arrears = "/api/v1/communities/\(Self.feicuiyuan)/arrears"
            for outsider in ["community.hjj", "grid.fcy", "volunteer.fcy", "13800000001"] {
                #expect(try await browser.send(.GET, arrears, bearer: try await apiToken(app, outsider)).status == .forbidden, "\(outsider)")
            }
            #expect(try await browser.send(.GET, arrears, bearer: try await apiToken(app, "leader")).status == .ok)
            #expect(try await browser.send(.GET, arrears).status == .unauthorized)
            let staffPage = Browser(app)
            try await staffPage.signIn("community.hjj")
            #expect(try await staffPage.send(.GET, BillPages.staff(Self.feicuiyuan)).status == .forbidden)
            #expect(try await staffPage.send(.GET, "/community/\(Self.feicuiyuan)/arrears.csv").status == .forbidden)

            let bill = try #require(try await Self.zhangsBills(app).first)
            let li = try await apiToken(app, "13800000002")
            let stolen = try await browser.send(.POST, "/api/v1/me/community/payments", json: ["bills": [bill.id]], bearer: li)
            #expect(stolen.status == .notFound)
            #expect(try await browser.send(.GET, "/api/v1/me/community/bills", bearer: li).content.decode([BillService.View].self).isEmpty)
            let payment = try await Self.startPayment(app, bills: [bill.id])
            let notice = PaymentNotice(orderNumber: payment.orderNumber, providerOrder: "WX3", amountFen: payment.amountFen, status: .paid)
            #expect(try await Self.callback(app, notice).status == .ok)
            let receipt = "/api/v1/community/payments/\(payment.id)/receipt"
            for outsider in ["13800000002", "13800000003", "community.hjj", "grid.fcy"] {
                #expect(try await browser.send(.GET, receipt, bearer: try await apiToken(app, outsider)).status == .notFound, "\(outsider)")
            }
            #expect(try await browser.send(.GET, receipt).status == .unauthorized)
            #expect(try await browser.send(.GET, receipt, bearer: try await apiToken(app, "13800000001")).status == .ok)
            #expect(try await browser.send(.GET, "/api/v1/me/community/payments/\(payment.id)", bearer: li).status == .notFound)
            #expect(try await browser.send(.GET, "/api/v1/me/community/bills").status == .unauthorized)
        }
    }

    @Test("bad input is named field by field: zero or negative amounts, unknown household or building, a past due date; a repeat is not billed twice")
    func badInput() async throws {
        try await Self.withBills { app in
            let all = try await Self.issue(app, BillService.IssueInput(scope: "everyone", kind: "宽带费", period: "", amountFen: 0, dueOn: "2026-03-01"))
            #expect(all.status == .unprocessableEntity)
            let details = try #require(try all.content.decode(ErrorBody.self).details)
            #expect(Set(details.keys) == ["scope", "kind", "period", "amountFen", "dueOn"])
            let negative = try await Self.issue(app, Self.input(fen: -100))
            #expect(try negative.status == .unprocessableEntity && negative.content.decode(ErrorBody.self).details?["amountFen"] != nil)
            let building = try await Self.issue(app, Self.input("building", building: "不存在的99栋"))
            #expect(try building.content.decode(ErrorBody.self).details?["building"] == "本社区没有这个楼栋")
            // 王奶奶's household is in 红军街, not 翡翠苑.
            let household = try await Self.issue(app, Self.input("household", household: "HHDEMO3"))
            #expect(try household.content.decode(ErrorBody.self).details?["household"] == "本社区没有这个户号")
            #expect(try await Self.issue(app, Self.input()).status == .created)
            let again = try await Self.issue(app, Self.input())
            #expect(again.status == .conflict && again.errorCode == "bill.duplicate")
            let empty = try await Browser(app).send(.POST, "/api/v1/me/community/payments", json: ["bills": [UUID]()], bearer: try await apiToken(app, "13800000001"))
            #expect(empty.status == .unprocessableEntity)

            // The page takes 元 as people type them and says what is wrong with each field.
            let staff = Browser(app)
            try await staff.signIn("community.fcy")
            let page = BillPages.staff(Self.feicuiyuan)
            let wrong = try await staff.submit(page, ["scope": "household", "household": "HHDEMO1", "kind": "水费", "period": "2026年3月",
                                                      "amount": "12.345", "dueOn": "2026-02-28"], from: page)
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("金额格式不对") && wrong.body.string.contains("不能早于今天"))
            let right = try await staff.submit(page, ["scope": "household", "household": "HHDEMO1", "kind": "水费", "period": "2026年3月",
                                                      "amount": "36.2", "dueOn": "2026-03-20"], from: page)
            #expect(right.status == .seeOther)
            #expect(try await Self.zhangsBills(app).contains { $0.kind == "水费" && $0.amountFen == 3620 })
            #expect(try await staff.send(.GET, CommunityURL.workbench(Self.feicuiyuan)).body.string.contains(page))
        }
    }

    @Test("money is integer fen, shown in 元 with two decimals", arguments: [
        (0, "0.00"), (5, "0.05"), (10, "0.10"), (100, "1.00"), (12850, "128.50"), (123_456_789, "1234567.89"),
    ])
    func moneyFormat(fen: Int, text: String) {
        #expect(BillMoney.yuan(fen) == text)
        #expect(BillMoney.fen(text) == fen)
    }

    @Test("amounts typed in 元 are read exactly or refused", arguments: [
        ("128.5", 12850), ("0.1", 10), (" 36 ", 3600), ("12.345", nil), ("-1", nil), ("1,000", nil), ("", nil), ("abc", nil), ("１２", nil), (".5", nil), ("5.", nil),
    ] as [(String, Int?)])
    func moneyParse(text: String, fen: Int?) {
        #expect(BillMoney.fen(text) == fen)
    }
}
