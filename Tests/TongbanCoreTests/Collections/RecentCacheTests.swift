import Testing
@testable import TongbanCore

@Suite struct RecentCacheTests {
    @Test func neverHoldsMoreThanItsCapacity() {
        var cache = RecentCache<Int, String>(capacity: 100)
        for key in 0..<10_000 {
            cache.insert(key, "\(key)")
            #expect(cache.count <= 100)
        }
        #expect(cache.value(9_999) == "9999")
        #expect(cache.value(0) == nil)
    }

    @Test func keepsWhatIsStillAskedFor() {
        var cache = RecentCache<Int, Int>(capacity: 10)
        cache.insert(-1, -1)
        for key in 0..<1_000 {
            cache.insert(key, key)
            #expect(cache.value(-1) == -1, "key -1 is read after every insert and must survive the turns")
        }
    }

    @Test func anUpdatedKeyIsHeldOnce() {
        var cache = RecentCache<String, Int>(capacity: 4)
        cache.insert("a", 1)
        cache.insert("b", 2)
        cache.insert("c", 3)
        cache.insert("a", 4)
        #expect(cache.value("a") == 4)
        #expect(cache.count == 3)
        cache.removeAll()
        #expect(cache.count == 0)
    }
}
