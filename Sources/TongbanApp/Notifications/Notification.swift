import Fluent
import SQLKit
import Foundation

/// A message to one person. In-app messages are the inbox; SMS messages are an outbox that the
/// delivery job drains. Both are written in the same transaction as the change they report,
/// so a message is never sent for a change that rolled back, nor lost for one that committed.
final class Notification: Model, @unchecked Sendable {
    static let schema = "notifications"

    enum Channel: String, Codable { case inApp = "inapp", sms }
    enum Status: String, Codable { case pending, sent, failed }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "channel") var channel: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// Where the message leads in the web app, e.g. the case page.
    @OptionalField(key: "link") var link: String?
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "read_at") var readAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Notification.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("channel", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("link", .string)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("sent_at", .datetime)
            .field("read_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "notifications_inbox_idx").on(Notification.schema).column("user_id").column("channel").column("created_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Notification.schema).delete()
    }
}
