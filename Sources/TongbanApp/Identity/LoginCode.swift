import Fluent
import Foundation
import SQLKit
import Vapor

/// A six-digit sign-in code sent by SMS to the phone an account registered (the kiosk's sign-in: ID number plus code,
/// no password to remember). Only its keyed hash is stored; it lives five minutes, is used once, and five wrong tries
/// end it.
final class LoginCode: Model, @unchecked Sendable {
    static let schema = "login_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "used_at") var usedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateLoginCodes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginCode.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("code_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginCode.schema).delete()
    }
}

/// Sending and checking sign-in codes.
struct LoginCodes {
    let db: any Database
    let cipher: FieldCipher
    let now: Date

    static let lifetime: TimeInterval = 300
    static let maxAttempts = 5

    /// Sends a code to the account with this ID number, if there is one with a phone. Says nothing about whether there
    /// is (the answer would tell a stranger who is registered); guessing is limited per ID number and per terminal.
    func send(idNumber: String, clientAddress: String) async throws {
        let limit = GuessLimit(db: db, cipher: cipher, now: now)
        try await limit.check([("code-send:" + idNumber, 5), ("code-send-ip:" + clientAddress, 30)], code: "kiosk.too_many_codes",
                              message: "验证码发送太频繁，请15分钟后再试，或到窗口办理")
        try await limit.fail(["code-send:" + idNumber, "code-send-ip:" + clientAddress])
        guard let user = try await User.query(on: db).filter(\.$idNumberHash == cipher.lookupHash("rid:" + idNumber)).first(),
              user.phoneCipher != nil, let userID = user.id else { return }
        let code = String(format: "%06d", Int.random(in: 0...999_999))
        try await db.transaction { db in
            // A new code replaces any earlier one: only the last text on the phone works.
            try await LoginCode.query(on: db).filter(\.$userID == userID).filter(\.$usedAt == nil).filter(\.$expiresAt > now)
                .set(\.$expiresAt, to: now).update()
            let record = LoginCode()
            (record.userID, record.codeHash, record.expiresAt, record.attempts, record.createdAt) =
                (userID, cipher.lookupHash("code:" + code), now.addingTimeInterval(Self.lifetime), 0, now)
            try await record.create(on: db)
            // By SMS only: a code in the inbox would be readable by whoever is signed in elsewhere.
            let text = NotificationService.Row(userId: userID, channel: Notification.Channel.sms.rawValue, title: "登录验证码",
                                               body: "【六安通办】您的登录验证码为 \(code)，5分钟内有效。如非本人操作请忽略。",
                                               status: Notification.Status.pending.rawValue, createdAt: now)
            try await NotificationService.Outbox(rows: [text], jobs: [JobQueue.Row(kind: NotificationService.smsJob, payload: text.id.uuidString, runAt: now)])
                .insert(on: db)
        }
    }

    /// The account when the code is right; a clear error otherwise (wrong, expired, used, too many tries).
    func verify(idNumber: String, code: String) async throws -> User {
        let wrong = AppError(.unauthorized, "kiosk.wrong_code", "验证码不正确或已过期，请重新获取")
        guard let user = try await User.query(on: db).filter(\.$idNumberHash == cipher.lookupHash("rid:" + idNumber)).first(),
              let userID = user.id,
              let record = try await LoginCode.query(on: db).filter(\.$userID == userID).filter(\.$usedAt == nil)
                  .filter(\.$expiresAt > now).sort(\.$createdAt, .descending).first() else { throw wrong }
        guard record.attempts < Self.maxAttempts else {
            throw AppError(.tooManyRequests, "kiosk.code_locked", "验证码错误次数过多，请重新获取")
        }
        guard Token.constantTimeEquals(record.codeHash, cipher.lookupHash("code:" + code.trimmed)) else {
            record.attempts += 1
            try await record.save(on: db)
            throw wrong
        }
        // Used once: a second sign-in with the same code finds nothing.
        guard let sql = db as? any SQLDatabase,
              try await !sql.update(LoginCode.schema).set("used_at", to: SQLBind(now)).where("id", .equal, SQLBind(record.id!))
                  .where("used_at", .is, SQLLiteral.null).returning("id").all().isEmpty else { throw wrong }
        return user
    }
}
