import Fluent
import SQLKit

struct CreateFederation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FederationMessage.schema)
            .id()
            .field("direction", .string, .required)
            .field("peer_code", .string, .required)
            .field("path", .string, .required)
            .field("nonce", .string)
            .field("outcome", .string, .required)
            .field("reference", .string)
            .field("detail", .string)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(FederationItem.schema)
            .id()
            .field("item_code", .string, .required)
            .field("deciding_city_code", .string, .required)
            .field("deciding_city_name", .string, .required)
            .field("note", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "item_code")
            .create()
        try await database.schema(FederationCaseLink.schema)
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("peer_code", .string, .required)
            .field("peer_name", .string, .required)
            .field("remote_state", .string, .required)
            .field("remote_number", .string)
            .field("remote_note", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "case_id")
            .create()
        try await database.schema(FederationInboundCase.schema)
            .id()
            .field("origin_code", .string, .required)
            .field("origin_name", .string, .required)
            .field("origin_case_id", .uuid, .required)
            .field("origin_number", .string, .required)
            .field("item_code", .string, .required)
            .field("title", .string, .required)
            .field("department_code", .string)
            .field("applicant_sealed", .string, .required)
            .field("form_sealed", .string, .required)
            .field("materials", .string, .required)
            .field("state", .string, .required)
            .field("note", .string)
            .field("received_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "origin_code", "origin_case_id")
            .create()
        try await database.schema(FederationNonce.schema)
            .id()
            .field("sender", .string, .required)
            .field("nonce", .string, .required)
            .field("seen_at", .datetime, .required)
            .unique(on: "sender", "nonce")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "federation_messages_created_idx").on(FederationMessage.schema).column("created_at").run()
            try await sql.create(index: "federation_messages_reference_idx").on(FederationMessage.schema).column("reference").run()
            try await sql.create(index: "federation_inbound_queue_idx").on(FederationInboundCase.schema).column("department_code").column("state").run()
            try await sql.create(index: "federation_nonces_seen_idx").on(FederationNonce.schema).column("seen_at").run()
        }
        try await FederationTicketTables().prepare(on: database)
    }

    func revert(on database: any Database) async throws {
        try await FederationTicketTables().revert(on: database)
        for schema in [FederationNonce.schema, FederationInboundCase.schema, FederationCaseLink.schema, FederationItem.schema, FederationMessage.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// 补正 across cities (the deciding city notes when the applicant's files arrived) and the deciding city's clock.
struct AddFederationSupplements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema(FederationInboundCase.schema).field("supplemented_at", .datetime).update()
        try await database.schema(FederationInboundCase.schema).field("accepted_at", .datetime).update()
        try await database.schema(FederationInboundCase.schema).field("limit_days", .int).update()
        try await database.schema(FederationInboundCase.schema).field("pauses", .string).update()
        try await database.schema(FederationInboundCase.schema).field("decided_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["decided_at", "pauses", "limit_days", "accepted_at", "supplemented_at"] {
            try await database.schema(FederationInboundCase.schema).deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
