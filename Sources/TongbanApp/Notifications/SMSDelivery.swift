import Fluent
import Foundation
import Vapor

/// An outbox row that becomes one text message: account notices (`Notification`) and replies to callers
/// without an account (`TicketSMS`) are delivered the same way.
protocol OutboundSMS: Model {
    var body: String { get }
    var status: String { get set }
    var attempts: Int { get set }
    var sentAt: Date? { get set }
    var lastError: String? { get set }
}

extension Notification: OutboundSMS {}
extension TicketSMS: OutboundSMS {}

enum SMSDelivery {
    /// Sends once and records the outcome. A message already sent (a retry after a crash between sending and
    /// recording) is not sent again by us; the gateway also gets the message id to drop a repeat.
    static func deliver<Message: OutboundSMS>(_ message: Message, id: UUID, phoneCipher: String?, missing: String, app: Application) async throws {
        guard message.status == Notification.Status.pending.rawValue else { return }
        guard let phoneCipher else {
            message.status = Notification.Status.failed.rawValue
            message.lastError = missing
            try await save(message, app: app)
            return
        }
        do {
            try await app.smsGateway.send(messageID: id, phone: try app.fieldCipher.open(phoneCipher), text: message.body)
        } catch {
            message.attempts += 1
            message.lastError = "\(error)"
            try await save(message, app: app)
            throw error
        }
        (message.status, message.sentAt, message.lastError) = (Notification.Status.sent.rawValue, app.clock.now(), nil)
        message.attempts += 1
        try await save(message, app: app)
    }

    /// Through SQLite's write gate like every request's write (see `JobQueue.gate`).
    private static func save<Message: OutboundSMS>(_ message: Message, app: Application) async throws {
        guard let gate = app.writeGate else { return try await message.save(on: app.db) }
        try await gate.run { try await message.save(on: app.db) }
    }
}
