import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("为您推荐: what is due, the rest of a 一件事, what usually follows — each with why")
struct RecommendationTests {
    @Test("after 结婚登记 the rest of 结婚一件事 is suggested; retirement is suggested when it is near; visitors get 401")
    func recommendations() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-05T10:00:00"))
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.GET, "/api/v1/me/recommendations").status == .unauthorized)
            _ = try await browser.apply(try await browser.application(item: "mz-jhdj", token: citizen), token: citizen)
            let mine = try await browser.send(.GET, "/api/v1/me/recommendations", bearer: citizen).content.decode([Recommendations.View].self)
            let codes = mine.map(\.code)
            #expect(codes.contains("ga-hkqy") && codes.contains("wj-sydj") && !codes.contains("mz-jhdj"), "\(codes)")
            #expect(mine.first { $0.code == "ga-hkqy" }?.reason.contains("结婚一件事") == true)
            #expect(mine.allSatisfy { $0.url.hasPrefix("/services/") || $0.url.hasPrefix("/life-events/") })

            // 李四's statutory retirement day from the ID number (the 2025 reform's ages), and a month before it.
            guard case .success(let id) = ResidentID.result(DemoAccounts.citizens[1].idNumber) else { Issue.record("demo ID"); return }
            let group: RetirementGroup = id.isMale ? .men60 : .women55
            let retirement = group.retirementDay(born: CalendarDay(year: id.birthYear, month: id.birthMonth, day: id.birthDay))
            app.clock.set(retirement.adding(days: -30).startInstant.addingTimeInterval(36_000))
            let other = try await apiToken(app, "13800000002")
            let due = try await browser.send(.GET, "/api/v1/me/recommendations", bearer: other).content.decode([Recommendations.View].self)
            #expect(due.first?.code == "rs-yldy" && due.first?.reason.contains("退休") == true, "\(due.map(\.reason))")

            let page = Browser(app)
            try await page.signIn("13800000002")
            #expect(try await page.send(.GET, SiteURL.me).body.string.contains("为您推荐"))
        }
    }

    @Test("from 人口库 and 法人库: a child starting school, an ID card about to expire, a company's annual report; each read is in the person's data-use record")
    func lifeStagesFromRegistries() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            func recommended(_ login: String) async throws -> [Recommendations.View] {
                try await browser.send(.GET, "/api/v1/me/recommendations", bearer: try await apiToken(app, login)).content.decode([Recommendations.View].self)
            }
            // 张三's son was born on 2020-10-10: he starts school in September 2027.
            app.clock.set(beijing("2027-03-01T10:00:00"))
            let school = try #require(try await recommended("13800000001").first { $0.code == "jy-rx" })
            #expect(school.reason.contains("2020-10-10") && school.reason.contains("入学"))
            // 李四 acts for 六安皖西茶业, founded in 2019: its annual report is due by 30 June.
            let report = try #require(try await recommended("13800000002").first { $0.code == "scjg-ndbg" })
            #expect(report.reason.contains(DemoAccounts.company.name) && report.reason.contains("6 月 30 日"))
            app.clock.set(beijing("2027-07-01T10:00:00"))
            #expect(try await recommended("13800000002").contains { $0.code == "scjg-ndbg" } == false, "not after the deadline")

            // 张三 (born 1985-06-18) renewed at 26: the card runs to his 46th birthday.
            app.clock.set(beijing("2031-05-01T10:00:00"))
            let card = try #require(try await recommended("13800000001").first { $0.code == "ga-sfz-hl" })
            #expect(card.reason.contains("2031-06-18"))
            let used = try await browser.send(.GET, "/api/v1/me/data-usage", bearer: try await apiToken(app, "13800000001")).body.string
            #expect(used.contains("为您推荐"))
        }
    }
}
