import Fluent
import Foundation

/// 社区活动 (活动报名, 助餐, 理发 …): something residents sign up for, with a capacity and a waiting list that moves up by
/// itself when someone cancels. `communityCode` nil means open to every signed-in person (政府开放日 reuses this).
final class CommunityEvent: Model, @unchecked Sendable {
    static let schema = "community_events"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "community_code") var communityCode: String?
    @Field(key: "title") var title: String
    /// 活动, 助餐, 理发, 讲座, 义诊 …
    @Field(key: "kind") var kind: String
    @Field(key: "description") var description: String
    @Field(key: "place") var place: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "capacity") var capacity: Int
    @Field(key: "created_by") var createdBy: String
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    /// Touched by every sign-up and cancellation first, so concurrent ones wait for each other (row lock on PostgreSQL).
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// One person's place at an event: confirmed, on the waiting list (in order of `queuedAt`), or cancelled.
final class EventSignup: Model, @unchecked Sendable {
    static let schema = "event_signups"

    enum Status: String, Codable, Sendable { case confirmed, waitlisted, cancelled }

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: CommunityEvent
    @Field(key: "user_id") var userID: UUID
    @Field(key: "status") var status: String
    /// When the person joined (again): the waiting list's order.
    @Field(key: "queued_at") var queuedAt: Date
    /// The staff member who signed up for the person (代办), with the person's consent noted; nil when they did it themselves.
    @OptionalField(key: "agent_name") var agentName: String?
    @OptionalField(key: "consent") var consent: String?
    @Field(key: "reminded") var reminded: Bool
    /// Set by staff after the event: nil until recorded.
    @OptionalField(key: "attended") var attended: Bool?

    init() {}
}

struct CreateCommunityEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CommunityEvent.schema)
            .id()
            .field("community_code", .string)
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("place", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("capacity", .int, .required)
            .field("created_by", .string, .required)
            .field("cancelled_at", .datetime)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(EventSignup.schema)
            .id()
            .field("event_id", .uuid, .required, .references(CommunityEvent.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("status", .string, .required)
            .field("queued_at", .datetime, .required)
            .field("agent_name", .string)
            .field("consent", .string)
            .field("reminded", .bool, .required)
            .field("attended", .bool)
            .unique(on: "event_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EventSignup.schema).delete()
        try await database.schema(CommunityEvent.schema).delete()
    }
}
