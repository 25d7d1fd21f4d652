import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Catalogue: search, guides, life events, administration")
struct CatalogTests {
    typealias Hit = CatalogController.SearchResponse.Hit

    func search(_ browser: Browser, _ query: String) async throws -> [Hit] {
        let q = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let response = try await browser.send(.GET, "/api/v1/search?q=\(q)")
        #expect(response.status == .ok)
        return try response.content.decode(CatalogController.SearchResponse.self).results
    }

    func firstHit(_ browser: Browser, _ query: String) async throws -> Hit? {
        try await search(browser, query).first
    }

    @Test("colloquial searches find the right service first", arguments: [
        ("公积金", ["住房公积金"]),
        ("身份证", ["居民身份证"]),
        ("开公司", ["企业开办", "企业设立登记"]),
        ("二手房过户", ["二手房转移登记", "二手房", "不动产转移登记"]),
        ("生孩子", ["出生", "新生儿"]),
        ("取公积金", ["住房公积金提取"]),
        ("社保卡丢了", ["社会保障卡挂失补领", "社会保障卡补领"]),
    ])
    func colloquialSearch(query: String, expected: [String]) async throws {
        try await withTongban { app in
            let hits = try await search(Browser(app), query)
            let first = try #require(hits.first, "no result for \(query)")
            #expect(expected.contains { first.name.contains($0) }, "\(query) → \(hits.prefix(3).map(\.name))")
        }
    }

