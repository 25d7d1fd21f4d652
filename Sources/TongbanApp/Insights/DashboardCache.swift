import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Each period's dashboard, kept for a few minutes. Counting a year of applications takes seconds; leaders look at
/// the same figures many times a day. A stale one is shown at once while a fresh one is computed in the background
/// (one at a time per period), so only the very first view after a start waits. The figures are the same for
/// everyone allowed to see them: the city's for leaders, supervisors and administrators, a department's for its staff.
actor DashboardCache {
    static let freshFor: TimeInterval = 300

    private struct Key: Hashable {
        var days: Int
        var scope: Dashboard.Scope?
    }

    private var entries: [Key: Dashboard] = [:]
    private var refreshing: Set<Key> = []

    func dashboard(days: Int, scope: Dashboard.Scope? = nil, app: Application) async throws -> Dashboard {
        let key = Key(days: days, scope: scope)
        let now = app.clock.now()
        if let cached = entries[key] {
            let age = now.timeIntervalSince(cached.computedAt)
            if age >= 0 && age < Self.freshFor { return cached }
            if !refreshing.contains(key) {
                refreshing.insert(key)
                Task { await self.refresh(key, app: app) }
            }
            return cached
        }
        let built = try await Dashboard.build(app, days: days, scope: scope)
        entries[key] = built
        return built
    }

    private func refresh(_ key: Key, app: Application) async {
        if let built = try? await Dashboard.build(app, days: key.days, scope: key.scope) { entries[key] = built }
        refreshing.remove(key)
    }
}

extension Application {
    private struct DashboardCacheKey: StorageKey { typealias Value = DashboardCache }

    var dashboardCache: DashboardCache {
        if let cache = storage[DashboardCacheKey.self] { return cache }
        let cache = DashboardCache()
        storage[DashboardCacheKey.self] = cache
        return cache
    }
}

/// Counts every period once the server is up, so the first leader to look does not wait for a year of rows.
/// Not in tests (each test counts what it just wrote) and not where background work is turned off.
final class DashboardWarmer: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ application: Application) async throws {
        guard application.settings.runJobs, application.environment != .testing else { return }
        task.withLockedValue { task in
            task = Task { [weak application] in
                for days in Dashboard.periods {
                    guard !Task.isCancelled, let application else { return }
                    _ = try? await application.dashboardCache.dashboard(days: days, app: application)
                }
            }
        }
    }

    /// Waits for a count in progress, so it never reads a database that is closing.
    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { task in
            task?.cancel()
            return task
        }
        await running?.value
    }
}
