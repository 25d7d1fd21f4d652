import Fluent
import SQLKit

struct CreateIdentity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("username", .string)
            .field("phone_hash", .string)
            .field("phone_cipher", .string)
            .field("real_name", .string, .required)
            .field("id_number_hash", .string)
            .field("id_number_cipher", .string)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .unique(on: "phone_hash")
            .unique(on: "id_number_hash")
            .create()
        try await database.schema(UserRole.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("role", .string, .required)
            .field("department_id", .uuid, .references(Department.schema, .id))
            .create()
        try await database.schema(WebSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(LoginFailure.schema)
            .id()
            .field("subject_hash", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.schema(Company.schema)
            .id()
            .field("credit_code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "credit_code")
            .create()
        try await database.schema(CompanyAgent.schema)
            .id()
            .field("company_id", .uuid, .required, .references(Company.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("created_at", .datetime)
            .unique(on: "company_id", "user_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "user_roles_user_idx").on(UserRole.schema).column("user_id").run()
            try await sql.create(index: "login_failures_subject_idx").on(LoginFailure.schema).column("subject_hash").column("at").run()
            try await sql.create(index: "company_agents_user_idx").on(CompanyAgent.schema).column("user_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [CompanyAgent.schema, Company.schema, LoginFailure.schema, APIToken.schema, WebSession.schema, UserRole.schema, User.schema] {
            try await database.schema(schema).delete()
        }
    }
}
