import Fluent
import Vapor

/// The ledger's public API: anyone may check what the platform has committed to.
struct LedgerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ledger = routes.grouped("api", "v1", "ledger")
        ledger.get("tree-head", use: treeHead)
        ledger.get("public-key", use: publicKey)
        ledger.get("proof", "inclusion", use: inclusion)
        ledger.get("proof", "consistency", use: consistency)
        ledger.get("entries", use: entries)
    }

    @Sendable func treeHead(_ request: Request) async throws -> LedgerService.TreeHeadView {
        LedgerService.view(try await request.ledger.treeHead())
    }

    struct PublicKeyView: Content {
        var algorithm: String
        /// Raw 32-byte Ed25519 public key, base64.
        var publicKey: String
    }

    @Sendable func publicKey(_ request: Request) -> PublicKeyView {
        PublicKeyView(algorithm: "Ed25519", publicKey: request.application.ledgerKey.publicKey.rawRepresentation.base64EncodedString())
    }

    @Sendable func inclusion(_ request: Request) async throws -> LedgerService.InclusionView {
        guard let leaf = request.query[String.self, at: "leafHash"], leaf.count == 64 else {
            throw AppError.invalid("ledger.invalid_leaf_hash", "leafHash 应为 64 位十六进制")
        }
        return try await request.ledger.inclusion(leafHash: leaf)
    }

    @Sendable func consistency(_ request: Request) async throws -> LedgerService.ConsistencyView {
        guard let first = request.query[Int.self, at: "first"], let second = request.query[Int.self, at: "second"] else {
            throw AppError.invalid("ledger.invalid_sizes", "请给出 first 和 second 两个树大小")
        }
        return try await request.ledger.consistency(first: first, second: second)
    }

    struct EntryView: Content {
        var seq: Int
        var kind: String
        var subject: String
        var data: String
        var leafHash: String
    }

    @Sendable func entries(_ request: Request) async throws -> [EntryView] {
        // A present but unreadable bound is an error, not a silent default.
        func bound(_ name: String) throws -> Int? {
            guard let text = request.query[String.self, at: name] else { return nil }
            guard let value = Int(text), value >= 0 else { throw AppError.invalid("ledger.invalid_range", "\(name) 应为不小于 0 的整数") }
            return value
        }
        let start = try bound("start") ?? 0
        let end = min(try bound("end") ?? start + 100, start + 1000)
        guard end >= start else { throw AppError.invalid("ledger.invalid_range", "end 不能小于 start") }
        return try await LedgerEntry.query(on: request.db).filter(\.$seq >= start).filter(\.$seq < end).sort(\.$seq).all().map {
            EntryView(seq: $0.seq, kind: $0.kind, subject: $0.subject, data: $0.data, leafHash: $0.leafHash)
        }
    }
}
