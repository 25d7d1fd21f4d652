import Foundation
import TongbanCore
import Vapor

/// Where SMS leave the platform. The message id lets a gateway drop a message it has already
/// accepted, which turns the job queue's at-least-once delivery into exactly-once for the citizen.
protocol SMSGateway: Sendable {
    func send(messageID: UUID, phone: String, text: String) async throws
}

/// The default: nothing leaves the machine. Messages are logged (phone masked) and stay
/// visible to administrators in the outbox page.
struct LoggingSMSGateway: SMSGateway {
    let logger: Logger

    func send(messageID: UUID, phone: String, text: String) async throws {
        logger.info("sms", metadata: ["id": .string(messageID.uuidString), "to": .string(Masking.phone(phone)), "text": .string(text)])
    }
}

/// Posts `{"id", "phone", "text"}` as JSON to a provider's webhook (`TONGBAN_SMS_WEBHOOK_URL`).
struct WebhookSMSGateway: SMSGateway {
    let url: URI
    let client: any Client

    struct Payload: Content {
        var id: UUID
        var phone: String
        var text: String
    }

    func send(messageID: UUID, phone: String, text: String) async throws {
        let response = try await client.post(url) { request in
            try request.content.encode(Payload(id: messageID, phone: phone, text: text))
        }
        guard (200..<300).contains(response.status.code) else {
            throw AppError(.badGateway, "sms.gateway_error", "短信网关返回 \(response.status.code)")
        }
    }
}
