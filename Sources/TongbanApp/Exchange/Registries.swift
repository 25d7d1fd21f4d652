import Fluent
import Foundation
import SQLKit

/// The first two base registries of the data-sharing exchange, owned by 公积金中心 and 自然资源:
/// enough for 智能审批 to decide a housing-fund withdrawal from data instead of paper.
/// People are found by the keyed hash of their ID number, as users are; no ID number is stored here.
final class FundAccount: Model, @unchecked Sendable {
    static let schema = "registry_fund_accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_hash") var personHash: String
    @Field(key: "account_number") var accountNumber: String
    /// 正常 / 封存 / 销户
    @Field(key: "status") var status: String
    /// Months paid without a gap, counting back from the last month.
    @Field(key: "consecutive_months") var consecutiveMonths: Int
    @Field(key: "balance_fen") var balanceFen: Int
    @Field(key: "outstanding_loan") var outstandingLoan: Bool
    @Field(key: "updated_on") var updatedOn: String

    init() {}
}

/// 不动产登记: one registration of a property to an owner.
final class PropertyRegistration: Model, @unchecked Sendable {
    static let schema = "registry_property_registrations"

    @ID(key: .id) var id: UUID?
    @Field(key: "owner_hash") var ownerHash: String
    @Field(key: "certificate_number") var certificateNumber: String
    @Field(key: "address") var address: String
    /// YYYY-MM-DD, the day the registration took effect.
    @Field(key: "registered_on") var registeredOn: String
    @Field(key: "area_m2") var areaSquareMeters: Double

    init() {}
}

struct CreateRegistries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FundAccount.schema)
            .id()
            .field("person_hash", .string, .required)
            .field("account_number", .string, .required)
            .field("status", .string, .required)
            .field("consecutive_months", .int, .required)
            .field("balance_fen", .int64, .required)
            .field("outstanding_loan", .bool, .required)
            .field("updated_on", .string, .required)
            .unique(on: "person_hash")
            .create()
        try await database.schema(PropertyRegistration.schema)
            .id()
            .field("owner_hash", .string, .required)
            .field("certificate_number", .string, .required)
            .field("address", .string, .required)
            .field("registered_on", .string, .required)
            .field("area_m2", .double, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "registry_property_owner_idx").on(PropertyRegistration.schema).column("owner_hash").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PropertyRegistration.schema).delete()
        try await database.schema(FundAccount.schema).delete()
    }
}
