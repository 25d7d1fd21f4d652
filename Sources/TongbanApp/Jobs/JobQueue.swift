import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import TongbanCore

/// The jobs table as a queue. Claiming is one UPDATE … RETURNING: on PostgreSQL the inner
/// SELECT uses FOR UPDATE SKIP LOCKED so instances never claim the same job; SQLite has one
/// writer at a time, which gives the same guarantee.
struct JobQueue {
    let db: any Database
    /// The worker's own writes (claim, complete, retry) wait for SQLite's write gate like every request's: a write
    /// slipped in between a request transaction's read and its write made that transaction fail (SQLITE_BUSY_SNAPSHOT).
    /// Not for `enqueue`, which runs inside the caller's transaction and gate.
    var gate: WriteGate? = nil

    static let lease: TimeInterval = 60
    static let maxAttempts = 8

    @discardableResult
    func enqueue(_ kind: String, payload: String = "", runAt: Date) async throws -> Job {
        let job = Job(kind: kind, payload: payload, runAt: runAt)
        try await job.create(on: db)
        return job
    }

    /// A queued job as inserted with other rows in one statement (see `NotificationService.Outbox`).
    struct Row: Encodable, ColumnNamed, Sendable {
        var id = UUID.timeOrdered()
        var kind: String
        var payload: String
        var runAt: Date
        var status = Job.Status.queued.rawValue
        var attempts = 0
        var createdAt: Date

        init(kind: String, payload: String, runAt: Date) {
            (self.kind, self.payload, self.runAt, createdAt) = (kind, payload, runAt, runAt)
        }

        enum CodingKeys: String, CodingKey {
            case id, kind, payload, runAt = "run_at", status, attempts, createdAt = "created_at"
        }
    }

    func claim(worker: String, now: Date, limit: Int = 20) async throws -> [Job] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let lockClause = db is any PostgresDatabase ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await gated { try await sql.raw("""
            UPDATE jobs SET status = 'running', locked_by = \(bind: worker), locked_until = \(bind: now.addingTimeInterval(Self.lease)),
                attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM jobs
                WHERE (status = 'queued' AND run_at <= \(bind: now)) OR (status = 'running' AND locked_until < \(bind: now))
                ORDER BY run_at LIMIT \(bind: limit)\(unsafeRaw: lockClause))
            RETURNING id
            """).all() }
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await Job.query(on: db).filter(\.$id ~~ ids).sort(\.$runAt).all()
    }

    /// Marks the job done only if this worker still holds it, so a job whose lease ran out and
    /// was taken over is not reported twice.
    func complete(_ job: Job, worker: String, now: Date) async throws {
        try await gated { try await Job.query(on: db).filter(\.$id == job.requireID()).filter(\.$lockedBy == worker)
            .set(\.$status, to: Job.Status.done.rawValue).set(\.$finishedAt, to: now).set(\.$lockedUntil, to: nil)
            .update() }
    }

    /// Puts a recurring job back in the queue for its next run.
    func reschedule(_ job: Job, worker: String, runAt: Date) async throws {
        try await gated { try await Job.query(on: db).filter(\.$id == job.requireID()).filter(\.$lockedBy == worker)
            .set(\.$status, to: Job.Status.queued.rawValue).set(\.$runAt, to: runAt).set(\.$attempts, to: 0)
            .set(\.$lockedUntil, to: nil).set(\.$lastError, to: nil)
            .update() }
    }

    /// Retries with exponential back-off (10 s, 20 s, 40 s … capped at an hour), then gives up
    /// and keeps the job as failed for an administrator to see.
    func fail(_ job: Job, worker: String, error: String, now: Date) async throws {
        let giveUp = job.attempts >= Self.maxAttempts
        let delay = min(3600, 10 * pow(2, Double(max(0, job.attempts - 1))))
        try await gated { try await Job.query(on: db).filter(\.$id == job.requireID()).filter(\.$lockedBy == worker)
            .set(\.$status, to: giveUp ? Job.Status.failed.rawValue : Job.Status.queued.rawValue)
            .set(\.$runAt, to: now.addingTimeInterval(delay)).set(\.$lastError, to: String(error.prefix(500)))
            .set(\.$lockedUntil, to: nil)
            .update() }
    }

    private func gated<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard let gate else { return try await body() }
        return try await gate.run(body)
    }
}
