import Fluent
import Foundation

/// Slows down guessing of a short secret — a password, a ticket's six-digit 查询码 — by counting failures per
/// subject (the account or ticket, and the client address) in the database, so every instance counts alike.
struct GuessLimit {
    let db: any Database
    let cipher: FieldCipher
    let now: Date
    var window: TimeInterval = 900

    /// Throws 429 once any subject has reached its limit within the window.
    func check(_ subjects: [(subject: String, limit: Int)], code: String = "guess.rate_limited", message: String) async throws {
        let since = now.addingTimeInterval(-window)
        for (subject, limit) in subjects {
            let failures = try await LoginFailure.query(on: db)
                .filter(\.$subjectHash == cipher.lookupHash(subject)).filter(\.$at > since).count()
            if failures >= limit { throw AppError(.tooManyRequests, code, message) }
        }
    }

    func fail(_ subjects: [String]) async throws {
        for subject in subjects { try await LoginFailure(subjectHash: cipher.lookupHash(subject), at: now).create(on: db) }
    }

    /// A success clears the subject's record (the account's, not the address's: others may share it).
    func forget(_ subject: String) async throws {
        try await LoginFailure.query(on: db).filter(\.$subjectHash == cipher.lookupHash(subject)).delete()
    }
}
