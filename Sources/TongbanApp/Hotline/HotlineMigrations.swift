import Fluent
import SQLKit

/// Dispatch and return steps name their department, so return rates never depend on the wording of a message.
struct TicketEventAddDepartment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TicketEvent.schema).field("department_code", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TicketEvent.schema).deleteField("department_code").update()
    }
}

/// The working time to each reply, stored with it: averaging a year of replies must not replay the calendar for each.
struct TicketAddReplyWorkdays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Ticket.schema).field("reply_workdays", .double).update()
        // Indicators count tickets filed and replied in a period, and the steps taken in it.
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "tickets_created_idx").on(Ticket.schema).column("created_at").run()
        try await sql.create(index: "tickets_replied_idx").on(Ticket.schema).column("replied_at").run()
        try await sql.create(index: "ticket_events_kind_idx").on(TicketEvent.schema).column("kind").column("at").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            for index in ["tickets_created_idx", "tickets_replied_idx", "ticket_events_kind_idx"] { try await sql.drop(index: index).run() }
        }
        try await database.schema(Ticket.schema).deleteField("reply_workdays").update()
    }
}

struct CreateHotline: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Ticket.schema)
            .id()
            .field("number", .string, .required)
            .field("access_code", .string, .required)
            .field("type", .string, .required)
            .field("channel", .string, .required)
            .field("state", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("district_code", .string)
            .field("address", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("citizen_id", .uuid, .references(User.schema, .id))
            .field("contact_name", .string)
            .field("contact_phone_cipher", .string)
            .field("contact_phone_hash", .string)
            .field("anonymous", .bool, .required)
            .field("mailbox_department_id", .uuid, .references(Department.schema, .id))
            .field("operator_id", .uuid, .references(User.schema, .id))
            .field("department_id", .uuid, .references(Department.schema, .id))
            .field("topic", .string)
            .field("suggestions", .string, .required)
            .field("dispatch_mode", .string)
            .field("limit_days", .int, .required)
            .field("dispatched_at", .datetime)
            .field("signed_at", .datetime)
            .field("deadline_at", .datetime)
            .field("at_risk_at", .datetime)
            .field("at_risk_notified", .bool, .required)
            .field("escalated", .bool, .required)
            .field("reply", .string)
            .field("replied_at", .datetime)
            .field("closed_at", .datetime)
            .field("satisfaction", .string)
            .field("return_count", .int, .required)
            .field("reopen_count", .int, .required)
            .field("extension_days", .int, .required)
            .field("extension_request_days", .int)
            .field("extension_reason", .string)
            .field("first_contact", .bool, .required)
            .field("parent_id", .uuid, .references(Ticket.schema, .id))
            .field("duplicate_of", .uuid, .references(Ticket.schema, .id))
            .field("duplicate_score", .double)
            .field("repeat_of", .uuid, .references(Ticket.schema, .id))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await database.schema(TicketEvent.schema)
            .id()
            .field("ticket_id", .uuid, .required, .references(Ticket.schema, .id, onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("seq", .int, .required)
            .field("actor_name", .string, .required)
            .field("kind", .string, .required)
            .field("message", .string, .required)
            .field("public", .bool, .required)
            .create()
        try await database.schema(DispatchExample.schema)
            .id()
            .field("text", .string, .required)
            .field("department_code", .string, .required)
            .field("source", .string, .required)
            .field("ticket_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(TicketSMS.schema)
            .id()
            .field("ticket_id", .uuid, .required, .references(Ticket.schema, .id, onDelete: .cascade))
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(CallRecord.schema)
            .id()
            .field("started_at", .datetime, .required)
            .field("answered", .bool, .required)
            .field("wait_seconds", .int, .required)
            .field("talk_seconds", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The queues: dispatcher's (state), each department's (department, state, deadline), the deadline scan,
        // the caller's history (phone hash) and duplicate search (district, time).
        try await sql.create(index: "tickets_department_queue_idx").on(Ticket.schema).column("department_id").column("state").column("deadline_at").run()
        try await sql.create(index: "tickets_state_idx").on(Ticket.schema).column("state").column("created_at").run()
        try await sql.create(index: "tickets_at_risk_idx").on(Ticket.schema).column("at_risk_at").run()
        try await sql.create(index: "tickets_deadline_idx").on(Ticket.schema).column("deadline_at").run()
        try await sql.create(index: "tickets_caller_idx").on(Ticket.schema).column("contact_phone_hash").column("created_at").run()
        try await sql.create(index: "tickets_citizen_idx").on(Ticket.schema).column("citizen_id").column("created_at").run()
        try await sql.create(index: "tickets_duplicates_idx").on(Ticket.schema).column("district_code").column("topic").column("created_at").run()
        try await sql.create(index: "tickets_parent_idx").on(Ticket.schema).column("parent_id").run()
        try await sql.create(index: "ticket_events_ticket_idx").on(TicketEvent.schema).column("ticket_id").column("seq").run()
        try await sql.create(index: "call_records_started_idx").on(CallRecord.schema).column("started_at").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [CallRecord.schema, TicketSMS.schema, DispatchExample.schema, TicketEvent.schema, Ticket.schema] {
            try await database.schema(schema).delete()
        }
    }
}
