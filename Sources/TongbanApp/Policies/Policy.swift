import Fluent
import Foundation

/// 惠民惠企政策: a subsidy, benefit or notice a department publishes, with eligibility as rules over a person's facts
/// (age, sex, district from the ID number; registry fields such as 社保参保状态), so people can see, condition by
/// condition, whether it is for them.
final class Policy: Model, @unchecked Sendable {
    static let schema = "policies"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "benefit") var benefit: String
    @Field(key: "department_code") var departmentCode: String
    /// The eligibility rules, as the rule engine's JSON (the same language as 智能审批).
    @Field(key: "conditions") var conditions: String
    /// The service item to apply for (a link), or for 免申即享 the item a case is created in.
    @OptionalField(key: "item_code") var itemCode: String?
    @Field(key: "no_application") var noApplication: Bool
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "updated_by") var updatedBy: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

struct CreatePolicies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Policy.schema)
            .id()
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("benefit", .string, .required)
            .field("department_code", .string, .required)
            .field("conditions", .string, .required)
            .field("item_code", .string)
            .field("no_application", .bool, .required)
            .field("published_at", .datetime)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Policy.schema).delete()
    }
}
