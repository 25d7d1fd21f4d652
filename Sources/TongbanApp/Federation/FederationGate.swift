import Fluent
import Foundation
import TongbanCore
import Vapor

/// Header names of a signed request between cities.
enum FederationHeader {
    static let city = "X-Tongban-City"
    static let timestamp = "X-Tongban-Timestamp"
    static let nonce = "X-Tongban-Nonce"
    static let signature = "X-Tongban-Signature"
}

/// Guards the routes other cities call: signature, clock window, replay. Every request is logged,
/// accepted or not, with the reason; a refused one never reaches the handler.
struct FederationGate: AsyncMiddleware {
    static let maxBody = 20 * 1024 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let context = request.application.federation
        let now = request.application.clock.now()
        let sender = request.headers.first(name: FederationHeader.city) ?? ""
        let nonce = request.headers.first(name: FederationHeader.nonce) ?? ""
        let body = try await request.body.collect(max: Self.maxBody).get().map { Data(buffer: $0) } ?? Data()
        let verdict: FederationVerdict
        if let stamp = request.headers.first(name: FederationHeader.timestamp).flatMap(Int64.init),
           let signature = request.headers.first(name: FederationHeader.signature) {
            let envelope = FederationEnvelope(method: request.method.rawValue, path: request.url.path, timestampMillis: stamp,
                                              nonce: nonce, body: body, sender: sender)
            // The table below is the replay memory every instance shares; this guard only sees this one request.
            var single = FederationReplayGuard(windowSeconds: context.windowSeconds)
            let checked = FederationCheck.verify(envelope, signature: signature, peerKeys: context.directory.peer(sender)?.signingKeys ?? [],
                                                 nowMillis: Int64(now.timeIntervalSince1970 * 1000), windowSeconds: context.windowSeconds,
                                                 replays: &single)
            verdict = checked == .accepted ? try await remember(sender: sender, nonce: nonce, now: now, on: request.db, window: context.windowSeconds) : checked
        } else {
            verdict = context.directory.peer(sender) == nil ? .unknownPeer : .malformed
        }
        let entry = FederationMessage(direction: .incoming, peerCode: String(sender.prefix(20)), path: request.url.path,
                                      nonce: nonce.isEmpty ? nil : String(nonce.prefix(64)), outcome: verdict.rawValue,
                                      reference: nil, detail: nil, at: now)
        try await entry.create(on: request.db)
        guard verdict == .accepted else {
            request.logger.warning("federation request refused", metadata: ["from": .string(sender), "verdict": .string(verdict.rawValue)])
            throw Self.error(verdict)
        }
        request.storage[FederationSenderKey.self] = context.directory.peer(sender)
        return try await next.respond(to: request)
    }

    /// Inserting the pair is the check: a unique index makes the second insert fail on any instance. Only that
    /// failure is a replay; a database out of reach is the platform's trouble (503, the peer retries), not the peer's.
    private func remember(sender: String, nonce: String, now: Date, on db: any Database, window: Int64) async throws -> FederationVerdict {
        let seen = FederationNonce()
        (seen.sender, seen.nonce, seen.seenAt) = (sender, nonce, now)
        do {
            try await seen.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .replay
        }
        return .accepted
    }

    static func error(_ verdict: FederationVerdict) -> AppError {
        switch verdict {
        case .accepted: AppError(.internalServerError, "federation.internal", "内部错误")
        case .unknownPeer: AppError(.unauthorized, "federation.unknown_peer", "未登记的城市，请求已拒绝")
        case .malformed: AppError(.badRequest, "federation.malformed", "跨域请求缺少签名、时间戳或随机数")
        case .forged: AppError(.unauthorized, "federation.forged", "签名无效，请求已拒绝并记录")
        case .skew: AppError(.unauthorized, "federation.clock_skew", "请求时间与本机时间相差超过允许范围，请核对时钟")
        case .replay: AppError(.conflict, "federation.replay", "重复的请求（随机数已使用），已拒绝并记录")
        }
    }
}

struct FederationSenderKey: StorageKey { typealias Value = FederationPeer }

extension Request {
    /// The city that signed this request; set by `FederationGate`.
    func federationSender() throws -> FederationPeer {
        guard let peer = storage[FederationSenderKey.self] else { throw FederationGate.error(.unknownPeer) }
        return peer
    }
}
