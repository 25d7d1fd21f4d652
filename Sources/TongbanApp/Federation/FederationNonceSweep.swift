import Fluent
import Foundation
import Vapor

/// Forgets the nonces no request can reuse: a timestamp older than the window is refused before its nonce is
/// looked at, so after twice the window a nonce is dead weight. A recurring job rather than a delete on every
/// accepted request keeps a busy exchange's requests to one write each.
enum FederationNonceSweep {
    static let kind = "federation.nonces"
    static let period: TimeInterval = 600

    static func run(_ job: Job, _ app: Application) async throws {
        let window = Double(app.federation.windowSeconds)
        let before = app.clock.now().addingTimeInterval(-2 * window)
        try await serializedTransaction(app.db, gate: app.writeGate) { db in
            try await FederationNonce.query(on: db).filter(\.$seenAt < before).delete()
        }
    }
}
