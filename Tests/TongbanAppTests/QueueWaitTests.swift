import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Waiting times in the halls: recorded on every number, counted on the dashboard, and sizing the windows")
struct QueueWaitTests {
    @Test("two numbers for 人社 wait 10 and 30 minutes and take 20 and 15 at the window: the dashboard says so, for the city and for 人社 only")
    func dashboard() async throws {
        try await withTongban { app in
            for (minute, department) in [(0, "rs"), (0, "rs"), (0, "gjj")].enumerated().map({ ($0.offset, $0.element.1) }) {
                app.clock.set(beijing("2026-03-02T09:00:0\(minute)"))
                #expect(try await QueueTests.take(app, .init(department: department)).status == .created)
            }
            let clerk = try await apiToken(app, "clerk")
            app.clock.set(beijing("2026-03-02T09:10:00"))
            #expect(try await QueueTests.call(app, window: 4, token: clerk).called?.number == "A001")
            app.clock.set(beijing("2026-03-02T09:30:00"))
            #expect(try await QueueTests.call(app, window: 4, token: clerk).called?.number == "A002")
            app.clock.set(beijing("2026-03-02T09:45:00"))
            #expect(try await QueueTests.call(app, window: 4, token: clerk).called == nil, "the 人社 window does not call 公积金's number")

            app.clock.set(beijing("2026-03-02T10:00:00"))
            let leader = Browser(app)
            try await leader.signIn("leader")
            let page = try await leader.send(.GET, "\(InsightsPages.path)?days=7").body.string
            #expect(page.contains("窗口平均等候") && page.contains("各政务服务中心平均等候和办理用时") && page.contains("窗口等候时长分布"))
            let halls = try await leader.send(.GET, "\(InsightsPages.path)?days=7&export=hall-waits").body.string
            #expect(halls.contains("六安市,20,17.5"), "\(halls)")
            #expect(page.contains("1 人"), "公积金's number still waits")
            let bands = try await leader.send(.GET, "\(InsightsPages.path)?days=7&export=wait-bands").body.string
            #expect(bands.contains("10分钟内,1") && bands.contains("20–30分钟,1") && bands.contains("30–60分钟,0") && bands.contains("60分钟以上,0"), "\(bands)")

            let rs = try await leader.send(.GET, "\(InsightsPages.path)?days=7&department=rs&export=hall-waits").body.string
            #expect(rs.contains("六安市,20,17.5"), "only 人社's two numbers: \(rs)")
            let ga = try await leader.send(.GET, "\(InsightsPages.path)?days=7&department=ga").body.string
            #expect(ga.contains("窗口平均等候") && !ga.contains("NaN"))
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            #expect(try await citizen.send(.GET, "\(InsightsPages.path)?export=hall-waits").status == .forbidden)
        }
    }

    @Test("with two months of simulated numbers the forecast plans the windows from the numbers taken, with the measured visit and busiest hour")
    func staffing() async throws {
        try await withTongban({ $0.runJobs = false }) { app in
            let now = beijing("2025-10-20T15:00:00")
            app.clock.set(now)
            let numbers = try await QueueSimulator(app: app, days: 60, perDay: 150, seed: 5, now: now).run()
            #expect(numbers > 3000)
            #expect(try await QueueSimulator(app: app, days: 3, perDay: 150, seed: 6, now: now).run() == 0, "days already played are left alone")
            let today = try await QueueTicket.query(on: app.db).filter(\.$day == "2025-10-20").count()
            let future = try await QueueTicket.query(on: app.db).filter(\.$issuedAt > now).count()
            #expect(today > 0 && future == 0, "today's numbers stop at 15:00")

            let measures = try await QueueIndicators(db: app.db).city(from: now.addingTimeInterval(-90 * 86400), to: now).measures
            let handling = try #require(measures.averageHandling)
            #expect(handling > 9 && handling < 15, "ten minutes or so at the window: \(handling)")
            #expect((measures.peakFactor(openHours: 6.5) ?? 0) > 1.1)

            let leader = Browser(app)
            try await leader.signIn("leader")
            let page = try await leader.send(.GET, "\(InsightsPages.path)?days=30").body.string
            #expect(page.contains("窗口按预测窗口取号量") && page.contains("（实测）") && !page.contains("NaN"))
            let forecast = try await leader.send(.GET, "\(InsightsPages.path)?days=30&export=forecast").body.string
            #expect(forecast.contains("窗口取号（预测）"))
            let staffing = try await leader.send(.GET, "\(InsightsPages.path)?days=30&export=staffing").body.string
            let windows = staffing.split(separator: "\r\n").dropFirst().compactMap { $0.split(separator: ",").dropFirst().first.flatMap { Int($0) } }
            #expect(windows.count == Dashboard.horizon && windows.contains { $0 > 0 }, "\(staffing)")
        }
    }
}
