/// Per-query score accumulator over only the documents a query touches.
///
/// Open addressing with a multiplicative hash: Dictionary's seeded SipHash was most of a query's time,
/// and here keys are small trusted integers, so hash flooding is not a concern.
struct CandidateTable {
    struct Candidate {
        var slot: UInt32
        var characters: Int32 = 0
        var score = 0.0
        var anchored = false
    }

    /// Bucket → 1 + index into `candidates`, 0 when empty. Kept apart so that walking the candidates
    /// never touches empty buckets.
    private var buckets: [Int32]
    private(set) var candidates: [Candidate] = []
    private var shift: UInt32

    /// `expected` should bound the number of distinct documents; the table grows past it, at a cost.
    init(expected: Int) {
        var bits: UInt32 = 4
        while (1 << bits) < expected * 2 { bits += 1 }
        buckets = [Int32](repeating: 0, count: 1 << bits)
        shift = 32 - bits
        candidates.reserveCapacity(expected)
    }

    @inline(__always)
    mutating func add(_ score: Double, role: QueryPlan.Role, to slot: UInt32) {
        let index = position(of: slot)
        candidates[index].score += score
        switch role {
        case .anchor: candidates[index].anchored = true
        case .character: candidates[index].characters += 1
        }
    }

    @inline(__always)
    private mutating func position(of slot: UInt32) -> Int {
        let mask = buckets.count - 1
        var bucket = Int((slot &* 0x9E37_79B1) >> shift)
        while true {
            let entry = Int(buckets[bucket])
            if entry == 0 { break }
            if candidates[entry - 1].slot == slot { return entry - 1 }
            bucket = (bucket + 1) & mask
        }
        if (candidates.count + 1) * 2 > buckets.count {
            grow()
            return position(of: slot)
        }
        candidates.append(Candidate(slot: slot))
        buckets[bucket] = Int32(candidates.count)
        return candidates.count - 1
    }

    private mutating func grow() {
        buckets = [Int32](repeating: 0, count: buckets.count * 2)
        shift -= 1
        let mask = buckets.count - 1
        for (index, candidate) in candidates.enumerated() {
            var bucket = Int((candidate.slot &* 0x9E37_79B1) >> shift)
            while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
            buckets[bucket] = Int32(index + 1)
        }
    }
}
