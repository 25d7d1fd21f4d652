import Fluent
import Foundation
import SQLKit

/// The chain's reads as plain rows. A batch page touches a few hundred rows (events, their lines, their ledger
/// entries); as Fluent models each row cost a reflection over the model's fields, which a profile of the chain
/// query put at over 40 % of its time. These are decoded straight from the columns the page shows.
struct TraceChainRows {
    let sql: any SQLDatabase
    private let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)

    init(_ db: any Database) throws {
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "database.unsupported", "需要 SQL 数据库") }
        self.sql = sql
    }

    struct Batch: Decodable {
        var batchKey: String
        var gtin: String
        var lot: String
        var productName: String?
        var recalledAt: Date?
        var recallReason: String?
    }

    struct Event: Decodable {
        var id: UUID
        var eventId: String
        var kind: String
        var bizStep: String
        var disposition: String?
        var eventTime: Date
        var place: String?
        var bizLocation: String?
        var companyName: String
        var creditCode: String
        var record: String
        var ledgerSeq: Int
    }

    struct Line: Decodable {
        var traceEventId: UUID
        var batchKey: String
        var role: String
        var quantity: Double?
        var uom: String?
    }

    struct Entry: Decodable {
        var seq: Int
        var data: String
        var leafHash: String
    }

    func batches(_ keys: [String]) async throws -> [Batch] {
        guard !keys.isEmpty else { return [] }
        return try await sql.select().columns("batch_key", "gtin", "lot", "product_name", "recalled_at", "recall_reason")
            .from(TraceBatch.schema).where("batch_key", .in, keys).all(decoding: Batch.self, with: decoder)
    }

    /// One generation of the lineage: the batches at the other end of the links from `keys`.
    func linked(_ keys: [String], upstream: Bool) async throws -> [String] {
        guard !keys.isEmpty else { return [] }
        let (from, to) = upstream ? ("to_key", "from_key") : ("from_key", "to_key")
        return try await sql.select().column(to).from(TraceLink.schema).where(from, .in, keys).all()
            .map { try $0.decode(column: to, as: String.self) }
    }

    /// Events touching `keys`; `withoutInputs` leaves out the events that consumed them (an upstream batch's other uses).
    func eventIDs(touching keys: [String], withoutInputs: Bool) async throws -> [UUID] {
        guard !keys.isEmpty else { return [] }
        let query = sql.select().column("trace_event_id").from(TraceLine.schema).where("batch_key", .in, keys)
        if withoutInputs { query.where("role", .notEqual, TraceLine.Role.input.rawValue) }
        return try await query.all().map { try $0.decode(column: "trace_event_id", as: UUID.self) }
    }

    func events(_ ids: [UUID]) async throws -> [Event] {
        guard !ids.isEmpty else { return [] }
        return try await sql.select()
            .columns("id", "event_id", "kind", "biz_step", "disposition", "event_time", "place", "biz_location", "company_name",
                     "credit_code", "record", "ledger_seq")
            .from(TraceRecord.schema).where("id", .in, ids).orderBy("event_time").orderBy("ledger_seq")
            .all(decoding: Event.self, with: decoder)
    }

    func lines(ofEvents ids: [UUID]) async throws -> [Line] {
        guard !ids.isEmpty else { return [] }
        return try await sql.select().columns("trace_event_id", "batch_key", "role", "quantity", "uom")
            .from(TraceLine.schema).where("trace_event_id", .in, ids).all(decoding: Line.self, with: decoder)
    }

    func entries(_ seqs: [Int]) async throws -> [Entry] {
        guard !seqs.isEmpty else { return [] }
        return try await sql.select().columns("seq", "data", "leaf_hash").from(LedgerEntry.schema).where("seq", .in, seqs)
            .all(decoding: Entry.self, with: decoder)
    }
}
