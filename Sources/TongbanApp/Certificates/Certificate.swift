import Crypto
import Fluent
import Foundation
import SQLKit
import TongbanCore

/// 电子证照: the result of a concluded case, or a seeded personal certificate. Its content hash is
/// computed over everything it states, so an edit in the database no longer matches (the ledger
/// anchors the hash outside the table).
final class Certificate: Model, @unchecked Sendable {
    static let schema = "certificates"

    @ID(key: .id) var id: UUID?
    /// Printed number, e.g. 证照号 LA-2026-7KQ3M9XP.
    @Field(key: "number") var number: String
    /// What the certificate is, e.g. 营业执照, 不动产权证书.
    @Field(key: "kind") var kind: String
    @Field(key: "holder_name") var holderName: String
    @OptionalField(key: "holder_id") var holderID: UUID?
    @OptionalField(key: "company_id") var companyID: UUID?
    @Field(key: "issuer_code") var issuerCode: String
    @Field(key: "issuer_name") var issuerName: String
    @Field(key: "issued_at") var issuedAt: Date
    /// YYYY-MM-DD; nil means 长期有效.
    @OptionalField(key: "valid_until") var validUntil: String?
    /// What the certificate states, as JSON `{label: value}`.
    @Field(key: "content") var contentJSON: String
    @Field(key: "content_hash") var contentHash: String
    /// Printed next to the number; asked for by the public verification so numbers alone reveal nothing.
    @Field(key: "verification_code") var verificationCode: String
    @OptionalField(key: "case_id") var caseID: UUID?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoke_reason") var revokeReason: String?
    /// Public verification shows the content too: set on statements (缴费证明 …), whose reader must
    /// check the printed figures, and which hold only what the holder chose and a masked ID.
    /// Added by `CertificateAddPublicContent`; nil on everything issued before.
    @OptionalField(key: "public_content") var publicContent: Bool?

    init() {}

    var content: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(contentJSON.utf8))) ?? [:]
    }

    /// SHA-256 over a canonical rendering of every stated field, hex.
    var computedHash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let issued = Int(issuedAt.timeIntervalSince1970.rounded(.down))
        let canonical: [String: String] = [
            "number": number, "kind": kind, "holder": holderName, "issuer": issuerCode, "issuedAt": String(issued),
            "validUntil": validUntil ?? "", "content": contentJSON,
        ]
        let data = (try? encoder.encode(canonical)) ?? Data()
        return SHA256.hash(data: data).hexLower
    }

    enum Status: String, Codable { case valid, revoked, expired }

    func status(today: String) -> Status {
        if revokedAt != nil { return .revoked }
        if let validUntil, validUntil < today { return .expired }
        return .valid
    }
}

/// 授权亮证: a holder lets someone see one certificate until a time, by code or link.
final class CertificateShare: Model, @unchecked Sendable {
    static let schema = "certificate_shares"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Parent(key: "certificate_id") var certificate: Certificate
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateCertificates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Certificate.schema)
            .id()
            .field("number", .string, .required)
            .field("kind", .string, .required)
            .field("holder_name", .string, .required)
            .field("holder_id", .uuid)
            .field("company_id", .uuid)
            .field("issuer_code", .string, .required)
            .field("issuer_name", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("valid_until", .string)
            .field("content", .string, .required)
            .field("content_hash", .string, .required)
            .field("verification_code", .string, .required)
            .field("case_id", .uuid)
            .field("revoked_at", .datetime)
            .field("revoke_reason", .string)
            .unique(on: "number")
            .create()
        try await database.schema(CertificateShare.schema)
            .id()
            .field("code", .string, .required)
            .field("certificate_id", .uuid, .required, .references(Certificate.schema, .id, onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "certificates_holder_idx").on(Certificate.schema).column("holder_id").run()
            try await sql.create(index: "certificates_case_idx").on(Certificate.schema).column("case_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CertificateShare.schema).delete()
        try await database.schema(Certificate.schema).delete()
    }
}

struct CertificateAddPublicContent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Certificate.schema).field("public_content", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Certificate.schema).deleteField("public_content").update()
    }
}
