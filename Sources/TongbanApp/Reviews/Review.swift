import Fluent
import Foundation
import SQLKit

/// One rating of one service (一事一评): a concluded case, a replied 12345 ticket or a visit served at a counter, by
/// the person it served.
final class Review: Model, @unchecked Sendable {
    static let schema = "reviews"

    enum Subject: String, Codable, Sendable, CaseIterable {
        case `case`, ticket, visit

        var title: String {
            switch self {
            case .case: "办件"
            case .ticket: "12345诉求"
            case .visit: "窗口服务"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    /// `case`, `ticket` or `visit`; with `subjectKey` (the case id, the ticket number, the visit id) unique: one rating per service.
    @Field(key: "subject") var subject: String
    @Field(key: "subject_key") var subjectKey: String
    @Field(key: "subject_title") var subjectTitle: String
    @Field(key: "rater_id") var raterID: UUID
    /// The department answerable for the service, and the item (or life event, or ticket type) it was.
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "item_code") var itemCode: String
    @Field(key: "item_name") var itemName: String
    @Field(key: "channel") var channel: String
    @Field(key: "district_code") var districtCode: String
    @Field(key: "level") var level: Int
    /// The first opinion, kept when the rater changes their mind or rates again after a rectification.
    @Field(key: "first_level") var firstLevel: Int
    @Field(key: "tags") var tags: String
    @OptionalField(key: "comment") var comment: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "rerated_at") var reratedAt: Date?

    init() {}
}

/// 整改: what a 差评 asks of the responsible department, with a deadline in working days.
final class Rectification: Model, @unchecked Sendable {
    static let schema = "rectifications"

    enum Status: String, Codable, Sendable {
        /// Waiting for the department's answer.
        case open
        /// Answered; the rater may rate again.
        case replied
        /// The rater changed the rating to a good one before the department answered.
        case withdrawn

        var title: String {
            switch self {
            case .open: "待整改"
            case .replied: "已答复"
            case .withdrawn: "评价已改为满意，无需整改"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "review_id") var reviewID: UUID
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "status") var status: String
    @Field(key: "opened_at") var openedAt: Date
    @Field(key: "deadline_at") var deadlineAt: Date
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "replied_at") var repliedAt: Date?
    @OptionalField(key: "replied_by") var repliedBy: String?

    init() {}
}

struct CreateReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Review.schema)
            .id()
            .field("subject", .string, .required)
            .field("subject_key", .string, .required)
            .field("subject_title", .string, .required)
            .field("rater_id", .uuid, .required, .references("users", "id"))
            .field("department_code", .string, .required)
            .field("item_code", .string, .required)
            .field("item_name", .string, .required)
            .field("channel", .string, .required)
            .field("district_code", .string, .required)
            .field("level", .int, .required)
            .field("first_level", .int, .required)
            .field("tags", .string, .required)
            .field("comment", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("rerated_at", .datetime)
            .unique(on: "subject", "subject_key")
            .create()
        try await database.schema(Rectification.schema)
            .id()
            .field("review_id", .uuid, .required, .references(Review.schema, "id"))
            .field("department_code", .string, .required)
            .field("status", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("deadline_at", .datetime, .required)
            .field("reply", .string)
            .field("replied_at", .datetime)
            .field("replied_by", .string)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Statistics group by department and item over a period; the rectification lists filter by status and department.
        try await sql.create(index: "reviews_department_idx").on(Review.schema).column("department_code").column("created_at").run()
        try await sql.create(index: "reviews_item_idx").on(Review.schema).column("item_code").run()
        try await sql.create(index: "reviews_rater_idx").on(Review.schema).column("rater_id").run()
        try await sql.create(index: "rectifications_status_idx").on(Rectification.schema).column("status").column("department_code").run()
        try await sql.create(index: "rectifications_review_idx").on(Rectification.schema).column("review_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Rectification.schema).delete()
        try await database.schema(Review.schema).delete()
    }
}
