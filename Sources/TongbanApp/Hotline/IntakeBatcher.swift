import Fluent
import Foundation
import Vapor

/// Group commit for ticket intake: tickets that arrive while a write is in progress are saved together in the
/// next transaction, so a busy hotline pays for one commit (and on SQLite one turn of the write gate) per batch,
/// not per call. Each caller still returns only after its own ticket is committed.
actor IntakeBatcher {
    struct Write: Sendable {
        var ticket: TicketRows.Ticket
        var events: [TicketRows.Event]
        var notices: [NotificationService.Row]
        /// Runs in the same transaction as the ticket's insert (see `TicketService.file`).
        var alongside: (@Sendable (any Database) async throws -> Void)?
    }

    private let db: any Database
    private let gate: WriteGate?
    private var pending: [(write: Write, done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    init(db: any Database, gate: WriteGate?) {
        self.db = db
        self.gate = gate
    }

    func save(_ write: Write) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((write, done))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    /// Takes whatever has piled up, writes it in one transaction, and goes on while more arrives. A batch that
    /// fails is retried one ticket at a time, so one bad ticket cannot take its neighbours down with it.
    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await Self.write(batch.map(\.write), db: db, gate: gate)
                for entry in batch { entry.done.resume() }
            } catch {
                for entry in batch {
                    do {
                        try await Self.write([entry.write], db: db, gate: gate)
                        entry.done.resume()
                    } catch {
                        entry.done.resume(throwing: error)
                    }
                }
            }
        }
        flushing = false
    }

    static func write(_ writes: [Write], db: any Database, gate: WriteGate?) async throws {
        try await serializedTransaction(db, gate: gate) { db in
            for chunk in writes.chunked(200) {
                try await PlainRows.insert(chunk.map(\.ticket), into: Ticket.schema, on: db)
                try await PlainRows.insert(chunk.flatMap(\.events), into: TicketEvent.schema, on: db)
                try await PlainRows.insert(chunk.flatMap(\.notices), into: Notification.schema, on: db)
            }
            for write in writes { try await write.alongside?(db) }
        }
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
