import Fluent
import Foundation
import Vapor

/// Keeps every dashboard counted ahead of the people who look at it: the city's periods every five minutes, each
/// department's every hour, oldest first, at most `budget` seconds a run so one run stays inside the job's lease.
/// Runs on one instance at a time (the jobs table); the snapshots it writes serve all of them.
enum DashboardRefresh {
    static let kind = "dashboard_refresh"
    static let period: TimeInterval = 60
    static let budget: TimeInterval = 30
    static let departmentFreshFor: TimeInterval = 3600

    static func run(_ job: Job, _ app: Application) async throws {
        try await refresh(app, budget: budget)
    }

    /// Recounts what is due, oldest first, until `budget` seconds are spent.
    static func refresh(_ app: Application, budget: TimeInterval) async throws {
        let started = Date()
        let now = app.clock.now()
        let snapshot = app.catalogCache.snapshot
        var computedAt: [String: Date] = [:]
        for row in try await DashboardSnapshot.query(on: app.db).field(\.$key).field(\.$computedAt).all() {
            computedAt[row.key] = row.computedAt
        }
        var due: [(when: Date, days: Int, scope: Dashboard.Scope?)] = []
        let scopes: [Dashboard.Scope?] = [nil] + snapshot.departments.compactMap { Dashboard.Scope($0.code, in: snapshot) }
        for scope in scopes {
            for days in Dashboard.periods {
                let when = computedAt[DashboardSnapshot.key(days: days, scope: scope)] ?? .distantPast
                let freshFor = scope == nil ? DashboardCache.freshFor : Self.departmentFreshFor
                if now.timeIntervalSince(when) >= freshFor || when > now { due.append((when, days, scope)) }
            }
        }
        for item in due.sorted(by: { $0.when < $1.when }) {
            guard Date().timeIntervalSince(started) < budget else { break }
            try await app.dashboardCache.compute(days: item.days, scope: item.scope, app: app)
        }
    }
}
