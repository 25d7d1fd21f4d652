import Fluent
import Foundation

/// A batch (lot) that events were recorded on, by its key `01/<GTIN>/10/<lot>`; and, once the
/// market regulator orders it, its recall.
final class TraceBatch: Model, @unchecked Sendable {
    static let schema = "trace_batches"

    @ID(key: .id) var id: UUID?
    @Field(key: "batch_key") var key: String
    @Field(key: "gtin") var gtin: String
    @Field(key: "lot") var lot: String
    @OptionalField(key: "product_name") var productName: String?
    @Field(key: "first_seen_at") var firstSeenAt: Date
    @OptionalField(key: "recalled_at") var recalledAt: Date?
    @OptionalField(key: "recall_reason") var recallReason: String?

    init() {}
}

/// One recorded EPCIS event. `record` is the canonical JSON whose SHA-256 the ledger entry holds,
/// so an edit of the row shows as a mismatch on the batch page.
final class TraceRecord: Model, @unchecked Sendable {
    static let schema = "trace_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "event_id") var eventID: String
    @Field(key: "kind") var kind: String
    @Field(key: "biz_step") var bizStep: String
    @OptionalField(key: "disposition") var disposition: String?
    @Field(key: "event_time") var eventTime: Date
    @OptionalField(key: "place") var place: String?
    @OptionalField(key: "biz_location") var bizLocation: String?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "company_name") var companyName: String
    @Field(key: "credit_code") var creditCode: String
    /// Credit codes of the destination parties, space-separated: who the goods went to.
    @Field(key: "destinations") var destinations: String
    @Field(key: "record") var record: String
    @Field(key: "record_hash") var recordHash: String
    @Field(key: "ledger_seq") var ledgerSeq: Int
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A batch an event touched, with the quantity: what the chain query looks events up by.
final class TraceLine: Model, @unchecked Sendable {
    static let schema = "trace_lines"

    enum Role: String { case object, input, output }

    @ID(key: .id) var id: UUID?
    @Field(key: "trace_event_id") var eventID: UUID
    @Field(key: "batch_key") var batchKey: String
    @Field(key: "role") var role: String
    @OptionalField(key: "quantity") var quantity: Double?
    @OptionalField(key: "uom") var uom: String?

    init() {}
}

/// A transformation's edge: batch `from` went into batch `to`. Walked both ways, one query per generation.
final class TraceLink: Model, @unchecked Sendable {
    static let schema = "trace_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "from_key") var fromKey: String
    @Field(key: "to_key") var toKey: String

    init() {}
}
