import Fluent
import Foundation

/// A dashboard as last computed, kept in the database so a restart or another instance shows it at once instead
/// of counting a year of rows again. One row per period and scope (`365`, `30:gjj`).
final class DashboardSnapshot: Model, @unchecked Sendable {
    static let schema = "dashboard_snapshots"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "computed_at") var computedAt: Date
    /// The dashboard as JSON.
    @Field(key: "body") var body: String

    init() {}

    static func key(days: Int, scope: Dashboard.Scope?) -> String {
        scope.map { "\(days):\($0.code)" } ?? "\(days)"
    }

    static func load(_ key: String, on db: any Database) async throws -> Dashboard? {
        guard let row = try await DashboardSnapshot.query(on: db).filter(\.$key == key).first() else { return nil }
        return try? JSONDecoder().decode(Dashboard.self, from: Data(row.body.utf8))
    }

    /// Keeps the newer of what is stored and what was just computed (two instances may count at the same time).
    static func save(_ dashboard: Dashboard, on db: any Database) async throws {
        let key = key(days: dashboard.days, scope: dashboard.scope)
        let body = String(decoding: try JSONEncoder().encode(dashboard), as: UTF8.self)
        if let row = try await DashboardSnapshot.query(on: db).filter(\.$key == key).first() {
            guard row.computedAt < dashboard.computedAt else { return }
            (row.computedAt, row.body) = (dashboard.computedAt, body)
            try await row.save(on: db)
        } else {
            let row = DashboardSnapshot()
            (row.key, row.computedAt, row.body) = (key, dashboard.computedAt, body)
            do { try await row.create(on: db) } catch {
                // Another instance inserted it first: keep the newer of the two.
                guard try await DashboardSnapshot.query(on: db).filter(\.$key == key).first() != nil else { throw error }
                try await save(dashboard, on: db)
            }
        }
    }
}

struct CreateDashboardSnapshots: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DashboardSnapshot.schema)
            .id()
            .field("key", .string, .required)
            .field("computed_at", .datetime, .required)
            .field("body", .string, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DashboardSnapshot.schema).delete()
    }
}
