import Fluent
import Foundation
import SQLKit

/// 数据共享申请: a department asks the department that owns a registry for fields it needs for a purpose.
/// The owner answers within a number of working days (有条件共享, 国发〔2016〕51号 第十三条: 10 个工作日);
/// an approval becomes a `RegistryGrant`. How promptly owners answer is a measure of the department assessment.
final class SharingRequest: Model, @unchecked Sendable {
    static let schema = "sharing_requests"

    enum Status: String, Codable, Sendable {
        case pending, approved, refused

        var title: String {
            switch self {
            case .pending: "待答复"
            case .approved: "已同意"
            case .refused: "不予共享"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "requester_code") var requesterCode: String
    @Field(key: "owner_code") var ownerCode: String
    @Field(key: "registry") var registry: String
    /// Comma-separated field names, as grants keep them.
    @Field(key: "fields") var fields: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "reason") var reason: String
    /// YYYY-MM-DD: the last day the requested grant would hold.
    @Field(key: "expires_on") var expiresOn: String
    @Field(key: "status") var status: String
    @Field(key: "requested_by") var requestedBy: String
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "due_at") var dueAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answered_by") var answeredBy: String?
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "grant_id") var grantID: UUID?

    init() {}

    var fieldList: [String] { fields.split(separator: ",").map(String.init) }
}

struct CreateSharingRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SharingRequest.schema)
            .id()
            .field("requester_code", .string, .required)
            .field("owner_code", .string, .required)
            .field("registry", .string, .required)
            .field("fields", .string, .required)
            .field("purpose", .string, .required)
            .field("reason", .string, .required)
            .field("expires_on", .string, .required)
            .field("status", .string, .required)
            .field("requested_by", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("due_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("answered_by", .string)
            .field("answer", .string)
            .field("grant_id", .uuid)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "sharing_requests_owner_idx").on(SharingRequest.schema).column("owner_code").column("status").run()
            try await sql.create(index: "sharing_requests_due_idx").on(SharingRequest.schema).column("due_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SharingRequest.schema).delete()
    }
}
