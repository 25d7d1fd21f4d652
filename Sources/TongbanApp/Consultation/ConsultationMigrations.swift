import Fluent
import SQLKit

struct CreateConsultations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Consultation.schema)
            .id()
            .field("department_code", .string, .required)
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("summary", .string, .required)
            .field("contact", .string, .required)
            .field("opens_at", .datetime, .required)
            .field("closes_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references(User.schema, .id))
            .field("created_at", .datetime, .required)
            .field("report_published_at", .datetime)
            .field("report_summary", .string)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(ConsultationSection.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, .id, onDelete: .cascade))
            .field("position", .int, .required)
            .field("heading", .string, .required)
            .field("text", .string, .required)
            .create()
        try await database.schema(ConsultationAnswer.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, .id, onDelete: .cascade))
            .field("verdict", .string, .required)
            .field("reason", .string, .required)
            .field("answered_by", .string, .required)
            .field("answered_at", .datetime, .required)
            .create()
        try await database.schema(ConsultationComment.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, .id, onDelete: .cascade))
            .field("section_id", .uuid, .references(ConsultationSection.schema, .id))
            .field("author_id", .uuid, .required, .references(User.schema, .id))
            .field("author_mask", .string, .required)
            .field("company_name", .string)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("reject_reason", .string)
            .field("moderated_by", .string)
            .field("supports", .int, .required)
            .field("answer_id", .uuid, .references(ConsultationAnswer.schema, .id))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(CommentSupport.schema)
            .id()
            .field("comment_id", .uuid, .required, .references(ConsultationComment.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("created_at", .datetime, .required)
            .unique(on: "comment_id", "user_id")
            .create()
        try await database.schema(OpenDay.schema)
            .id()
            .field("event_id", .uuid, .required, .references(CommunityEvent.schema, .id, onDelete: .cascade))
            .field("department_code", .string, .required)
            .unique(on: "event_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The public list (newest first), a draft's comments in order, and the list of a department's open days.
        try await sql.create(index: "consultations_list_idx").on(Consultation.schema).column("created_at").run()
        try await sql.create(index: "consultation_comments_list_idx").on(ConsultationComment.schema).column("consultation_id").column("created_at").run()
        try await sql.create(index: "consultation_sections_idx").on(ConsultationSection.schema).column("consultation_id").column("position").run()
        try await sql.create(index: "open_days_department_idx").on(OpenDay.schema).column("department_code").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [OpenDay.schema, CommentSupport.schema, ConsultationComment.schema, ConsultationAnswer.schema,
                       ConsultationSection.schema, Consultation.schema] {
            try await database.schema(schema).delete()
        }
    }
}
