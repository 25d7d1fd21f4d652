import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("tongban simulate: history that dashboards and queues can stand on")
struct SimulationTests {
    @Test("simulated weeks are consistent and show up in the queues and the late list")
    func simulatedHistory() async throws {
        try await withTongban({ $0.runJobs = false }) { app in
            let now = beijing("2025-10-20T15:00:00")
            app.clock.set(now)
            let summary = try await CaseSimulator(app: app, days: 45, perDay: 40, seed: 7, now: now).run { _, _, _ in }
            #expect(summary.cases > 800 && summary.tasks >= summary.cases)
            #expect(try await Case.query(on: app.db).count() == summary.cases)

            let cases = try await Case.query(on: app.db).all()
            let states = Dictionary(grouping: cases, by: \.state).mapValues(\.count)
            for state in ["delivered", "inReview", "refused", "notApproved"] {
                #expect((states[state] ?? 0) > 0, "some cases are \(state): \(states)")
            }
            #expect(cases.filter { $0.state == "delivered" }.allSatisfy { $0.concludedAt != nil && $0.deliveredAt! >= $0.concludedAt! })
            #expect(cases.allSatisfy { $0.submittedAt <= now })
            // National Day week brings far fewer applications than an ordinary week.
            let holiday = cases.filter { (beijing("2025-10-01T00:00:00")..<beijing("2025-10-09T00:00:00")).contains($0.submittedAt) }.count
            let ordinary = cases.filter { (beijing("2025-09-15T00:00:00")..<beijing("2025-09-23T00:00:00")).contains($0.submittedAt) }.count
            #expect(holiday * 3 < ordinary, "holiday \(holiday) vs ordinary \(ordinary)")

            let open = try await ReviewTask.query(on: app.db).filter(\.$state == "open").all()
            #expect(!open.isEmpty && open.allSatisfy { $0.deadlineAt != nil && $0.openedAt != nil })
            let browser = Browser(app)
            let late = try await browser.send(.GET, "/api/v1/supervision/late-tasks", bearer: try await apiToken(app, "supervisor"))
                .content.decode([TaskQueueEntry].self)
            #expect(!late.isEmpty && late.allSatisfy { ["atRisk", "overdue"].contains($0.deadlineStatus) })
            let queue = try await browser.send(.GET, "/api/v1/tasks", bearer: try await apiToken(app, "reviewer.gjj")).content.decode([TaskQueueEntry].self)
            #expect(queue.map { $0.deadline ?? .distantFuture } == queue.map { $0.deadline ?? .distantFuture }.sorted(), "most urgent first")
        }
    }
}
