import Fluent
import Foundation
import TongbanCore
import Vapor

/// Requests to other cities go through the jobs table: written in the caller's transaction, sent by the
/// worker, retried with back-off while the peer is offline. Each attempt is signed afresh, so a request
/// that waited an hour is still inside the peer's clock window, and carries a new nonce.
enum FederationOutbox {
    static let kind = "federation_send"

    struct Payload: Codable {
        var messageID: UUID
        var peer: String
        var path: String
        var body: String
    }

    /// Queues a signed POST of `body` to `path` at the peer; returns the log entry.
    @discardableResult
    static func enqueue<Body: Encodable>(_ body: Body, to peer: FederationPeer, path: String, reference: String?,
                                         on db: any Database, now: Date) async throws -> FederationMessage {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(body), as: UTF8.self)
        let message = FederationMessage(direction: .outgoing, peerCode: peer.code, path: path, nonce: nil,
                                        outcome: FederationMessage.Outcome.queued.rawValue, reference: reference, detail: nil, at: now)
        try await message.create(on: db)
        let payload = Payload(messageID: try message.requireID(), peer: peer.code, path: path, body: json)
        try await JobQueue(db: db).enqueue(kind, payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self), runAt: now)
        return message
    }

    /// The job: sign and send. A refusal by the peer (4xx) is final and logged; anything else is retried.
    static func send(_ job: Job, _ app: Application) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let now = app.clock.now()
        guard let message = try await FederationMessage.find(payload.messageID, on: app.db) else { return }
        guard let peer = app.federation.directory.peer(payload.peer) else {
            try await record(message, outcome: .refusedByPeer, detail: "对方城市 \(payload.peer) 已不在配置中", nonce: nil, on: app.db, now: now)
            return
        }
        let body = Data(payload.body.utf8)
        let envelope = FederationEnvelope(method: "POST", path: payload.path, timestampMillis: Int64(now.timeIntervalSince1970 * 1000),
                                          nonce: FederationEnvelope.newNonce(), body: body, sender: app.federation.cityCode)
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(name: FederationHeader.city, value: envelope.sender)
        headers.add(name: FederationHeader.timestamp, value: String(envelope.timestampMillis))
        headers.add(name: FederationHeader.nonce, value: envelope.nonce)
        headers.add(name: FederationHeader.signature, value: try envelope.signature(with: app.federation.key))
        message.attempts += 1
        let response: ClientResponse
        do {
            response = try await app.client.post(URI(string: peer.baseURL + payload.path), headers: headers) { request in
                request.body = ByteBuffer(data: body)
            }.get()
        } catch {
            try await record(message, outcome: .retrying, detail: "对方平台无法连接：\(error)", nonce: envelope.nonce, on: app.db, now: now)
            throw error
        }
        switch response.status.code {
        case 200..<300:
            try await record(message, outcome: .delivered, detail: nil, nonce: envelope.nonce, on: app.db, now: now)
        case 400..<500 where reason(response).contains("federation.clock_skew"):
            // One of the two clocks is wrong: nothing is wrong with the request, so it waits for the clocks to agree.
            try await record(message, outcome: .retrying, detail: "HTTP \(response.status.code) \(reason(response))", nonce: envelope.nonce, on: app.db, now: now)
            throw Abort(.badGateway, reason: "peer refused our clock")
        case 400..<500:
            let reason = reason(response)
            try await record(message, outcome: .refusedByPeer, detail: "HTTP \(response.status.code) \(reason)", nonce: envelope.nonce, on: app.db, now: now)
            app.logger.warning("federation request refused by peer", metadata: ["peer": .string(peer.code), "status": .string("\(response.status.code)")])
        default:
            try await record(message, outcome: .retrying, detail: "HTTP \(response.status.code)", nonce: envelope.nonce, on: app.db, now: now)
            throw Abort(.badGateway, reason: "peer answered \(response.status.code)")
        }
    }

    /// An administrator sends a message again that did not get through: its retries ran out while the peer was down
    /// for long, or the peer refused it and the cause (a missing item mark, a peer's configuration) has been mended.
    /// The same job goes back in the queue from its first attempt, due now, so it is still sent once at a time.
    static func resend(_ id: UUID, on db: any Database, gate: WriteGate?, now: Date) async throws -> FederationMessage {
        guard let message = try await FederationMessage.find(id, on: db), message.direction == FederationMessage.Direction.outgoing.rawValue else {
            throw AppError.notFound("跨域消息", code: "federation.message_not_found")
        }
        guard message.outcome != FederationMessage.Outcome.delivered.rawValue else {
            throw AppError(.conflict, "federation.already_delivered", "这条消息已送达，无需重新发送")
        }
        let needle = "%" + id.uuidString + "%"
        guard let job = try await Job.query(on: db).filter(\.$kind == kind).filter(\.$payload, .custom("LIKE"), needle).first() else {
            throw AppError.notFound("跨域消息的发送任务", code: "federation.message_job_not_found")
        }
        guard job.status != Job.Status.running.rawValue else {
            throw AppError(.conflict, "federation.resend_running", "这条消息正在发送，请稍后刷新查看结果")
        }
        try await serializedTransaction(db, gate: gate) { db in
            (job.status, job.attempts, job.runAt, job.lastError, job.lockedBy, job.lockedUntil, job.finishedAt) =
                (Job.Status.queued.rawValue, 0, now, nil, nil, nil, nil)
            try await job.save(on: db)
            try await record(message, outcome: .queued, detail: "管理员重新发送", nonce: nil, on: db, now: now)
        }
        return message
    }

    private static func reason(_ response: ClientResponse) -> String {
        response.body.map { String(buffer: $0) } ?? ""
    }

    private static func record(_ message: FederationMessage, outcome: FederationMessage.Outcome, detail: String?, nonce: String?,
                               on db: any Database, now: Date) async throws {
        message.outcome = outcome.rawValue
        message.detail = detail.map { String($0.prefix(500)) }
        if let nonce { message.nonce = nonce }
        message.updatedAt = now
        try await message.save(on: db)
    }
}
