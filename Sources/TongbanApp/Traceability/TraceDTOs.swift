import Foundation
import TongbanCore
import Vapor

/// The public answer for a batch: nothing personal, only companies (public by law) and the goods.
struct TraceChainView: Content {
    var batch: Batch
    /// Batches this one was made from, nearest first, every generation.
    var upstream: [Batch]
    /// Batches made from this one.
    var downstream: [Batch]
    /// This batch's events and its upstream batches', oldest first.
    var events: [Event]
    /// The head every proof below is against; its signature verifies with /api/v1/ledger/public-key.
    var treeHead: LedgerService.TreeHeadView
    var truncated: Bool

    /// Whether this batch, or one it was made from, is under recall.
    var recalledBatches: [Batch] { ([batch] + upstream).filter { $0.recall != nil } }

    struct Batch: Content {
        var key: String
        var gtin: String
        var lot: String
        var productName: String?
        var recall: Recall?
        var link: String

        init(_ batch: TraceBatch) {
            self.init(TraceChainRows.Batch(batchKey: batch.key, gtin: batch.gtin, lot: batch.lot, productName: batch.productName,
                                           recalledAt: batch.recalledAt, recallReason: batch.recallReason))
        }

        init(_ batch: TraceChainRows.Batch) {
            key = batch.batchKey
            gtin = batch.gtin
            lot = batch.lot
            productName = batch.productName
            recall = batch.recalledAt.map { Recall(at: $0, reason: batch.recallReason ?? "") }
            link = TraceURL.batch(key)
        }
    }

    struct Recall: Content {
        var at: Date
        var reason: String
    }

    struct Event: Content {
        var eventID: String
        var type: String
        var bizStep: String
        var bizStepLabel: String
        var disposition: String?
        var dispositionLabel: String?
        var eventTime: Date
        var place: String?
        var bizLocation: String?
        var company: String
        var creditCode: String
        var lines: [Line]
        /// The canonical JSON the ledger's recordHash covers.
        var record: String
        var proof: Proof

        init(_ record: TraceChainRows.Event, lines: [TraceChainRows.Line], proof: Proof) {
            eventID = record.eventId
            type = record.kind
            bizStep = record.bizStep
            bizStepLabel = BizStep(term: record.bizStep)?.label ?? record.bizStep
            disposition = record.disposition
            dispositionLabel = record.disposition.flatMap(Disposition.init(term:))?.label
            eventTime = record.eventTime
            place = record.place
            bizLocation = record.bizLocation
            company = record.companyName
            creditCode = record.creditCode
            self.lines = lines.sorted { ($0.role, $0.batchKey) < ($1.role, $1.batchKey) }.map(Line.init(_:))
            self.record = record.record
            self.proof = proof
        }
    }

    struct Line: Content {
        var batch: String
        var role: String
        var quantity: Double?
        var uom: String?
        var unit: String

        init(_ line: TraceChainRows.Line) {
            batch = line.batchKey
            role = line.role
            quantity = line.quantity
            uom = line.uom
            unit = QuantityUnit.label(line.uom)
        }
    }

    /// RFC 9162 inclusion of the event's ledger entry: leaf = SHA-256(0x00 ‖ ledgerData), and
    /// ledgerData's recordHash = SHA-256(record).
    struct Proof: Content {
        var leafIndex: Int
        var leafHash: String
        var ledgerData: String
        var path: [String]
        var recordIntact: Bool
        var verified: Bool
    }
}

/// Paths of the traceability pages, in one place.
enum TraceURL {
    static let lookup = "/trace"
    static let record = "/trace/record"
    /// GS1 Digital Link shape (…/01/<GTIN>/10/<lot>), so a GS1 resolver or scanner app understands the QR code too.
    static func batch(_ key: String) -> String { "/trace/\(key)" }
    static func recall(_ key: String) -> String { "/trace/\(key)/recall" }
}
