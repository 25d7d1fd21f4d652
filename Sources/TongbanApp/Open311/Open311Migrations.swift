import Fluent
import Foundation
import SQLKit

/// An application allowed to file requests: only the SHA-256 of its api_key is kept.
final class Open311Client: Model, @unchecked Sendable {
    static let schema = "open311_clients"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// Lower-case hex SHA-256 of the key.
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(name: String, key: String, createdAt: Date) {
        self.name = name
        self.keyHash = Token.hash(key)
        self.createdAt = createdAt
    }
}

/// A ticket filed through Open311: which service it was filed under, by which client, and its token.
/// Only tickets with a row here are shown by GET requests.
final class Open311Submission: Model, @unchecked Sendable {
    static let schema = "open311_submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    /// The ticket number, which is the service_request_id.
    @Field(key: "ticket_number") var ticketNumber: String
    @Field(key: "service_code") var serviceCode: String
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "token") var token: String
    @OptionalField(key: "address_id") var addressID: String?
    /// The ticket's creation time, kept here so lists by date and service are answered from this table's index.
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateOpen311: AsyncMigration {
    static let demoClient = "演示客户端"
    static let demoKey = "demo-open311-key"

    func prepare(on database: any Database) async throws {
        try await database.schema(Open311Client.schema)
            .id()
            .field("name", .string, .required)
            .field("key_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "key_hash")
            .create()
        try await database.schema(Open311Submission.schema)
            .id()
            .field("ticket_id", .uuid, .required, .references(Ticket.schema, .id, onDelete: .cascade))
            .field("ticket_number", .string, .required)
            .field("service_code", .string, .required)
            .field("client_id", .uuid, .required, .references(Open311Client.schema, .id))
            .field("token", .string, .required)
            .field("address_id", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "ticket_id")
            .unique(on: "ticket_number")
            .unique(on: "token")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "open311_submissions_created_idx").on(Open311Submission.schema).column("created_at").run()
            try await sql.create(index: "open311_submissions_service_idx").on(Open311Submission.schema)
                .column("service_code").column("created_at").run()
        }
        try await Self.seedDemoClient(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Open311Submission.schema).delete()
        try await database.schema(Open311Client.schema).delete()
    }

    /// The demo key in README and docs/open311.md; delete its row to revoke it in production.
    static func seedDemoClient(on database: any Database) async throws {
        guard try await Open311Client.query(on: database).count() == 0 else { return }
        try await Open311Client(name: demoClient, key: demoKey, createdAt: Date()).create(on: database)
    }
}
