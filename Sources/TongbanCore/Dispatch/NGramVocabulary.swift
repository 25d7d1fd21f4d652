/// n-gram key → dense feature index, as an open-addressing table over flat arrays.
/// Classifying a message looks up about a thousand n-grams; a `Dictionary<UInt64, Int>` spends most of
/// the budget on hashing and bridging, while a multiplicative hash and linear probing stay a few nanoseconds each.
struct NGramVocabulary: Sendable {
    private var keys: [UInt64]
    private var indices: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 1024) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        indices = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The index for `key`, or nil for an n-gram never seen in training.
    @inline(__always)
    func index(of key: UInt64) -> Int? {
        keys.withUnsafeBufferPointer { keys in
            var s = slot(key)
            while true {
                let stored = keys[s]
                if stored == key { return Int(indices[s]) }
                if stored == 0 { return nil }
                s = (s + 1) & mask
            }
        }
    }

    /// The index for `key`, assigning the next one if it is new (so indices follow first appearance: deterministic).
    mutating func insert(_ key: UInt64) -> Int {
        if (count + 1) * 2 > keys.count { grow() }
        var s = slot(key)
        while keys[s] != 0 {
            if keys[s] == key { return Int(indices[s]) }
            s = (s + 1) & mask
        }
        keys[s] = key
        indices[s] = Int32(count)
        count += 1
        return count - 1
    }

    private mutating func grow() {
        let old = zip(keys, indices).filter { $0.0 != 0 }
        keys = Array(repeating: 0, count: keys.count * 2)
        indices = Array(repeating: -1, count: keys.count)
        mask = keys.count - 1
        for (key, index) in old {
            var s = slot(key)
            while keys[s] != 0 { s = (s + 1) & mask }
            keys[s] = key
            indices[s] = index
        }
    }
}
