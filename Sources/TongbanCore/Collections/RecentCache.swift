/// A cache that keeps what was used lately and forgets the rest, in bounded memory.
///
/// Two generations instead of a linked LRU list: entries go into the current generation; when it holds half the
/// capacity, it becomes the previous one and the old previous is dropped whole. A hit in the previous generation
/// moves the entry forward, so whatever is still asked for survives every turn. At most `capacity` entries live at
/// once, and a long-running server's memory levels off once the cache has turned over once.
public struct RecentCache<Key: Hashable, Value> {
    public let capacity: Int
    private var current: [Key: Value] = [:]
    private var previous: [Key: Value] = [:]

    public init(capacity: Int) {
        precondition(capacity >= 2, "a recent cache needs room for two generations")
        self.capacity = capacity
    }

    public var count: Int { current.count + previous.count }

    public mutating func value(_ key: Key) -> Value? {
        if let value = current[key] { return value }
        guard let value = previous.removeValue(forKey: key) else { return nil }
        insert(key, value)
        return value
    }

    public mutating func insert(_ key: Key, _ value: Value) {
        if current.count >= capacity / 2, current[key] == nil {
            previous = current
            // A fresh dictionary rather than removeAll(keepingCapacity:) so the dropped generation's storage is freed.
            current = [:]
        }
        previous.removeValue(forKey: key)
        current[key] = value
    }

    public mutating func removeAll() {
        current = [:]
        previous = [:]
    }
}
