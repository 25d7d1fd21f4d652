import Fluent
import Foundation
import SQLKit

/// 授权: a consuming department may read these fields of a registry for this purpose until a date.
/// `purpose` is a service item code, or `*` for any of the department's own items.
final class RegistryGrant: Model, @unchecked Sendable {
    static let schema = "registry_grants"

    @ID(key: .id) var id: UUID?
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "registry") var registry: String
    /// Comma-separated field names.
    @Field(key: "fields") var fields: String
    @Field(key: "purpose") var purpose: String
    /// YYYY-MM-DD, the last day the grant holds.
    @Field(key: "expires_on") var expiresOn: String
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var fieldList: [String] { fields.split(separator: ",").map(String.init) }
}

/// 数据使用记录: one read of one person's data, whoever read it and why. Never updated, never deleted.
final class DataAccess: Model, @unchecked Sendable {
    static let schema = "data_access_log"

    @ID(key: .id) var id: UUID?
    /// The keyed hash of the subject's ID number, as the registries store people.
    @Field(key: "subject_hash") var subjectHash: String
    @Field(key: "registry") var registry: String
    @Field(key: "fields") var fields: String
    @OptionalField(key: "masked_fields") var maskedFields: String?
    @Field(key: "reader_name") var readerName: String
    @OptionalField(key: "reader_id") var readerID: UUID?
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "at") var at: Date

    init() {}
}

struct CreateExchange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RegistryGrant.schema)
            .id()
            .field("department_code", .string, .required)
            .field("registry", .string, .required)
            .field("fields", .string, .required)
            .field("purpose", .string, .required)
            .field("expires_on", .string, .required)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(DataAccess.schema)
            .id()
            .field("subject_hash", .string, .required)
            .field("registry", .string, .required)
            .field("fields", .string, .required)
            .field("masked_fields", .string)
            .field("reader_name", .string, .required)
            .field("reader_id", .uuid)
            .field("department_code", .string, .required)
            .field("purpose", .string, .required)
            .field("case_id", .uuid)
            .field("at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "registry_grants_lookup_idx").on(RegistryGrant.schema).column("department_code").column("registry").run()
            try await sql.create(index: "data_access_subject_idx").on(DataAccess.schema).column("subject_hash").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DataAccess.schema).delete()
        try await database.schema(RegistryGrant.schema).delete()
    }
}
