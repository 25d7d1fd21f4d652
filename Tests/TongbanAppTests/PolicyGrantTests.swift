import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("免申即享: eligible people get the benefit without applying, with the basis on record")
struct PolicyGrantTests {
    static let byAge = """
    {"rules": [{"id": "age", "description": "年满70周岁", "fact": "person.age", "op": "greaterOrEqual", "value": 70, "onFail": "reject", "factLabel": "年龄"}]}
    """

    static func proactiveCases(_ app: Application) async throws -> [Case] {
        try await Case.query(on: app.db).filter(\.$channel == CaseService.proactiveChannel).all()
    }

    @Test("publishing makes and decides the case for 王奶奶 alone; she sees it and why; nobody else sees it; it happens once")
    func grantOnPublish() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-05T10:00:00"))
            let browser = Browser(app)
            let admin = try await apiToken(app, "admin")
            let input = PolicyTests.input("高龄津贴免申即享", conditions: Self.byAge)
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: input, bearer: admin).status == .created)
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(60)) }

            let grandmother = try #require(try await User.query(on: app.db).filter(\.$realName == "王奶奶").first())
            let cases = try await Self.proactiveCases(app)
            #expect(cases.count == 1 && cases.first?.$applicant.id == grandmother.id, "only the person aged 70 or more")
            let granted = try #require(cases.first)
            #expect(granted.state == CaseState.approved.rawValue && granted.itemCode == "mz-gljt")

            // She is told what she gets and why, and finds the case with its basis.
            let told = try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == grandmother.id!)
                .filter(\.$title == "免申即享：已为您办理").all()
            #expect(told.contains { $0.body.contains("每月高龄津贴") && $0.body.contains("无需申请") && $0.channel == "inapp" })
            #expect(told.contains { $0.channel == "sms" })
            let her = try await apiToken(app, "13800000003")
            let view = try await browser.send(.GET, "/api/v1/cases/\(granted.id!)", bearer: her).content.decode(CaseView.self)
            #expect(view.autoDecision?.outcomes.map(\.status) == [.passed] && view.autoDecision?.summary.contains("高龄津贴免申即享") == true)
            #expect(view.events.map(\.kind).starts(with: ["proactive", "accepted", "task_approved"]), "\(view.events.map(\.kind))")
            let checks = try await browser.send(.GET, "/api/v1/me/policies", bearer: her).content.decode([PolicyService.Check].self)
            #expect(checks.first?.grantedCase == granted.id)
            let page = Browser(app)
            try await page.signIn("13800000003")
            let html = try await page.send(.GET, CaseURL.mine(granted.id!)).body.string
            #expect(html.contains("免申即享：办理依据") && html.contains("年满70周岁") && html.contains("无需申请"))
            #expect(try await page.send(.GET, PolicyPages.mine).body.string.contains("已为您办理"))

            // Another citizen must not see it; the ledger holds the basis.
            let stranger = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.GET, "/api/v1/cases/\(granted.id!)", bearer: stranger).status == .notFound)
            #expect(try await LedgerEntry.query(on: app.db).filter(\.$kind == "policy.granted").count() == 1)

            // The daily recheck finds nobody new and makes no second case.
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(2 * 24 * 3600)) }
            #expect(try await Self.proactiveCases(app).count == 1)
            let reach = try await browser.send(.GET, "/api/v1/admin/policies", bearer: admin).content.decode([PolicyService.Reach].self)
            #expect(reach.first?.granted == 1 && reach.first?.told == 1)
            #expect(try await browser.send(.GET, "/api/v1/admin/policies", bearer: her).status == .forbidden)
        }
    }

    @Test("someone who becomes eligible after publishing gets the benefit at the next daily recheck")
    func laterEligible() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-05T10:00:00"))
            let browser = Browser(app)
            let admin = try await apiToken(app, "admin")
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: PolicyTests.input("高龄津贴免申即享", conditions: Self.byAge),
                                           bearer: admin).status == .created)
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(60)) }
            let before = try await Self.proactiveCases(app).count

            let idNumber = ResidentID.make(region: "341503", year: 1950, month: 1, day: 2, order: 71).value
            let input = RegistrationInput(phone: "13912345670", password: "anhui2026", realName: "赵爷爷", idNumber: idNumber)
            #expect(try await Browser(app).send(.POST, "/api/v1/auth/register", json: input).status == .created)
            for _ in 0..<4 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(25 * 3600)) }
            let cases = try await Self.proactiveCases(app)
            let newcomer = try #require(try await User.query(on: app.db).filter(\.$realName == "赵爷爷").first())
            #expect(cases.count == before + 1 && cases.contains { $0.$applicant.id == newcomer.id && $0.districtCode == "341503" })
        }
    }

    @Test("a registry condition needs the department's grant: without it nobody gets a case on a guess, with it the living elderly do")
    func registryConditions() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-05T10:00:00"))
            let browser = Browser(app)
            let admin = try await apiToken(app, "admin")
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: PolicyTests.input("高龄津贴"), bearer: admin).status == .created)
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(60)) }
            #expect(try await Self.proactiveCases(app).isEmpty, "民政局 may not read 人口库 yet")

            let grant = GrantInput(department: "mz", registry: "population", fields: ["alive"], purpose: "mz-gljt", expiresOn: "2099-12-31")
            #expect(try await browser.send(.POST, "/api/v1/admin/grants", json: grant, bearer: admin).status == .created)
            for _ in 0..<4 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(25 * 3600)) }
            let cases = try await Self.proactiveCases(app)
            let grandmother = try #require(try await User.query(on: app.db).filter(\.$realName == "王奶奶").first())
            #expect(cases.map(\.$applicant.id) == [grandmother.id!])
            let decision = try #require(cases.first?.autoDecision)
            #expect(decision.outcomes.map(\.ruleID) == ["age", "alive"] && decision.outcomes.allSatisfy { $0.status == .passed })
        }
    }
}
