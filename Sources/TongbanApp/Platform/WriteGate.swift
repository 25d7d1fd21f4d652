import Fluent
import Foundation
import Vapor

/// Lets one SQLite write transaction run at a time in this process. SQLite allows one writer;
/// without the gate a second connection that wants to write spins in sqlite-nio's busy handler
/// (which retries at once, forever), burning the CPU the writer needs. Waiting here costs nothing.
/// PostgreSQL needs no gate: its row locks serialise only what conflicts.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }

    /// nil on PostgreSQL.
    var writeGate: WriteGate? {
        get { storage[WriteGateKey.self] }
        set { storage[WriteGateKey.self] = newValue }
    }
}

/// A write transaction through the gate when there is one.
func serializedTransaction<T: Sendable>(_ db: any Database, gate: WriteGate?, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
    guard let gate else { return try await db.transaction(body) }
    return try await gate.run { try await db.transaction(body) }
}
