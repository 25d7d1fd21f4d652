import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Who holds a session or API token, remembered for a few seconds: every authenticated request
/// would otherwise spend four queries finding out again. Signing out or revoking removes the entry
/// at once on this instance; other instances notice within `lifetime`, as they do a role change.
final class PrincipalCache: Sendable {
    static let lifetime: TimeInterval = 10
    static let capacity = 50_000

    private let entries = NIOLockedValueBox<[String: (principal: Principal, until: Date)]>([:])

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
        entries.withLockedValue { entries in
            // Crude but bounded: a flood of distinct tokens cannot grow memory without limit.
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
