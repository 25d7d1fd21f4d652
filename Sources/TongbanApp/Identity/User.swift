import Fluent
import Foundation

/// An account: a citizen (phone + real name + ID number) or a member of staff (username).
/// Phone and ID number are stored encrypted, with a keyed hash to find the account by them.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "username") var username: String?
    @OptionalField(key: "phone_hash") var phoneHash: String?
    @OptionalField(key: "phone_cipher") var phoneCipher: String?
    @Field(key: "real_name") var realName: String
    @OptionalField(key: "id_number_hash") var idNumberHash: String?
    @OptionalField(key: "id_number_cipher") var idNumberCipher: String?
    @Field(key: "password_hash") var passwordHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$user) var roles: [UserRole]

    init() {}
}

/// One role held by a user, optionally within one department.
final class UserRole: Model, @unchecked Sendable {
    static let schema = "user_roles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: String
    @OptionalParent(key: "department_id") var department: Department?
    /// For community roles; added by `CreateCommunities`.
    @OptionalField(key: "community_code") var communityCode: String?

    init() {}
    init(userID: UUID, role: Role, departmentID: UUID?, communityCode: String? = nil) {
        $user.id = userID
        self.role = role.rawValue
        $department.id = departmentID
        self.communityCode = communityCode
    }
}

/// A browser session; the cookie holds the token, the table only its hash.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A bearer token for the API; stored hashed like sessions.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Failed sign-ins, kept in the database so that every instance counts the same attempts.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    /// Keyed hash of the account name or client address, never the value itself.
    @Field(key: "subject_hash") var subjectHash: String
    @Field(key: "at") var at: Date

    init() {}
    init(subjectHash: String, at: Date) {
        self.subjectHash = subjectHash
        self.at = at
    }
}

/// A company (法人) and the people who act for it (企业经办人).
final class Company: Model, @unchecked Sendable {
    static let schema = "companies"

    @ID(key: .id) var id: UUID?
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "name") var name: String

    init() {}
}

final class CompanyAgent: Model, @unchecked Sendable {
    static let schema = "company_agents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "company_id") var company: Company
    @Parent(key: "user_id") var user: User
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
