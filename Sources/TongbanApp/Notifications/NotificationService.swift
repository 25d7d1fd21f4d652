import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Tells people what happened to their affairs: an in-app message always, an SMS when it matters.
/// Callers pass the database of their own transaction.
struct NotificationService {
    let db: any Database
    let now: Date

    static let smsJob = "deliver_sms"

    /// A notification row as inserted: plain values, no model reflection, on the busiest paths.
    struct Row: Encodable, ColumnNamed {
        var id = UUID.timeOrdered()
        var userId: UUID
        var channel: String
        var title: String
        var body: String
        var link: String?
        var status: String
        var attempts = 0
        var sentAt: Date?
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, userId = "user_id", channel, title, body, link, status, attempts, sentAt = "sent_at", createdAt = "created_at"
        }
    }

    func notify(_ userID: UUID, title: String, body: String, link: String? = nil, sms: Bool = true) async throws {
        try await notice(userID, title: title, body: body, link: link, sms: sms).insert(on: db)
    }

    /// What a notice writes, for callers that save many in one statement (group commit).
    func notice(_ userID: UUID, title: String, body: String, link: String? = nil, sms: Bool = true) -> Outbox {
        var outbox = Outbox()
        outbox.rows.append(Row(userId: userID, channel: Notification.Channel.inApp.rawValue, title: title, body: body, link: link,
                               status: Notification.Status.sent.rawValue, sentAt: now, createdAt: now))
        if sms {
            let text = Row(userId: userID, channel: Notification.Channel.sms.rawValue, title: title, body: "【六安通办】\(body)", link: link,
                           status: Notification.Status.pending.rawValue, createdAt: now)
            outbox.rows.append(text)
            outbox.jobs.append(JobQueue.Row(kind: Self.smsJob, payload: text.id.uuidString, runAt: now))
        }
        return outbox
    }

    /// In-app messages and SMS texts with their delivery jobs, inserted together.
    struct Outbox: Sendable {
        var rows: [Row] = []
        var jobs: [JobQueue.Row] = []

        mutating func append(_ other: Outbox) {
            rows += other.rows
            jobs += other.jobs
        }

        func insert(on db: any Database) async throws {
            try await PlainRows.insert(rows, into: Notification.schema, on: db)
            try await PlainRows.insert(jobs, into: Job.schema, on: db)
        }
    }

    func inbox(_ userID: UUID, limit: Int = 50) async throws -> [Notification] {
        try await Notification.query(on: db)
            .filter(\.$user.$id == userID).filter(\.$channel == Notification.Channel.inApp.rawValue)
            .sort(\.$createdAt, .descending).limit(limit).all()
    }

    func unreadCount(_ userID: UUID) async throws -> Int {
        try await Notification.query(on: db)
            .filter(\.$user.$id == userID).filter(\.$channel == Notification.Channel.inApp.rawValue)
            .filter(\.$readAt == nil).count()
    }

    func markAllRead(_ userID: UUID) async throws {
        try await Notification.query(on: db)
            .filter(\.$user.$id == userID).filter(\.$readAt == nil).set(\.$readAt, to: now).update()
    }

    /// The SMS job for account notices: to the phone on the account.
    static func deliverSMS(_ job: Job, _ app: Application) async throws {
        guard let id = UUID(uuidString: job.payload), let message = try await Notification.find(id, on: app.db) else { return }
        let phone = try await User.find(message.$user.id, on: app.db)?.phoneCipher
        try await SMSDelivery.deliver(message, id: id, phoneCipher: phone, missing: "该用户没有手机号码", app: app)
    }
}

extension Application {
    private struct SMSGatewayKey: StorageKey { typealias Value = any SMSGateway }
    var smsGateway: any SMSGateway {
        get { storage[SMSGatewayKey.self] ?? LoggingSMSGateway(logger: logger) }
        set { storage[SMSGatewayKey.self] = newValue }
    }
}
