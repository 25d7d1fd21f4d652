import Fluent
import SQLKit

/// 社区报修 on the 12345 ticket machinery: a ticket may be a community's work order (see `Ticket.communityCode`).
/// The community's queue asks for its orders by state and deadline, so it has its own index.
struct TicketAddCommunity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(Ticket.schema).field("community_code", .string).update()
        try await database.schema(Ticket.schema).field("community_category", .string).update()
        try await database.schema(Ticket.schema).field("community_escalated_at", .datetime).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "tickets_community_queue_idx").on(Ticket.schema)
            .column("community_code").column("state").column("deadline_at").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "tickets_community_queue_idx").run() }
        for field in ["community_escalated_at", "community_category", "community_code"] {
            try await database.schema(Ticket.schema).deleteField(.string(field)).update()
        }
    }
}
