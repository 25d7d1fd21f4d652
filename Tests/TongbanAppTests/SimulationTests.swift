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

    @Test("simulated applicants come back for the next service of a journey; the recommendations learn it and beat popularity")
    func journeys() async throws {
        try await withTongban({ $0.runJobs = false }) { app in
            let now = beijing("2025-10-20T15:00:00")
            app.clock.set(now)
            _ = try await CaseSimulator(app: app, days: 120, perDay: 60, seed: 11, now: now).run { _, _, _ in }
            let histories = try await ServiceHistories.all(on: app.db)
            let births = histories.filter { history in
                let codes = history.events.map(\.code)
                guard let certificate = codes.firstIndex(of: "wj-csyxzm"), let registration = codes.firstIndex(of: "ga-xsrhk") else { return false }
                return certificate < registration
            }
            #expect(births.count >= 5, "出生医学证明 then 出生登记 by the same person: \(births.count)")
            let report = RecommendEvaluation.leaveLastOut(histories)
            #expect(report.evaluated > 500 && report.modelHitRate > report.popularityHitRate + 0.05,
                    "hit@5 \(report.modelHitRate) vs popular \(report.popularityHitRate)")
            let model = NextServiceModel.train(histories)
            #expect(model.followUps(after: "zj-clfwq").first?.code == "sw-qs", "网签 is followed by 契税")
        }
    }

    @Test("simulated 12345 weeks: tickets answered mostly in time, rated, some still open, indicators computed from them")
    func simulatedTickets() async throws {
        try await withTongban({ $0.runJobs = false }) { app in
            let now = beijing("2025-10-20T15:00:00")
            app.clock.set(now)
            let written = try await TicketSimulator(app: app, days: 30, perDay: 30, seed: 7, now: now).run()
            #expect(written > 500)
            let tickets = try await Ticket.query(on: app.db).all()
            #expect(tickets.count == written)
            let states = Dictionary(grouping: tickets, by: \.state).mapValues(\.count)
            for state in ["closed", "handling", "replied"] { #expect((states[state] ?? 0) > 0, "some tickets are \(state): \(states)") }
            #expect(tickets.allSatisfy { $0.createdAt <= now && ($0.closedAt ?? now) <= now })
            #expect(tickets.allSatisfy { ticket in ticket.repliedAt.map { $0 >= ticket.createdAt } ?? true })
            #expect(tickets.filter(\.firstContact).count > 0)
            let kpis = try await app.tickets.kpis(from: beijing("2025-09-21T00:00:00"), to: now)
            let onTime = try #require(kpis.onTimeRate), satisfied = try #require(kpis.satisfactionRate)
            #expect(onTime > 0.85 && onTime < 1, "on time \(onTime)")
            #expect(satisfied > 0.85 && satisfied < 1, "satisfied \(satisfied)")
            #expect(kpis.byDepartment.count >= 15)
            let supervisor = try await apiToken(app, "supervisor")
            let late = try await Browser(app).send(.GET, "/api/v1/hotline/supervision", bearer: supervisor).content.decode(TicketService.Supervision.self)
            #expect(!late.overdue.isEmpty || !late.atRisk.isEmpty)
        }
    }
}
