import Fluent
import Foundation
import SQLKit

/// 人口库 (公安), 法人库 (市场监管) and 社保 (人社): people and companies keyed by the keyed hash
/// of their identifiers, as the other registries; ID numbers themselves only sealed.
final class PopulationRecord: Model, @unchecked Sendable {
    static let schema = "registry_population"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_hash") var personHash: String
    @Field(key: "id_number_cipher") var idNumberCipher: String
    @Field(key: "name") var name: String
    @Field(key: "gender") var gender: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "household_number") var householdNumber: String
    @Field(key: "address") var address: String
    @Field(key: "district_code") var districtCode: String
    @Field(key: "marital_status") var maritalStatus: String
    @OptionalField(key: "spouse_hash") var spouseHash: String?
    @OptionalField(key: "father_hash") var fatherHash: String?
    @OptionalField(key: "mother_hash") var motherHash: String?
    @Field(key: "alive") var alive: Bool
    /// 身份证有效期至: a date, "长期", or nil without a card; added by `AddIDCardValidity`.
    @OptionalField(key: "id_card_valid_until") var idCardValidUntil: String?
    /// The 社区/村 of the registered address, and its building (…号3栋); added by `CreateCommunities`.
    @OptionalField(key: "community_code") var communityCode: String?
    @OptionalField(key: "building") var building: String?
    /// 残疾人证的残疾等级 (一级–四级), nil without a certificate; added by `PopulationAddDisabilityLevel`.
    @OptionalField(key: "disability_level") var disabilityLevel: String?

    init() {}
}

/// The card's validity, which 人口库 holds and the platform needs to say when a card is due for renewal.
struct AddIDCardValidity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PopulationRecord.schema).field("id_card_valid_until", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PopulationRecord.schema).deleteField("id_card_valid_until").update()
    }
}

/// 残联's certificate level, held with 人口库 here so the community's care list can find people with a disability.
struct PopulationAddDisabilityLevel: AsyncMigration {
    static let levels = ["一级", "二级", "三级", "四级"]

    func prepare(on database: any Database) async throws {
        try await database.schema(PopulationRecord.schema).field("disability_level", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PopulationRecord.schema).deleteField("disability_level").update()
    }
}

final class LegalEntityRecord: Model, @unchecked Sendable {
    static let schema = "registry_legal_entities"

    @ID(key: .id) var id: UUID?
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "name") var name: String
    @Field(key: "entity_type") var entityType: String
    @Field(key: "legal_representative_hash") var legalRepresentativeHash: String
    @Field(key: "legal_representative_name") var legalRepresentativeName: String
    @Field(key: "registered_capital_yuan") var registeredCapitalYuan: Int
    @Field(key: "established_on") var establishedOn: String
    @Field(key: "address") var address: String
    @Field(key: "status") var status: String

    init() {}
}

final class SocialInsuranceRecord: Model, @unchecked Sendable {
    static let schema = "registry_social_insurance"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_hash") var personHash: String
    @Field(key: "number") var number: String
    @Field(key: "status") var status: String
    @Field(key: "months") var months: Int
    @OptionalField(key: "employer_credit_code") var employerCreditCode: String?

    init() {}
}

struct CreatePopulationRegistries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PopulationRecord.schema)
            .id()
            .field("person_hash", .string, .required)
            .field("id_number_cipher", .string, .required)
            .field("name", .string, .required)
            .field("gender", .string, .required)
            .field("birth_date", .string, .required)
            .field("household_number", .string, .required)
            .field("address", .string, .required)
            .field("district_code", .string, .required)
            .field("marital_status", .string, .required)
            .field("spouse_hash", .string)
            .field("father_hash", .string)
            .field("mother_hash", .string)
            .field("alive", .bool, .required)
            .unique(on: "person_hash")
            .create()
        try await database.schema(LegalEntityRecord.schema)
            .id()
            .field("credit_code", .string, .required)
            .field("name", .string, .required)
            .field("entity_type", .string, .required)
            .field("legal_representative_hash", .string, .required)
            .field("legal_representative_name", .string, .required)
            .field("registered_capital_yuan", .int64, .required)
            .field("established_on", .string, .required)
            .field("address", .string, .required)
            .field("status", .string, .required)
            .unique(on: "credit_code")
            .create()
        try await database.schema(SocialInsuranceRecord.schema)
            .id()
            .field("person_hash", .string, .required)
            .field("number", .string, .required)
            .field("status", .string, .required)
            .field("months", .int, .required)
            .field("employer_credit_code", .string)
            .unique(on: "person_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "registry_population_household_idx").on(PopulationRecord.schema).column("household_number").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [SocialInsuranceRecord.schema, LegalEntityRecord.schema, PopulationRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
