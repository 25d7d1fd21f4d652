import Fluent
import Foundation
import SQLKit

/// The row histories behind 我的社保, 我的公积金 and 我的医保, and 医保's own account: kept as the owning
/// departments keep them (人社, 公积金中心, 医保局), keyed by the keyed hash of the ID number like every
/// registry. Read through `ExchangeGate.readOwnHistory`, never directly by pages.
final class ContributionRecord: Model, @unchecked Sendable {
    static let schema = "registry_social_insurance_contributions"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_hash") var personHash: String
    /// YYYY-MM, the month the contribution is for.
    @Field(key: "period") var period: String
    @Field(key: "employer_name") var employerName: String
    @Field(key: "base_fen") var baseFen: Int
    /// 养老 8% + 医疗 2% + 失业 0.5% of the base.
    @Field(key: "personal_fen") var personalFen: Int
    /// 养老 16% + 医疗 7% + 失业 0.5% + 工伤 0.4% of the base.
    @Field(key: "employer_fen") var employerFen: Int

    init() {}
}

/// One booking on a housing-fund account: 汇缴 (monthly deposit), 提取 (withdrawal) or 结息 (interest).
final class FundTransaction: Model, @unchecked Sendable {
    static let schema = "registry_fund_transactions"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_hash") var personHash: String
    @Field(key: "period") var period: String
    /// YYYY-MM-DD
    @Field(key: "booked_on") var bookedOn: String
    @Field(key: "kind") var kind: String
    /// Into the account positive, out of it negative.
    @Field(key: "amount_fen") var amountFen: Int
    @Field(key: "balance_fen") var balanceFen: Int
    /// The depositing employer, or the reason of a withdrawal.
    @Field(key: "note") var note: String

    init() {}
}

final class MedicalAccount: Model, @unchecked Sendable {
    static let schema = "registry_medical_accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_hash") var personHash: String
    @Field(key: "number") var number: String
    /// 职工基本医疗保险 or 城乡居民基本医疗保险 (the latter has no personal account: balance 0).
    @Field(key: "insurance_type") var insuranceType: String
    @Field(key: "status") var status: String
    @Field(key: "balance_fen") var balanceFen: Int
    @Field(key: "insured_since") var insuredSince: String

    init() {}
}

/// One settled visit: what it cost and what the fund paid (统筹支付); the rest the person paid.
final class MedicalVisit: Model, @unchecked Sendable {
    static let schema = "registry_medical_visits"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_hash") var personHash: String
    @Field(key: "period") var period: String
    @Field(key: "visited_on") var visitedOn: String
    @Field(key: "hospital") var hospital: String
    @Field(key: "department") var department: String
    /// 门诊, 住院 or 药店购药
    @Field(key: "kind") var kind: String
    @Field(key: "total_fen") var totalFen: Int
    @Field(key: "reimbursed_fen") var reimbursedFen: Int

    init() {}
}

struct CreateRecordRegistries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContributionRecord.schema)
            .id()
            .field("person_hash", .string, .required)
            .field("period", .string, .required)
            .field("employer_name", .string, .required)
            .field("base_fen", .int64, .required)
            .field("personal_fen", .int64, .required)
            .field("employer_fen", .int64, .required)
            .create()
        try await database.schema(FundTransaction.schema)
            .id()
            .field("person_hash", .string, .required)
            .field("period", .string, .required)
            .field("booked_on", .string, .required)
            .field("kind", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("balance_fen", .int64, .required)
            .field("note", .string, .required)
            .create()
        try await database.schema(MedicalAccount.schema)
            .id()
            .field("person_hash", .string, .required)
            .field("number", .string, .required)
            .field("insurance_type", .string, .required)
            .field("status", .string, .required)
            .field("balance_fen", .int64, .required)
            .field("insured_since", .string, .required)
            .unique(on: "person_hash")
            .create()
        try await database.schema(MedicalVisit.schema)
            .id()
            .field("person_hash", .string, .required)
            .field("period", .string, .required)
            .field("visited_on", .string, .required)
            .field("hospital", .string, .required)
            .field("department", .string, .required)
            .field("kind", .string, .required)
            .field("total_fen", .int64, .required)
            .field("reimbursed_fen", .int64, .required)
            .create()
        // Every read is one person's rows in order of time.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "registry_contributions_person_idx").on(ContributionRecord.schema).column("person_hash").column("period").run()
            try await sql.create(index: "registry_fund_tx_person_idx").on(FundTransaction.schema).column("person_hash").column("booked_on").run()
            try await sql.create(index: "registry_medical_visits_person_idx").on(MedicalVisit.schema).column("person_hash").column("visited_on").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [MedicalVisit.schema, MedicalAccount.schema, FundTransaction.schema, ContributionRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
