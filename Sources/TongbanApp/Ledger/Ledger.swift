import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Appends facts to the 存证账本 inside the caller's transaction, so a fact and its entry commit
/// or roll back together. One appender at a time: PostgreSQL's advisory lock across instances,
/// SQLite's single writer (the in-process write gate) on one.
enum Ledger {
    static let advisoryLock = 9162

    /// Holds the appenders' lock until the caller's transaction ends (taking it again is harmless), for callers that
    /// must check something before they append, such as whether an event was already recorded.
    static func lock(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, db is any PostgresDatabase {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: advisoryLock))").run()
        }
    }

    @discardableResult
    static func append(kind: String, subject: String, fields: [String: String], at: Date, on db: any Database) async throws -> LedgerEntry {
        try await lock(on: db)
        let next = (try await LedgerEntry.query(on: db).max(\.$seq)).map { $0 + 1 } ?? 0
        let seconds = Int(at.timeIntervalSince1970.rounded(.down))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var document = fields
        document["kind"] = kind
        document["subject"] = subject
        document["at"] = String(seconds)
        let data = String(decoding: try encoder.encode(document), as: UTF8.self)
        let entry = LedgerEntry()
        entry.seq = next
        entry.kind = kind
        entry.subject = subject
        entry.data = data
        entry.leafHash = MerkleHash.leaf(Array(data.utf8)).hex
        entry.at = Date(timeIntervalSince1970: Double(seconds))
        try await entry.create(on: db)
        return entry
    }
}

/// The log's tree in memory, caught up from the table before every use, so any instance answers
/// for entries another one appended. Resuming reads stored leaf hashes; it never rehashes entries.
actor LedgerTree {
    private var log = MerkleLog()

    func synced(_ db: any Database) async throws -> MerkleLog {
        let fresh = try await LedgerEntry.query(on: db).filter(\.$seq >= log.size).sort(\.$seq).all()
        for entry in fresh {
            guard entry.seq == log.size else {
                throw AppError(.internalServerError, "ledger.gap", "存证账本第 \(log.size) 条缺失")
            }
            do throws(LedgerError) { log.appendLeafHash(try MerkleHash(hex: entry.leafHash)) } catch {
                throw AppError(.internalServerError, error.code, error.message)
            }
        }
        return log
    }
}

extension Application {
    private struct LedgerTreeKey: StorageKey { typealias Value = LedgerTree }
    var ledgerTree: LedgerTree {
        get { storage[LedgerTreeKey.self] ?? LedgerTree() }
        set { storage[LedgerTreeKey.self] = newValue }
    }
}
