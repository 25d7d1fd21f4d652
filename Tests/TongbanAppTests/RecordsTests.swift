import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("我的社保 / 我的公积金 / 我的医保: own history through the exchange, verifiable statements")
struct RecordsTests {
    static let zhang = "13800000001", li = "13800000002", grandma = "13800000003"

    /// The last month with bookings: the seed counts back from the month before today.
    func lastMonth(_ app: Application) -> RecordMonth { RecordMonth(CalendarDay(app.clock.now())).adding(months: -1) }

    @Test("a citizen sees their own contributions, fund bookings and medical visits, in the browser and the API")
    func ownHistory() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let token = try await apiToken(app, Self.zhang)
            let social = try await browser.send(.GET, "/api/v1/me/records/social-insurance", bearer: token).content.decode(SocialInsuranceRecords.self)
            // 36 months, three of them between two jobs.
            #expect(social.contributions.count == 33)
            #expect(social.contributions.last?.employer == DemoAccounts.company.name && social.contributions.last?.period == lastMonth(app).description)
            #expect(social.contributions.first?.employer == "六安市恒达物流有限公司")
            #expect(social.account?.status == "参保缴费" && social.personalTotalFen == social.contributions.map(\.personalFen).reduce(0, +))

            let fund = try await browser.send(.GET, "/api/v1/me/records/fund", bearer: token).content.decode(FundRecords.self)
            #expect(fund.account?.balanceFen == 4_860_000 && fund.transactions.last?.balanceFen == 4_860_000, "the bookings end on the account's balance")
            #expect(fund.transactions.filter { $0.kind == "汇缴" }.count == 33 && fund.transactions.contains { $0.kind == "结息" })
            for (before, after) in zip(fund.transactions, fund.transactions.dropFirst()) {
                #expect(before.balanceFen + after.amountFen == after.balanceFen, "every booking moves the balance by its amount")
            }

            let medical = try await browser.send(.GET, "/api/v1/me/records/medical", bearer: token).content.decode(MedicalRecords.self)
            #expect(medical.account?.insuranceType == "职工基本医疗保险" && medical.visits.count == 4)
            #expect(medical.visits.allSatisfy { $0.selfPaidFen == $0.totalFen - $0.reimbursedFen })

