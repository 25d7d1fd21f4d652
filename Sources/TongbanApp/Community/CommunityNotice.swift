import Fluent
import Foundation
import SQLKit
import Vapor

/// 通知公告: what a community's staff tell all its residents, or one building's (停水、消杀、电梯检修). Each resident
/// with an account hears it in the app (and by SMS when the staff ask); every resident sees it on 我的社区.
final class CommunityNotice: Model, @unchecked Sendable {
    static let schema = "community_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    /// One building (as `PopulationRecord.building`, e.g. 梅山路18号3栋), or nil for the whole community.
    @OptionalField(key: "building") var building: String?
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    /// Whether an SMS went with the in-app message.
    @Field(key: "sms") var sms: Bool
    /// Residents with an account it reached when published.
    @Field(key: "recipients") var recipients: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateCommunityNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CommunityNotice.schema)
            .id()
            .field("community_code", .string, .required)
            .field("building", .string)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("author_id", .uuid, .required, .references(User.schema, .id))
            .field("author_name", .string, .required)
            .field("sms", .bool, .required)
            .field("recipients", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The community's list, newest first (residents are found by `registry_population_community_idx`).
        try await sql.create(index: "community_notices_list_idx").on(CommunityNotice.schema).column("community_code").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CommunityNotice.schema).delete()
    }
}

struct NoticeInput: Content {
    var title: String?
    var body: String?
    /// A building of the community, or empty for all its residents.
    var building: String?
    /// Also by SMS (off unless asked).
    var sms: Bool?
}

struct NoticeView: Content {
    var id: UUID
    var community: String
    var building: String?
    /// 全体居民, or the building.
    var audience: String
    var title: String
    var body: String
    var sms: Bool
    var recipients: Int
    var author: String
    var createdAt: Date

    init(_ notice: CommunityNotice) {
        (id, community, building, title, body) = (notice.id ?? UUID(), notice.communityCode, notice.building, notice.title, notice.body)
        audience = notice.building ?? "全体居民"
        (sms, recipients, author, createdAt) = (notice.sms, notice.recipients, notice.authorName, notice.createdAt)
    }
}

enum NoticeURL {
    static let mine = "/me/community/notices"
    static func community(_ code: String) -> String { "/community/\(code)/notices" }
}
