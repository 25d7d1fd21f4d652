import Fluent
import Foundation
import SQLKit

/// 常见问题: an answer administrators write for questions the catalogue alone does not answer well, found by its
/// phrasings and shown with the service item it belongs to.
final class AssistantFAQ: Model, @unchecked Sendable {
    static let schema = "assistant_faqs"

    @ID(key: .id) var id: UUID?
    /// One phrasing per line.
    @Field(key: "questions") var questions: String
    @Field(key: "answer") var answer: String
    @OptionalField(key: "item_code") var itemCode: String?
    @Field(key: "updated_by") var updatedBy: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var questionList: [String] { questions.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

/// A question the assistant could not answer with confidence, kept for administrators to write an FAQ entry for.
final class AssistantMiss: Model, @unchecked Sendable {
    static let schema = "assistant_misses"

    @ID(key: .id) var id: UUID?
    @Field(key: "question") var question: String
    /// The nearest services offered, by name, for the administrator's context.
    @Field(key: "nearest") var nearest: String
    @Field(key: "at") var at: Date
    /// Set when an FAQ entry was written for it.
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}
}

struct CreateAssistant: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AssistantFAQ.schema)
            .id()
            .field("questions", .string, .required)
            .field("answer", .string, .required)
            .field("item_code", .string)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(AssistantMiss.schema)
            .id()
            .field("question", .string, .required)
            .field("nearest", .string, .required)
            .field("at", .datetime, .required)
            .field("resolved_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "assistant_misses_at_idx").on(AssistantMiss.schema).column("resolved_at").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssistantMiss.schema).delete()
        try await database.schema(AssistantFAQ.schema).delete()
    }
}
