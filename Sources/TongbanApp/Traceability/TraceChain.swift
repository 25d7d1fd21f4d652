import Fluent
import Foundation
import TongbanCore
import Vapor

/// The chain of one batch: its own events and those of every batch it was made from, each with an
/// inclusion proof against one signed tree head, and the batches made from it. Reads only through
/// indexes (batch key, link ends, event id, ledger seq) and takes the proofs from the ledger's
/// in-memory tree, so the answer does not grow with the size of the ledger.
struct TraceChain {
    let db: any Database
    let ledger: LedgerService

    /// Enough for any real product's history; a larger answer is cut and says so.
    static let maximumBatches = 200
    static let maximumEvents = 2000

    func chain(of id: BatchID) async throws -> TraceChainView {
        let rows = try TraceChainRows(db)
        guard let batch = try await rows.batches([id.key]).first else {
            throw AppError(.notFound, "trace.batch_not_found", "没有批次 \(id.lot)（商品条码 \(id.gtin)）的追溯记录")
        }
        let upstream = try await LineageWalk.walk(from: id.key, limit: Self.maximumBatches) { try await rows.linked($0, upstream: true) }
        let downstream = try await LineageWalk.walk(from: id.key, limit: Self.maximumBatches) { try await rows.linked($0, upstream: false) }
        let related = try await rows.batches(upstream.keys + downstream.keys)
        let byKey = Dictionary(related.map { ($0.batchKey, $0) }, uniquingKeysWith: { a, _ in a })
        // An upstream batch's history without what else it went into: the harvest's other processing runs are not this package's
        // story. Two queries, not one with OR: with no upstream the OR's empty branch made SQLite scan every line.
        var eventIDs = try await rows.eventIDs(touching: [id.key], withoutInputs: false)
        eventIDs += try await rows.eventIDs(touching: upstream.keys, withoutInputs: true)
        eventIDs = Array(Set(eventIDs))
        let truncated = upstream.truncated || downstream.truncated || eventIDs.count > Self.maximumEvents
        let events = try await rows.events(Array(eventIDs.prefix(Self.maximumEvents)))
        let lines = try await rows.lines(ofEvents: events.map(\.id))
        let (head, log) = try await ledger.headAndLog()
        let proofs = try TraceProofs(log: log, head: head, entries: try await rows.entries(events.map(\.ledgerSeq)))
        let linesByEvent = Dictionary(grouping: lines, by: \.traceEventId)
        return TraceChainView(
            batch: .init(batch), upstream: upstream.keys.compactMap { byKey[$0].map(TraceChainView.Batch.init(_:)) },
            downstream: downstream.keys.compactMap { byKey[$0].map(TraceChainView.Batch.init(_:)) },
            events: try events.map { event in
                TraceChainView.Event(event, lines: linesByEvent[event.id] ?? [], proof: try proofs.proof(for: event))
            },
            treeHead: LedgerService.view(head), truncated: truncated)
    }
}

/// Inclusion proofs for many entries against one tree head, from the tree already in memory.
struct TraceProofs {
    let log: MerkleLog
    let treeSize: Int
    /// The signed head's root: each proof is checked against what the platform signed, not against the tree it came from.
    let root: MerkleHash
    let entries: [Int: TraceChainRows.Entry]

    init(log: MerkleLog, head: TreeHead, entries: [TraceChainRows.Entry]) throws {
        self.log = log
        treeSize = head.treeSize
        do throws(LedgerError) { root = try MerkleHash(hex: head.rootHash) } catch { throw AppError(.internalServerError, error.code, error.message) }
        self.entries = Dictionary(entries.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func proof(for record: TraceChainRows.Event) throws -> TraceChainView.Proof {
        guard let entry = entries[record.ledgerSeq] else {
            throw AppError(.internalServerError, "ledger.gap", "追溯事件 \(record.eventId) 的账本条目缺失")
        }
        do throws(LedgerError) {
            let path = try log.inclusionProof(leafIndex: entry.seq, treeSize: treeSize)
            // Intact: the row still hashes to what the ledger recorded, and the entry still hashes to its leaf. The entry is
            // compact JSON with sorted keys (Ledger.append) and a hex digest needs no escaping, so looking for the exact pair
            // says the same as decoding it, without a JSONDecoder per event.
            let intact = entry.data.contains("\"recordHash\":\"\(TraceRecorder.hash(record.record))\"")
                && MerkleHash.leaf(Array(entry.data.utf8)).hex == entry.leafHash
            var verified = true
            do { try MerkleVerify.inclusion(leafHash: MerkleHash(hex: entry.leafHash), leafIndex: entry.seq, treeSize: treeSize, proof: path, root: root) } catch { verified = false }
            return .init(leafIndex: entry.seq, leafHash: entry.leafHash, ledgerData: entry.data, path: path.map(\.hex), recordIntact: intact, verified: verified)
        } catch {
            throw AppError(.internalServerError, error.code, error.message)
        }
    }
}

extension Request {
    var traceChain: TraceChain { TraceChain(db: db, ledger: ledger) }
}
