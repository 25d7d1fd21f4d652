import Foundation
import Testing
@testable import TongbanApp

@Suite("Principal cache: bounded by the tokens seen lately")
struct PrincipalCacheTests {
    @Test("tokens used once and never again are forgotten once expired, not kept until the cache fills")
    func expiredEntriesAreSwept() {
        let cache = PrincipalCache()
        let person = Principal(userID: UUID(), realName: "张三", grants: [])
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for second in 0..<(3 * PrincipalCache.sweepEvery) {
            let now = start.addingTimeInterval(Double(second))
            cache.remember(person, forTokenHash: "token-\(second)", now: now, tokenExpires: now.addingTimeInterval(86_400))
        }
        #expect(cache.count <= PrincipalCache.sweepEvery + Int(PrincipalCache.lifetime),
                "at most the entries since the last sweep and those still alive at it: \(cache.count)")
        let now = start.addingTimeInterval(Double(3 * PrincipalCache.sweepEvery - 1))
        #expect(cache.principal(forTokenHash: "token-\(3 * PrincipalCache.sweepEvery - 1)", now: now)?.realName == "张三")
    }
}