            try await browser.signIn(Self.zhang)
            #expect(try await browser.send(.GET, "/me").body.string.contains(RecordsURL.home))
            let overview = try await browser.send(.GET, RecordsURL.home)
            #expect(overview.status == .ok && overview.body.string.contains("48600.00 元"))
            let page = try await browser.send(.GET, RecordsURL.socialInsurance + "?from=\(lastMonth(app).adding(months: -2))&to=\(lastMonth(app))")
            #expect(page.status == .ok && page.body.string.contains("合计（3 个月）") && page.body.string.contains(DemoAccounts.company.name))
            let visits = try await browser.send(.GET, RecordsURL.medical).body.string
            #expect(visits.contains("六安市人民医院") && visits.contains("医保报销"))
        }
    }

    @Test("reading my records shows in 谁用了我的数据 as my own read, history included")
    func ownReadsLogged() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let token = try await apiToken(app, Self.li)
            _ = try await browser.send(.GET, "/api/v1/me/records/fund", bearer: token)
            let usage = try await browser.send(.GET, "/api/v1/me/data-usage", bearer: token).content.decode([ExchangeController.UsageView].self)
            let history = try #require(usage.first { $0.fields.contains("缴存与提取明细") })
            #expect(history.department == "本人" && history.reader == "李四" && history.registry == "住房公积金缴存库")
            #expect(usage.contains { $0.department == "本人" && $0.fields.contains("账户余额") })
            // Nobody else's log holds it.
            let other = try await browser.send(.GET, "/api/v1/me/data-usage", bearer: try await apiToken(app, Self.zhang))
                .content.decode([ExchangeController.UsageView].self)
            #expect(!other.contains { $0.fields.contains("缴存与提取明细") })
        }
    }

    @Test("a statement's code verifies on the public page with the period and a masked ID; a wrong or unknown code does not")
    func statementVerifies() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let token = try await apiToken(app, Self.zhang)
            let (from, to) = (lastMonth(app).adding(months: -11), lastMonth(app))
            let response = try await browser.send(.POST, "/api/v1/me/records/statements", json: StatementInput(kind: "socialInsurance", from: from.description, to: to.description), bearer: token)
            #expect(response.status == .created)
            let statement = try response.content.decode(StatementView.self)
            #expect(statement.title == "社会保险缴费证明" && statement.period == "\(from.chinese)至\(to.chinese)")
            #expect(statement.content["缴费月数"] == "12 个月" && statement.validUntil != nil)
            let idNumber = DemoAccounts.citizens[0].idNumber
            #expect(statement.content["公民身份号码"] == Masking.residentID(idNumber))

            let anonymous = Browser(app)
            let verified = try await anonymous.send(.GET, "/api/v1/certificates/verify?number=\(statement.number)&code=\(statement.verificationCode)")
                .content.decode(CertificateService.Verification.self)
            #expect(verified.status == "valid" && verified.contentIntact && verified.ledger?.verified == true)
            #expect(verified.content?["证明期间"] == statement.period && verified.holder == "张*", "the reader sees what it states, not who in full")
            let page = try await anonymous.send(.GET, "/verify?number=\(statement.number)&code=\(statement.verificationCode)")
            #expect(page.status == .ok && page.body.string.contains("社会保险缴费证明") && page.body.string.contains(statement.period))
            #expect(!page.body.string.contains(idNumber) && !page.body.string.contains("张三"))

            let wrong = String(statement.verificationCode.dropLast()) + (statement.verificationCode.hasSuffix("2") ? "3" : "2")
            #expect(try await anonymous.send(.GET, "/verify?number=\(statement.number)&code=\(wrong)").status == .notFound)
            #expect(try await anonymous.send(.GET, "/verify?number=LA-2026-UNKNOWN0&code=\(statement.verificationCode)").status == .notFound)

            // An amount changed in the database no longer matches what was issued.
            let stored = try #require(try await Certificate.find(statement.id, on: app.db))
            stored.contentJSON = stored.contentJSON.replacingOccurrences(of: "12 个月", with: "24 个月")
            try await stored.save(on: app.db)
            let tampered = try await anonymous.send(.GET, "/api/v1/certificates/verify?number=\(statement.number)&code=\(statement.verificationCode)")
                .content.decode(CertificateService.Verification.self)
            #expect(!tampered.contentIntact)
        }
    }

    @Test("the statement form leads to a printable page; 参保证明 states the insurance, not the visits")
    func printableStatement() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            try await browser.signIn(Self.grandma)
            let issued = try await browser.submit(RecordsURL.statements, ["kind": "medical", "from": "", "to": ""], from: RecordsURL.medical)
            #expect(issued.status == .seeOther)
            let location = try #require(issued.headers.first(name: .location))
            let page = try await browser.send(.GET, location).body.string
            #expect(page.contains("医疗保险参保证明") && page.contains("城乡居民基本医疗保险") && page.contains("data-print") && page.contains("核验码"))
            #expect(page.contains("2008年01月至") && !page.contains("金寨县人民医院"))
            #expect(try await browser.send(.GET, "/me/certificates").body.string.contains("医疗保险参保证明"), "a statement is a certificate in the wallet")
        }
    }

    @Test("no one sees another person's records or statements; staff get no citizen's records here")
    func authorization() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let zhang = try await apiToken(app, Self.zhang)
            let statement = try await browser.send(.POST, "/api/v1/me/records/statements", json: StatementInput(kind: "fund"), bearer: zhang)
                .content.decode(StatementView.self)
            let li = try await apiToken(app, Self.li)
            #expect(try await browser.send(.GET, "/api/v1/me/records/statements/\(statement.id)", bearer: li).status == .notFound)
            #expect(try await browser.send(.GET, "/api/v1/me/records/statements/\(statement.id)", bearer: zhang).status == .ok)
            let liFund = try await browser.send(.GET, "/api/v1/me/records/fund", bearer: li).content.decode(FundRecords.self)
            #expect(liFund.account?.balanceFen == 2_315_000 && liFund.transactions.contains { $0.kind == "提取" })
            // A certificate that is not a statement is not one here either.
            let wallet = try await browser.send(.GET, "/api/v1/me/certificates", bearer: zhang).content.decode([CertificateController.WalletEntry].self)
            let idCard = try #require(wallet.first { $0.verification.kind == "居民身份证（电子）" })
            #expect(try await browser.send(.GET, "/api/v1/me/records/statements/\(idCard.id)", bearer: zhang).status == .notFound)

            let other = Browser(app)
            try await other.signIn(Self.li)
            #expect(try await other.send(.GET, RecordsURL.statement(statement.id)).status == .notFound)
            for staff in ["reviewer.rs", "reviewer.gjj", "admin"] {
                let token = try await apiToken(app, staff)
                #expect(try await browser.send(.GET, "/api/v1/me/records/social-insurance", bearer: token).status == .forbidden)
                #expect(try await browser.send(.GET, "/api/v1/me/records/statements/\(statement.id)", bearer: token).status == .forbidden)
            }
            #expect(try await Browser(app).send(.GET, "/api/v1/me/records").status == .unauthorized)
            // The history is not reachable through the departments' door either.
            let gate = ExchangeGate(db: app.db, cipher: app.fieldCipher, catalog: app.catalogCache.snapshot, now: app.clock.now())
            await #expect(throws: AppError.self) {
                _ = try await gate.readOwnHistory("fund", history: "transactions", of: DemoAccounts.citizens[0].idNumber,
                                                  by: .init(name: "审批李明", userID: nil, departmentCode: "gjj"), purpose: "*") { _, _ in [Int]() }
            }
        }
    }

    @Test("a period that is malformed, reversed, outside the history or in a gap is a 422 with the reason")
    func badPeriods() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let token = try await apiToken(app, Self.zhang)
            let last = lastMonth(app)
            for (query, code) in [("from=2024-13", "records.invalid_period"), ("from=2024/01", "records.invalid_period"),
                                  ("from=\(last)&to=\(last.adding(months: -3))", "records.invalid_period"),
                                  ("from=2001-01&to=2001-12", "records.period_out_of_range"),
                                  ("from=\(last.adding(months: 1))", "records.period_out_of_range")] {
                let response = try await browser.send(.GET, "/api/v1/me/records/social-insurance?\(query)", bearer: token)
                #expect(response.status == .unprocessableEntity && response.errorCode == code, "\(query)")
            }
            let gap = StatementInput(kind: "socialInsurance", from: last.adding(months: -28).description, to: last.adding(months: -26).description)
            #expect(try await browser.send(.POST, "/api/v1/me/records/statements", json: gap, bearer: token).errorCode == "records.no_records_in_period")
            #expect(try await browser.send(.POST, "/api/v1/me/records/statements", json: StatementInput(kind: "pension"), bearer: token).errorCode == "records.unknown_statement")
            #expect(try await browser.send(.POST, "/api/v1/me/records/statements", raw: "{", bearer: token).status == .unprocessableEntity)
            let grandma = try await apiToken(app, Self.grandma)
            #expect(try await browser.send(.POST, "/api/v1/me/records/statements", json: StatementInput(kind: "socialInsurance"), bearer: grandma).errorCode == "records.no_account")

            try await browser.signIn(Self.zhang)
            let page = try await browser.send(.GET, RecordsURL.fund + "?from=2001-01&to=2001-02")
            #expect(page.status == .unprocessableEntity && page.body.string.contains("所选期间没有记录") && page.body.string.contains("汇缴"))
        }
    }
}
