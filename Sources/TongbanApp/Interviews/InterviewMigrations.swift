import Fluent
import SQLKit

struct CreateInterviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Interview.schema)
            .id()
            .field("department_code", .string, .required)
            .field("title", .string, .required)
            .field("guest", .string, .required)
            .field("summary", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("state", .string, .required)
            .field("revision", .int, .required)
            .field("started_at", .datetime)
            .field("ended_at", .datetime)
            .field("created_by", .uuid, .required, .references(User.schema, .id))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(InterviewQuestion.schema)
            .id()
            .field("interview_id", .uuid, .required, .references(Interview.schema, .id))
            .field("asker_id", .uuid, .required, .references(User.schema, .id))
            .field("asker_masked", .string, .required)
            .field("text", .string, .required)
            .field("state", .string, .required)
            .field("position", .int)
            .field("answer", .string)
            .field("answered_at", .datetime)
            .field("answer_seq", .int)
            .field("ticket_number", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The list page: upcoming, live and past by start time.
        try await sql.create(index: "interviews_list_idx").on(Interview.schema).column("starts_at").run()
        // An interview's questions: the page, the moderators' queue and the live feed all read by interview.
        try await sql.create(index: "interview_questions_interview_idx").on(InterviewQuestion.schema).column("interview_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InterviewQuestion.schema).delete()
        try await database.schema(Interview.schema).delete()
    }
}
