import Fluent
import Foundation
import SQLKit

/// One appended fact of the 存证账本: a certificate issued or revoked, a case concluded. `data` is
/// the exact bytes hashed into the leaf, so anyone can recompute the tree from the table.
final class LedgerEntry: Model, @unchecked Sendable {
    static let schema = "ledger_entries"

    @ID(key: .id) var id: UUID?
    /// Position in the log, from 0, without gaps.
    @Field(key: "seq") var seq: Int
    @Field(key: "kind") var kind: String
    /// What the entry is about, e.g. a certificate number or a case number.
    @Field(key: "subject") var subject: String
    /// Canonical JSON, hashed as the leaf's input.
    @Field(key: "data") var data: String
    @Field(key: "leaf_hash") var leafHash: String
    @Field(key: "at") var at: Date

    init() {}
}

/// A signed tree head: the log's size and root at a moment, signed with the platform's Ed25519 key.
final class TreeHead: Model, @unchecked Sendable {
    static let schema = "ledger_tree_heads"

    @ID(key: .id) var id: UUID?
    @Field(key: "tree_size") var treeSize: Int
    @Field(key: "root_hash") var rootHash: String
    @Field(key: "timestamp_ms") var timestampMillis: Int64
    @Field(key: "signature") var signature: String

    init() {}
}

struct CreateLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LedgerEntry.schema)
            .id()
            .field("seq", .int64, .required)
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("data", .string, .required)
            .field("leaf_hash", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "seq")
            .create()
        try await database.schema(TreeHead.schema)
            .id()
            .field("tree_size", .int64, .required)
            .field("root_hash", .string, .required)
            .field("timestamp_ms", .int64, .required)
            .field("signature", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "ledger_entries_leaf_idx").on(LedgerEntry.schema).column("leaf_hash").run()
            try await sql.create(index: "ledger_entries_subject_idx").on(LedgerEntry.schema).column("subject").run()
            try await sql.create(index: "ledger_tree_heads_size_idx").on(TreeHead.schema).column("tree_size").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TreeHead.schema).delete()
        try await database.schema(LedgerEntry.schema).delete()
    }
}
