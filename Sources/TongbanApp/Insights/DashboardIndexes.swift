import Fluent
import SQLKit

/// Indexes that hold every column the dashboard counts, so a year of it is read from the index alone instead of
/// from a million full rows (on 1M cases and 500k tickets: decided tasks per department 2.4 s → 0.6 s, complaints
/// by district 0.32 → 0.11 s; BENCHMARKS.md).
struct AddDashboardIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("review_tasks_decided_idx", ReviewTask.schema, ["decided_at", "department_id", "item_code", "state", "deadline_at", "opened_at", "pauses"]),
        ("review_tasks_opened_idx", ReviewTask.schema, ["department_id", "opened_at", "case_id"]),
        ("cases_submitted_idx", Case.schema, ["submitted_at", "channel", "district_code", "item_code", "life_event_code"]),
        ("tickets_created_cover_idx", Ticket.schema, ["created_at", "type", "state", "district_code", "topic", "department_id"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            var create = sql.create(index: index.name).on(index.table)
            for column in index.columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
