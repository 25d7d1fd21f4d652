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
}
