import Fluent
import SQLKit
import Foundation

/// Background work that must survive a restart: notification delivery, the deadline scan.
/// A job is claimed with a lease; if its worker dies, the lease runs out and another takes it.
final class Job: Model, @unchecked Sendable {
    static let schema = "jobs"

    enum Status: String { case queued, running, done, failed }

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "payload") var payload: String
    @Field(key: "run_at") var runAt: Date
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "locked_by") var lockedBy: String?
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    init(kind: String, payload: String, runAt: Date) {
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        status = Status.queued.rawValue
        attempts = 0
        createdAt = runAt
    }
}

struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Job.schema)
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("run_at", .datetime, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("locked_by", .string)
            .field("locked_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "jobs_due_idx").on(Job.schema).column("status").column("run_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Job.schema).delete()
    }
}
