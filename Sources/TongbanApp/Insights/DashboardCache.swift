import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Each period's dashboard, for the city and for each department. Counting a year of applications takes seconds;
/// leaders look at the same figures many times a day. So a view is served from memory, or else from the snapshot the
/// database keeps (`DashboardSnapshot`, shared by all instances and kept across restarts); one older than `freshFor`
/// is shown at once while a fresh one is counted in the background (one at a time per key). Only a dashboard never
/// computed anywhere is counted while the viewer waits; the `DashboardRefresh` job sees to it that this is rare.
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
        var cached = entries[key]
        if cached.map({ Self.age($0, now) >= Self.freshFor }) ?? true,
           let stored = try await DashboardSnapshot.load(DashboardSnapshot.key(days: days, scope: scope), on: app.db),
           stored.computedAt > (cached?.computedAt ?? .distantPast) {
            cached = stored
            entries[key] = stored
        }
        if let cached {
            if Self.age(cached, now) >= Self.freshFor && !refreshing.contains(key) {
                refreshing.insert(key)
                Task { await self.refresh(key, app: app) }
            }
            return cached
        }
        return try await compute(key, app: app)
    }

    /// Counts now and keeps the result in memory and in the database.
    @discardableResult
    func compute(days: Int, scope: Dashboard.Scope?, app: Application) async throws -> Dashboard {
        try await compute(Key(days: days, scope: scope), app: app)
    }

    private func compute(_ key: Key, app: Application) async throws -> Dashboard {
        let built = try await Dashboard.build(app, days: key.days, scope: key.scope)
        entries[key] = built
        try await DashboardSnapshot.save(built, on: app.db)
        return built
    }

    private func refresh(_ key: Key, app: Application) async {
        do { _ = try await compute(key, app: app) } catch { app.logger.warning("dashboard refresh failed: \(error)") }
        refreshing.remove(key)
    }

    /// A clock set back (tests) makes a dashboard "from the future": treat it as stale rather than fresh forever.
    private static func age(_ dashboard: Dashboard, _ now: Date) -> TimeInterval {
        let age = now.timeIntervalSince(dashboard.computedAt)
        return age < 0 ? .infinity : age
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
