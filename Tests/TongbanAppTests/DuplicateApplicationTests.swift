import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("重复申请: one case at a time for personal items, none after 免申即享 granted it; companies' items exempt")
struct DuplicateApplicationTests {
    @Test("王奶奶 applies for 高龄津贴 twice: the second is refused and the page shows her case; after withdrawing she may apply again")
    func personalItemOnce() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let her = try await apiToken(app, "13800000003")
            let input = try await browser.application(item: "mz-gljt", token: her)
            let first = try await browser.apply(input, token: her)
            let again = try await browser.send(.POST, "/api/v1/cases", json: input, bearer: her)
            #expect(again.status == .conflict && again.body.string.contains(first.number) && again.body.string.contains("case.duplicate"))

            let page = Browser(app)
            try await page.signIn("13800000003")
            let form = try await page.send(.GET, "/apply?item=mz-gljt").body.string
            #expect(form.contains("您已有办件") && form.contains(first.number) && !form.contains("action=\"/apply\""))

            #expect(try await browser.send(.POST, "/api/v1/cases/\(first.id)/withdraw", bearer: her).status == .ok)
            #expect(try await browser.send(.POST, "/api/v1/cases", json: input, bearer: her).status == .created, "a withdrawn case does not block")
        }
    }

    @Test("the form starts on the applicant's own district from 人口库")
    func homeDistrict() async throws {
        try await withTongban { app in
            let page = Browser(app)
            try await page.signIn("13800000003")
            let form = try await page.send(.GET, "/apply?item=mz-gljt").body.string
            // 王奶奶 lives in 红军街社区, 金寨县 (341524).
            #expect(form.contains("value=\"341524\" selected"), "\(form.components(separatedBy: "341524").dropFirst().first?.prefix(40) ?? "")")
        }
    }

    @Test("免申即享 skips her while her own application is being handled; once granted, applying is refused with the reason")
    func grantAndApplication() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-05T10:00:00"))
            let browser = Browser(app)
            let her = try await apiToken(app, "13800000003")
            let admin = try await apiToken(app, "admin")
            let own = try await browser.apply(try await browser.application(item: "mz-gljt", token: her), token: her)
            let policy = PolicyTests.input("高龄津贴免申即享", conditions: PolicyGrantTests.byAge)
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: policy, bearer: admin).status == .created)
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(60)) }
            #expect(try await PolicyGrantTests.proactiveCases(app).isEmpty, "her own case stands: nothing granted twice")
            #expect(try await PolicyNotice.query(on: app.db).first()?.caseID == own.id)

            // Withdrawn, the next recheck grants it; a new application is then refused.
            #expect(try await browser.send(.POST, "/api/v1/cases/\(own.id)/withdraw", bearer: her).status == .ok)
            try await PolicyNotice.query(on: app.db).delete()
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(2 * 24 * 3600)) }
            #expect(try await PolicyGrantTests.proactiveCases(app).count == 1)
            let refused = try await browser.send(.POST, "/api/v1/cases", json: try await browser.application(item: "mz-gljt", token: her), bearer: her)
            #expect(refused.status == .conflict && refused.body.string.contains("免申即享"))
        }
    }

    @Test("an agent may apply for 企业开办 again: items companies apply for are not limited")
    func companiesExempt() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let token = try await apiToken(app, "13800000002")
            let input = try await browser.application(lifeEvent: "qykb", token: token, company: DemoAccounts.company.creditCode)
            _ = try await browser.apply(input, token: token)
            _ = try await browser.apply(input, token: token)
            #expect(try await Case.query(on: app.db).filter(\.$lifeEventCode == "qykb").count() == 2)
        }
    }
}
