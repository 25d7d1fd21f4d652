import Fluent
import SQLKit

struct CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Upload.schema)
            .id()
            .field("owner_id", .uuid, .required, .references(User.schema, .id))
            .field("sha256", .string, .required)
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(Case.schema)
            .id()
            .field("number", .string, .required)
            .field("applicant_id", .uuid, .required, .references(User.schema, .id))
            .field("company_id", .uuid, .references(Company.schema, .id))
            .field("agent_id", .uuid, .references(User.schema, .id))
            .field("item_code", .string)
            .field("life_event_code", .string)
            .field("title", .string, .required)
            .field("state", .string, .required)
            .field("channel", .string, .required)
            .field("form", .string, .required)
            .field("promised_limit_days", .int, .required)
            .field("submitted_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("deadline_at", .datetime)
            .field("concluded_at", .datetime)
            .field("delivered_at", .datetime)
            .field("outcome_reason", .string)
            .field("pauses", .string, .required)
            .field("district_code", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "number")
            .create()
        try await database.schema(ReviewTask.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, .id, onDelete: .cascade))
            .field("item_code", .string, .required)
            .field("item_name", .string, .required)
            .field("department_id", .uuid, .required, .references(Department.schema, .id))
            .field("state", .string, .required)
            .field("depends_on", .string, .required)
            .field("limit_days", .int, .required)
            .field("opened_at", .datetime)
            .field("deadline_at", .datetime)
            .field("at_risk_at", .datetime)
            .field("at_risk_notified", .bool, .required)
            .field("decided_at", .datetime)
            .field("decided_by", .uuid, .references(User.schema, .id))
            .field("note", .string)
            .field("supplement_request", .string)
            .field("pauses", .string, .required)
            .create()
        try await database.schema(CaseMaterial.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("source", .string, .required)
            .field("upload_id", .uuid, .references(Upload.schema, .id))
            .field("task_id", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.schema(CaseEvent.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, .id, onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("kind", .string, .required)
            .field("message", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The queues: a citizen's own cases; the clerk's new applications; a department's open
        // tasks by deadline; the supervisor's overdue and at-risk lists.
        try await sql.create(index: "cases_applicant_idx").on(Case.schema).column("applicant_id").column("submitted_at").run()
        try await sql.create(index: "cases_state_idx").on(Case.schema).column("state").column("submitted_at").run()
        try await sql.create(index: "review_tasks_queue_idx").on(ReviewTask.schema).column("department_id").column("state").column("deadline_at").run()
        try await sql.create(index: "review_tasks_late_idx").on(ReviewTask.schema).column("state").column("at_risk_at").run()
        try await sql.create(index: "review_tasks_case_idx").on(ReviewTask.schema).column("case_id").run()
        try await sql.create(index: "case_materials_case_idx").on(CaseMaterial.schema).column("case_id").run()
        try await sql.create(index: "case_events_case_idx").on(CaseEvent.schema).column("case_id").column("at").run()
        try await sql.create(index: "uploads_owner_idx").on(Upload.schema).column("owner_id").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [CaseEvent.schema, CaseMaterial.schema, ReviewTask.schema, Case.schema, Upload.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// Life events name which items must wait for another's result (bank account after the licence).
struct LifeEventAddDependencies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LifeEvent.schema).field("dependencies", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LifeEvent.schema).deleteField("dependencies").update()
    }
}

struct CaseAddAutoDecision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Case.schema).field("auto_decision", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Case.schema).deleteField("auto_decision").update()
    }
}
