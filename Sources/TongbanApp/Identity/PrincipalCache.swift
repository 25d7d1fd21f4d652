import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Who holds a session or API token, remembered for a few seconds: every authenticated request
/// would otherwise spend four queries finding out again. Signing out or revoking removes the entry
/// at once on this instance; other instances notice within `lifetime`, as they do a role change.
final class PrincipalCache: Sendable {
    static let lifetime: TimeInterval = 10
    static let capacity = 50_000
    /// Entries live seconds, but one whose token is not used again would stay until the cache filled; sweeping the
    /// expired every so many inserts keeps memory to the tokens seen lately (soak, 2026-11-26).
    static let sweepEvery = 1_000

    private let entries = NIOLockedValueBox<[String: (principal: Principal, until: Date)]>([:])
    private let inserts = NIOLockedValueBox(0)

    var count: Int { entries.withLockedValue { $0.count } }

    func principal(forTokenHash hash: String, now: Date) -> Principal? {
        entries.withLockedValue { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.until > now else {
                entries[hash] = nil
                return nil
            }
            return entry.principal
        }
    }

    func remember(_ principal: Principal, forTokenHash hash: String, now: Date, tokenExpires: Date) {
        let sweep = inserts.withLockedValue { count in
            count += 1
            return count % Self.sweepEvery == 0
        }
        entries.withLockedValue { entries in
            if sweep { entries = entries.filter { $0.value.until > now } }
            // Still bounded when a flood of distinct tokens arrives within one lifetime.
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (principal, min(now.addingTimeInterval(Self.lifetime), tokenExpires))
        }
    }

    func forget(tokenHash hash: String) {
        entries.withLockedValue { $0[hash] = nil }
    }
}

extension Application {
    private struct PrincipalCacheKey: StorageKey { typealias Value = PrincipalCache }
    var principalCache: PrincipalCache {
        get { storage[PrincipalCacheKey.self] ?? PrincipalCache() }
        set { storage[PrincipalCacheKey.self] = newValue }
    }
}
