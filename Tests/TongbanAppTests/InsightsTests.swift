import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("驾驶舱: the leaders' dashboard")
struct InsightsTests {
    func charts(_ html: String) -> Int { html.components(separatedBy: "<svg").count - 1 }

    /// A citizen signed in on 5 November 2025 and an individual's item that people decide (no 智能审批).
    static func citizenOnFifthNovember(_ app: Application) async throws -> (Browser, String, ServiceItemRecord) {
        app.clock.set(beijing("2025-11-05T10:00:00"))
        let item = try #require(app.catalogCache.snapshot.items.values.sorted { $0.code < $1.code }
            .first { $0.audience.contains("个人") && $0.guide.autoApproval == nil })
        return (Browser(app), try await apiToken(app, "13800000001"), item)
    }

    @Test("renders with no data at all, for every period; citizens are refused, department staff kept to their department")
    func empty() async throws {
        try await withTongban { app in
            let leader = Browser(app)
            try await leader.signIn("leader")
            for days in Dashboard.periods {
                let page = try await leader.send(.GET, "\(InsightsPages.path)?days=\(days)")
                #expect(page.status == .ok)
                #expect(charts(page.body.string) >= 6 && page.body.string.contains("网办率") && !page.body.string.contains("NaN"))
            }
            #expect(try await leader.send(.GET, "\(InsightsPages.path)?days=12").status == .unprocessableEntity)
            #expect(try await leader.send(.GET, "\(InsightsPages.path)?export=nothing").status == .notFound)
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            #expect(try await citizen.send(.GET, InsightsPages.path).status == .forbidden)
            let reviewer = Browser(app)
            try await reviewer.signIn("reviewer.gjj")
            let own = try await reviewer.send(.GET, InsightsPages.path)
            #expect(own.status == .ok && own.body.string.contains("驾驶舱 · \(app.catalogCache.snapshot.department("gjj")!.name)"))
            #expect(try await reviewer.send(.GET, "\(InsightsPages.path)?department=sw").status == .forbidden)
            #expect(try await reviewer.send(.GET, "\(InsightsPages.path)?department=sw&export=volumes").status == .forbidden)
            #expect(try await leader.send(.GET, "\(InsightsPages.path)?department=nothing").status == .notFound)
        }
    }

    @Test("a department's view counts its own tasks and tickets; the leader chooses any department or the city")
    func department() async throws {
        try await withTongban { app in
            let (browser, citizen, item) = try await Self.citizenOnFifthNovember(app)
            let created = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            let accepted = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk")).content.decode(CaseView.self)
            let code = try #require(accepted.tasks.first?.department)
            let other = try #require(app.catalogCache.snapshot.departments.first { $0.code != code && $0.code != "gjj" }).code

            let leader = Browser(app)
            try await leader.signIn("leader")
            let city = try await leader.send(.GET, "\(InsightsPages.path)?days=7").body.string
            #expect(city.contains("驾驶舱 · 全市") && city.contains("各部门审批按时率"))
            let theirs = try await leader.send(.GET, "\(InsightsPages.path)?days=7&department=\(code)").body.string
            #expect(theirs.contains("收件量") && theirs.contains("<p class=\"big\">1</p>") && !theirs.contains("各部门审批按时率"))
            #expect(theirs.contains("department=\(code)"), "period links keep the department")
            let csv = try await leader.send(.GET, "\(InsightsPages.path)?days=7&department=\(code)&export=volumes").body.string
            #expect(csv.contains("11-05,1,0,0"))
            let elsewhere = try await leader.send(.GET, "\(InsightsPages.path)?days=7&department=\(other)").body.string
            #expect(elsewhere.contains("<p class=\"big\">0</p>"), "another department received nothing")
        }
    }

    @Test("one day of data: today's application is counted, and its chart exports as CSV that Excel opens")
    func oneDay() async throws {
        try await withTongban { app in
            let (browser, citizen, item) = try await Self.citizenOnFifthNovember(app)
            _ = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            try await browser.signIn("leader")
            let page = try await browser.send(.GET, "\(InsightsPages.path)?days=7").body.string
            #expect(page.contains("<p class=\"big\">1</p>") && page.contains("100.0%"), "one application, all online")
            let csv = try await browser.send(.GET, "\(InsightsPages.path)?days=7&export=volumes")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark, so Excel reads Chinese")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("日期,网上申请,窗口办理,12345诉求\r\n") && text.contains("11-05,1,0,0"))

            // Figures are kept for five minutes, and the page says when they were computed; then they follow.
            _ = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            #expect(try await browser.send(.GET, "\(InsightsPages.path)?days=7").body.string.contains("<p class=\"big\">1</p>"))
            app.clock.advance(by: 6 * 60)
            _ = try await browser.send(.GET, "\(InsightsPages.path)?days=7")  // the stale figures, while fresh ones are counted
            var fresh = false
            for _ in 0..<50 where !fresh {
                try await Task.sleep(for: .milliseconds(100))
                fresh = try await browser.send(.GET, "\(InsightsPages.path)?days=7").body.string.contains("<p class=\"big\">2</p>")
            }
            #expect(fresh, "refreshed after five minutes")
        }
    }

    @Test("with DATABASE_READ_URL the dashboard counts on the replica's connection; without one (and on SQLite) on the primary")
    func readReplica() async throws {
        #expect(Settings.from(environment: ["DATABASE_READ_URL": "postgres://r@replica/db"]).readReplicaURL == nil, "SQLite has no replica")
        #expect(Settings.from(environment: ["DATABASE_URL": "postgres://p@primary/db", "DATABASE_READ_URL": "postgres://r@replica/db"])
            .readReplicaURL == "postgres://r@replica/db")
        // The test server has no streaming replica: its own database stands in for one, through a second pool.
        try await withTongban({ settings in
            if case .postgres(let url, _) = settings.storage { settings.readReplicaURL = url }
        }) { app in
            if app.settings.readReplicaURL != nil {
                #expect(app.databases.ids().contains(.readReplica))
            } else {
                #expect(!app.databases.ids().contains(.readReplica))
            }
            let (browser, citizen, item) = try await Self.citizenOnFifthNovember(app)
            _ = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            let dashboard = try await Dashboard.build(app, days: 7)
            #expect(dashboard.figures.first { $0.title == "办件量" }?.value == "1")
        }
    }

    @Test("a year of simulated history: every period renders with its figures, a two-week forecast and the staff it needs")
    func simulatedYear() async throws {
        try await withTongban({ $0.runJobs = false }) { app in
            let now = beijing("2025-10-20T15:00:00")
            app.clock.set(now)
            _ = try await CaseSimulator(app: app, days: 365, perDay: 6, seed: 3, now: now).run { _, _, _ in }
            _ = try await TicketSimulator(app: app, days: 365, perDay: 4, seed: 3, now: now).run()
            let leader = Browser(app)
            try await leader.signIn("leader")
            for days in Dashboard.periods {
                let page = try await leader.send(.GET, "\(InsightsPages.path)?days=\(days)").body.string
                #expect(charts(page) >= 6 && !page.contains("NaN"), "\(days) days")
                #expect(!page.contains("<p class=\"big\">0</p>"), "\(days) days: applications counted")
            }
            let csv = try await leader.send(.GET, "\(InsightsPages.path)?days=365&export=hotspots").body.string
            #expect(csv.contains("金安区"))
            for code in ["scjg", "gjj"] {
                let page = try await leader.send(.GET, "\(InsightsPages.path)?days=365&department=\(code)").body.string
                #expect(charts(page) >= 5 && !page.contains("NaN") && !page.contains("<p class=\"big\">0</p>"), "\(code): its year")
            }
            // Two weeks ahead from the simulated history, with windows and seats to match.
            let forecast = try await leader.send(.GET, "\(InsightsPages.path)?days=30&export=forecast").body.string
            #expect(forecast.contains("办件申请（预测）") && forecast.contains("12345诉求（预测）"))
            let staffing = try await leader.send(.GET, "\(InsightsPages.path)?days=30&export=staffing").body.string
            let rows = staffing.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").dropFirst().compactMap { Int($0) } }
            #expect(rows.count == Dashboard.horizon && rows.allSatisfy { $0.count == 2 } && rows.contains { $0[0] > 0 })
        }
    }

    @Test("the refresh job counts every dashboard ahead of time into the database; a view is served from there")
    func precomputed() async throws {
        try await withTongban { app in
            let (browser, citizen, item) = try await Self.citizenOnFifthNovember(app)
            _ = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            // No time limit here: a loaded test machine must not decide how many get counted.
            try await DashboardRefresh.refresh(app, budget: .infinity)
            let departments = app.catalogCache.snapshot.departments.count
            #expect(try await DashboardSnapshot.query(on: app.db).count() == Dashboard.periods.count * (departments + 1))
            let stored = try #require(try await DashboardSnapshot.load("7", on: app.db))
            #expect(stored.figures.first?.value == "1" && stored.panels.count >= 6, "a whole dashboard comes back from its JSON")

            // Counted once: a later application shows only after the figures are five minutes old.
            _ = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            try await browser.signIn("leader")
            #expect(try await browser.send(.GET, "\(InsightsPages.path)?days=7").body.string.contains("<p class=\"big\">1</p>"))
            app.clock.advance(by: 6 * 60)
            try await DashboardRefresh.refresh(app, budget: .infinity)
            #expect(try await DashboardSnapshot.load("7", on: app.db)?.figures.first?.value == "2", "the city's figures are recounted after five minutes")
            #expect(try await browser.send(.GET, "\(InsightsPages.path)?days=7").body.string.contains("<p class=\"big\">2</p>"))
        }
    }
}
