import Fluent
import SQLKit

/// The chain query reads by batch key and by event; every lookup it makes has its index here.
struct CreateTraceability: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TraceBatch.schema)
            .id()
            .field("batch_key", .string, .required)
            .field("gtin", .string, .required)
            .field("lot", .string, .required)
            .field("product_name", .string)
            .field("first_seen_at", .datetime, .required)
            .field("recalled_at", .datetime)
            .field("recall_reason", .string)
            .unique(on: "batch_key")
            .create()
        try await database.schema(TraceRecord.schema)
            .id()
            .field("event_id", .string, .required)
            .field("kind", .string, .required)
            .field("biz_step", .string, .required)
            .field("disposition", .string)
            .field("event_time", .datetime, .required)
            .field("place", .string)
            .field("biz_location", .string)
            .field("company_id", .uuid, .required, .references(Company.schema, .id))
            .field("company_name", .string, .required)
            .field("credit_code", .string, .required)
            .field("destinations", .string, .required)
            .field("record", .string, .required)
            .field("record_hash", .string, .required)
            .field("ledger_seq", .int64, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "event_id")
            .create()
        try await database.schema(TraceLine.schema)
            .id()
            .field("trace_event_id", .uuid, .required, .references(TraceRecord.schema, .id))
            .field("batch_key", .string, .required)
            .field("role", .string, .required)
            .field("quantity", .double)
            .field("uom", .string)
            .create()
        try await database.schema(TraceLink.schema)
            .id()
            .field("from_key", .string, .required)
            .field("to_key", .string, .required)
            .unique(on: "from_key", "to_key")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "trace_lines_batch_idx").on(TraceLine.schema).column("batch_key").run()
            try await sql.create(index: "trace_lines_event_idx").on(TraceLine.schema).column("trace_event_id").run()
            try await sql.create(index: "trace_links_to_idx").on(TraceLink.schema).column("to_key").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [TraceLink.schema, TraceLine.schema, TraceRecord.schema, TraceBatch.schema] {
            try await database.schema(schema).delete()
        }
    }
}
