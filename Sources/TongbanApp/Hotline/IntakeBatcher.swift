import Fluent
import Foundation
import Vapor

/// Group commit for ticket intake (see `GroupCommit`): a busy hotline pays for one transaction per batch of
/// calls, not per call.
struct IntakeBatcher: Sendable {
    struct Write: Sendable {
        var ticket: TicketRows.Ticket
        var events: [TicketRows.Event]
        var notices: [NotificationService.Row]
        /// Runs in the same transaction as the ticket's insert (see `TicketService.file`).
        var alongside: (@Sendable (any Database) async throws -> Void)?
    }

    private let commit: GroupCommit<Write, Void>

    init(db: any Database, gate: WriteGate?) {
        commit = GroupCommit { writes in
            try await Self.write(writes, db: db, gate: gate)
            return writes.map { _ in .success(()) }
        }
    }

    func save(_ write: Write) async throws {
        try await commit.submit(write)
    }

    /// Without a batcher (commands, imports, the simulator): these writes in one transaction of their own.
    static func write(_ writes: [Write], db: any Database, gate: WriteGate?) async throws {
        try await serializedTransaction(db, gate: gate) { db in try await insert(writes, on: db) }
    }

    static func insert(_ writes: [Write], on db: any Database) async throws {
        for chunk in writes.chunked(200) {
            try await PlainRows.insert(chunk.map(\.ticket), into: Ticket.schema, on: db)
            try await PlainRows.insert(chunk.flatMap(\.events), into: TicketEvent.schema, on: db)
            try await PlainRows.insert(chunk.flatMap(\.notices), into: Notification.schema, on: db)
        }
        for write in writes { try await write.alongside?(db) }
    }
}

extension Application {
    private struct IntakeBatcherKey: StorageKey { typealias Value = IntakeBatcher }

    /// Set in `configure` once the database is known.
    var intakeBatcher: IntakeBatcher? {
        get { storage[IntakeBatcherKey.self] }
        set { storage[IntakeBatcherKey.self] = newValue }
    }
}
