import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("惠民政策: published with rules, checked condition by condition for each person")
struct PolicyTests {
    static let elderly = """
    {"rules": [
      {"id": "age", "description": "年满70周岁", "fact": "person.age", "op": "greaterOrEqual", "value": 70, "onFail": "reject", "factLabel": "年龄"},
      {"id": "alive", "description": "健在", "fact": "population.alive", "op": "isTrue", "onFail": "reject", "factLabel": "是否健在"}
    ]}
    """

    static func input(_ title: String, conditions: String = elderly, publish: Bool = true, noApplication: Bool = true) -> PolicyService.Input {
        PolicyService.Input(title: title, summary: "年满70周岁的本市户籍老人每月发放高龄津贴。", benefit: "每月高龄津贴", department: "mz",
                            conditions: conditions, itemCode: "mz-gljt", noApplication: noApplication, publish: publish)
    }

    @Test("an administrator publishes; 王奶奶 qualifies, 张三 does not and sees why; drafts stay private; bad rules are refused")
    func publishAndCheck() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-05T10:00:00"))
            let browser = Browser(app)
            let admin = try await apiToken(app, "admin")
            let citizen = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: Self.input("高龄津贴"), bearer: citizen).status == .forbidden)
            let bad = try await browser.send(.POST, "/api/v1/admin/policies", json: Self.input("", conditions: "{\"rules\": [{\"id\": 1}]}"), bearer: admin)
            #expect(bad.status == .unprocessableEntity)
            let problems = try bad.content.decode(ErrorBody.self).details ?? [:]
            #expect(problems["title"] != nil && problems["conditions"] != nil, "\(problems)")
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: Self.input("高龄津贴"), bearer: admin).status == .created)
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: Self.input("草稿政策", publish: false), bearer: admin).status == .created)

            let listed = try await browser.send(.GET, "/api/v1/policies").content.decode([PolicyService.View].self)
            #expect(listed.map(\.title) == ["高龄津贴"], "drafts are not published")

            let grandmother = try await apiToken(app, "13800000003")
            let hers = try await browser.send(.GET, "/api/v1/me/policies", bearer: grandmother).content.decode([PolicyService.Check].self)
            #expect(hers.first?.eligibility == .eligible && hers.first?.conditions.allSatisfy { $0.status == .passed } == true, "\(hers)")
            let his = try await browser.send(.GET, "/api/v1/me/policies", bearer: citizen).content.decode([PolicyService.Check].self)
            let age = try #require(his.first?.conditions.first { $0.ruleID == "age" })
            #expect(his.first?.eligibility == .notEligible && age.status == .failed && age.explanation.contains("40"), "\(age.explanation)")
            #expect(try await browser.send(.GET, "/api/v1/me/policies").status == .unauthorized)

            let page = Browser(app)
            try await page.signIn("13800000003")
            let html = try await page.send(.GET, PolicyPages.mine).body.string
            #expect(html.contains("高龄津贴") && html.contains("符合条件") && html.contains("免申即享"))
            #expect(try await Browser(app).send(.GET, PolicyPages.path).body.string.contains("高龄津贴"))
            let form = Browser(app)
            try await form.signIn("admin")
            let refused = try await form.submit(PolicyPages.admin, ["title": "x", "summary": "", "benefit": "", "department": "mz", "conditions": "不是JSON"],
                                                from: PolicyPages.admin)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("条件格式有误"))
        }
    }

    @Test("publishing tells everyone it is for, once; a condition on registry data the department may not read tells nobody")
    func push() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-05T10:00:00"))
            let browser = Browser(app)
            let admin = try await apiToken(app, "admin")
            let byAge = """
            {"rules": [{"id": "age", "description": "年满70周岁", "fact": "person.age", "op": "greaterOrEqual", "value": 70, "onFail": "reject", "factLabel": "年龄"}]}
            """
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: Self.input("敬老卡", conditions: byAge, noApplication: false), bearer: admin).status == .created)
            #expect(try await browser.send(.POST, "/api/v1/admin/policies", json: Self.input("高龄津贴", noApplication: false), bearer: admin).status == .created)
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(60)) }

            let told = try await TongbanApp.Notification.query(on: app.db).filter(\.$title ~~ "您可能符合").all()
            let grandmother = try #require(try await User.query(on: app.db).filter(\.$realName == "王奶奶").first())
            #expect(told.filter { $0.title.contains("敬老卡") }.allSatisfy { $0.$user.id == grandmother.id }, "only those aged 70 or more")
            #expect(told.contains { $0.title.contains("敬老卡") && $0.$user.id == grandmother.id })
            #expect(!told.contains { $0.title.contains("高龄津贴") }, "民政局 has no grant to read 人口库 here: nobody is told on a guess")
            let before = told.count
            for _ in 0..<2 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(120)) }
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$title ~~ "您可能符合").count() == before, "once per policy")
        }
    }
}
