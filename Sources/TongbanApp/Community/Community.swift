import Fluent
import Foundation
import SQLKit

/// 社区/村: the smallest unit of local government, in a 街道/乡镇 of a district. Residents belong to one by their
/// registered address in 人口库 (`PopulationRecord.communityCode`); community staff and grid workers act for one.
final class Community: Model, @unchecked Sendable {
    static let schema = "communities"

    @ID(key: .id) var id: UUID?
    /// District code + street number + community number, e.g. 341502001001.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    /// 社区 or 村.
    @Field(key: "kind") var kind: String
    @Field(key: "street_code") var streetCode: String
    @Field(key: "street_name") var streetName: String
    @Field(key: "district_code") var districtCode: String

    init() {}
}

/// Communities, the residents' link to theirs (and their building, for notices), and community-scoped roles.
struct CreateCommunities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Community.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("street_code", .string, .required)
            .field("street_name", .string, .required)
            .field("district_code", .string, .required)
            .unique(on: "code")
            .create()
        try await database.schema(PopulationRecord.schema).field("community_code", .string).update()
        try await database.schema(PopulationRecord.schema).field("building", .string).update()
        try await database.schema(UserRole.schema).field("community_code", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "registry_population_community_idx").on(PopulationRecord.schema).column("community_code").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserRole.schema).deleteField("community_code").update()
        try await database.schema(PopulationRecord.schema).deleteField("building").update()
        try await database.schema(PopulationRecord.schema).deleteField("community_code").update()
        try await database.schema(Community.schema).delete()
    }
}
