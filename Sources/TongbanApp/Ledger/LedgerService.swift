import Crypto
import Fluent
import Foundation
import TongbanCore
import Vapor

/// Signed tree heads and proofs, for the API, the verification page and `tongban ledger verify`.
struct LedgerService {
    let db: any Database
    let tree: LedgerTree
    let key: Curve25519.Signing.PrivateKey
    let now: Date

    struct TreeHeadView: Content {
        var treeSize: Int
        var rootHash: String
        var timestamp: Int64
        /// Ed25519 over "tongban-tree-head-v1\n<size>\n<root hex>\n<timestamp ms>", base64.
        var signature: String
    }

    static func view(_ head: TreeHead) -> TreeHeadView {
        TreeHeadView(treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestampMillis, signature: head.signature)
    }

    func hex(_ work: () throws(LedgerError) -> MerkleHash) throws -> String {
        do throws(LedgerError) { return try work().hex } catch { throw AppError(.unprocessableEntity, error.code, error.message) }
    }

    /// The latest head, signing a new one when entries arrived since.
    func treeHead() async throws -> TreeHead { try await headAndLog().head }

    /// The head and the caught-up tree it was taken from, so a proof is built from the same state.
    func headAndLog() async throws -> (head: TreeHead, log: MerkleLog) {
        let log = try await tree.synced(db)
        if let latest = try await TreeHead.query(on: db).sort(\.$treeSize, .descending).first(), latest.treeSize == log.size {
            return (latest, log)
        }
        let root = try hex { () throws(LedgerError) in try log.rootHash(size: log.size) }
        let millis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let head = TreeHead()
        head.treeSize = log.size
        head.rootHash = root
        head.timestampMillis = millis
        head.signature = try key.signature(for: LedgerKey.message(size: log.size, root: root, timestampMillis: millis)).base64EncodedString()
        try await head.create(on: db)
        return (head, log)
    }

    struct InclusionView: Content {
        var leafIndex: Int
        var treeSize: Int
        var leafHash: String
        var proof: [String]
        var treeHead: TreeHeadView
    }

    func inclusion(leafHash: String) async throws -> InclusionView {
        guard let entry = try await LedgerEntry.query(on: db).filter(\.$leafHash == leafHash.lowercased()).first() else {
            throw AppError.notFound("账本条目", code: "ledger.entry_not_found")
        }
        let (head, log) = try await headAndLog()
        let proof: [MerkleHash]
        do throws(LedgerError) { proof = try log.inclusionProof(leafIndex: entry.seq, treeSize: head.treeSize) } catch {
            throw AppError(.unprocessableEntity, error.code, error.message)
        }
        return InclusionView(leafIndex: entry.seq, treeSize: head.treeSize, leafHash: entry.leafHash, proof: proof.map(\.hex), treeHead: Self.view(head))
    }

    struct ConsistencyView: Content {
        var first: Int
        var second: Int
        var proof: [String]
    }

    func consistency(first: Int, second: Int) async throws -> ConsistencyView {
        let log = try await tree.synced(db)
        do throws(LedgerError) {
            return ConsistencyView(first: first, second: second, proof: try log.consistencyProof(from: first, to: second).map(\.hex))
        } catch {
            throw AppError(.unprocessableEntity, error.code, error.message)
        }
    }

    /// Whether an entry is in the tree its latest signed head commits to, checked the way an outsider would.
    func proves(_ entry: LedgerEntry) async throws -> (head: TreeHeadView, verified: Bool) {
        let view = try await inclusion(leafHash: entry.leafHash)
        do throws(LedgerError) {
            try MerkleVerify.inclusion(leafHash: try MerkleHash(hex: view.leafHash), leafIndex: view.leafIndex, treeSize: view.treeSize,
                                       proof: try view.proof.map { h throws(LedgerError) in try MerkleHash(hex: h) },
                                       root: try MerkleHash(hex: view.treeHead.rootHash))
            return (view.treeHead, true)
        } catch {
            return (view.treeHead, false)
        }
    }
}

extension Request {
    var ledger: LedgerService {
        LedgerService(db: db, tree: application.ledgerTree, key: application.ledgerKey, now: application.clock.now())
    }
}