    @Test("a search for nothing known says so instead of guessing")
    func unknownSearch() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            for query in ["火星移民签证", "", "！？。，"] {
                let hits = try await search(browser, query)
                #expect(hits.isEmpty, "\(query) → \(hits.map(\.name))")
            }
        }
    }

    @Test("a guide has every field a citizen needs before going to a window")
    func guideIsComplete() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let list = try await browser.send(.GET, "/api/v1/services").content.decode([CatalogController.ItemSummary].self)
            #expect(list.count >= 60)
            for summary in list {
                let item = try await browser.send(.GET, "/api/v1/services/\(summary.code)").content.decode(ServiceItemRecord.self)
                let guide = item.guide
                #expect(!guide.legalBasis.isEmpty && !guide.conditions.isEmpty && !guide.materials.isEmpty, "\(item.name)")
                #expect(guide.steps.count >= 2 && !guide.places.isEmpty && !guide.formFields.isEmpty, "\(item.name)")
                #expect(item.promisedLimitDays <= item.legalLimitDays, "\(item.name)")
                #expect(OnlineDepth(rawValue: item.onlineDepth) != nil)
                #expect(item.onlineDepth != OnlineDepth.fullyOnline.rawValue || guide.visits == 0, "\(item.name)")
            }
            let page = try await browser.send(.GET, "/services/\(list[0].code)")
            #expect(page.status == .ok)
            for heading in ["受理条件", "申请材料", "办理流程", "办理地点和时间", "设定依据", "法定时限", "承诺时限", "网办深度", "收费"] {
                #expect(page.body.string.contains(heading), "guide page lacks \(heading)")
            }
        }
    }

    @Test("life events bundle existing items across departments")
    func lifeEvents() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let events = try await browser.send(.GET, "/api/v1/life-events").content.decode([LifeEventRecord].self)
            #expect(events.count >= 8)
            let snapshot = app.catalogCache.snapshot
            for event in events {
                #expect(event.items.count >= 2, "\(event.name)")
                #expect(event.items.allSatisfy { snapshot.items[$0] != nil }, "\(event.name) names an unknown item")
            }
            let names = events.map(\.name).joined()
            for expected in ["企业开办", "二手房", "出生", "退休", "身后"] { #expect(names.contains(expected)) }
            let page = try await browser.send(.GET, "/life-events/\(events[0].code)")
            #expect(page.status == .ok && page.body.string.contains("一件事"))
        }
    }

    @Test("the home page offers search, hot services, themes, departments and life events")
    func home() async throws {
        try await withTongban { app in
            let page = try await Browser(app).send(.GET, "/")
            #expect(page.status == .ok)
            let html = page.body.string
            for part in ["name=\"q\"", "高频事项", "一件事一次办", "按主题", "按部门", "社保", "医疗", "住房", "户籍", "企业"] {
                #expect(html.contains(part), "home page lacks \(part)")
            }
        }
    }

    @Test("an administrator's new item is found by search at once, through the API")
    func adminCreatesItemViaAPI() async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "admin")
            let browser = Browser(app)
            var input = try CatalogSeed.bundled().items[0]
            input.code = "test-yangfeng"
            input.name = "蜂农养殖备案登记"
            input.keywords = ["养蜜蜂"]
            let created = try await browser.send(.POST, "/api/v1/admin/services", json: input, bearer: token)
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try await firstHit(browser, "养蜜蜂")?.code == "test-yangfeng")
            #expect(try await firstHit(browser, "蜂农")?.code == "test-yangfeng")

            input.name = "蜂农养殖备案登记（变更）"
            let updated = try await browser.send(.PUT, "/api/v1/admin/services/test-yangfeng", json: input, bearer: token)
            #expect(updated.status == .ok)
            #expect(try await firstHit(browser, "蜂农")?.name == "蜂农养殖备案登记（变更）")

            let duplicate = try await browser.send(.POST, "/api/v1/admin/services", json: input, bearer: token)
            #expect(duplicate.status == .conflict)
        }
    }

    @Test("an invalid item is refused with every problem named, and nothing saved changes")
    func adminInvalidItem() async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "admin")
            let browser = Browser(app)
            let original = try CatalogSeed.bundled().items[0]
            var input = original
            input.promisedLimitDays = input.legalLimitDays + 5
            input.department = "nowhere"
            input.onlineDepth = "随便"
            let response = try await browser.send(.PUT, "/api/v1/admin/services/\(original.code)", json: input, bearer: token)
            #expect(response.status == .unprocessableEntity)
            let error = try response.content.decode(ErrorBody.self)
            #expect(error.error == "catalog.invalid_item")
            let keys = Set((error.details ?? [:]).keys)
            #expect(keys.isSuperset(of: ["department", "onlineDepth"]))
            let stored = try await browser.send(.GET, "/api/v1/services/\(original.code)").content.decode(ServiceItemRecord.self)
            #expect(stored.name == original.name && stored.departmentCode == original.department)
        }
    }

    @Test("an administrator edits an item in the browser and search shows the new name")
    func adminEditsInBrowser() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            try await browser.signIn("admin")
            let item = try CatalogSeed.bundled().items[0]
            let formPage = try await browser.send(.GET, "/admin/services/\(item.code)")
            #expect(formPage.status == .ok)
            var form = ServiceItemForm(app.catalogCache.snapshot.items[item.code]!)
            form.name = "测试改名事项甲乙丙"
            var fields = try URLEncodedFormEncoder().encode(form)
            fields += "&_csrf=\(browser.csrf)"
            let saved = try await browser.send(.POST, "/admin/services/\(item.code)", headers: ["Content-Type": "application/x-www-form-urlencoded"], raw: fields)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(500))")
            #expect(try await firstHit(browser, "测试改名事项")?.code == item.code)
        }
    }

    @Test("an administrator adds a department; a bad code is explained")
    func adminDepartments() async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "admin")
            let browser = Browser(app)
            let good = DepartmentInput(code: "lyj", name: "六安市林业局", shortName: "林业局", phone: "0564-3999999", address: nil, hours: nil)
            #expect(try await browser.send(.POST, "/api/v1/admin/departments", json: good, bearer: token).status == .created)
            #expect(try await browser.send(.GET, "/api/v1/departments/lyj").status == .ok)
            let bad = DepartmentInput(code: "林业", name: "", shortName: "x", phone: nil, address: nil, hours: nil)
            let refused = try await browser.send(.POST, "/api/v1/admin/departments", json: bad, bearer: token)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.content.decode(ErrorBody.self).details?["code"] != nil)
        }
    }
}
