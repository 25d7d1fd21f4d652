import Foundation

extension SearchIndex {
    /// Cosine of the two texts' term vectors, each term weighted as search weighs it (kind × IDF of this index)
    /// with a damped frequency, so shared rare bigrams count and shared filler barely does. Unknown terms get
    /// the highest IDF: for duplicate tickets, a word no document has seen is the most telling one to share.
    public func similarity(_ a: String, _ b: String) -> Double {
        let left = vector(a), right = vector(b)
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        let (small, large) = left.count <= right.count ? (left, right) : (right, left)
        var dot = 0.0
        for (term, weight) in small { dot += weight * (large[term] ?? 0) }
        let norms = Self.norm(left) * Self.norm(right)
        return norms > 0 ? min(1, max(0, dot / norms)) : 0
    }

    fileprivate func vector(_ text: String) -> [SearchTermKey: Double] {
        var frequencies: [SearchTerm: Int] = [:]
        for term in Tokenizer.tokens(text) { frequencies[term, default: 0] += 1 }
        var vector: [SearchTermKey: Double] = [:]
        for (term, frequency) in frequencies {
            let df = termIDs[term.key].map { documentFrequency[Int($0)] } ?? 0
            vector[term.key] = TermWeighting.weight(term) * TermWeighting.idf(documentFrequency: df, documents: count)
                * (1 + log(Double(frequency)))
        }
        return vector
    }

    fileprivate static func norm(_ vector: [SearchTermKey: Double]) -> Double {
        vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}

extension SearchIndex {
    /// A text weighed once, to be compared with many (duplicate detection keeps recent tickets' vectors).
    /// Terms are 64-bit keys in ascending order beside their weights — two arrays rather than a dictionary,
    /// because a platform keeps tens of thousands of these in memory: a dictionary took about 6 KB per ticket
    /// (a one-hour soak grew each instance by 50 MB filing tickets), these about a third of that.
    public struct SimilarityVector: Sendable {
        let keys: [UInt64]
        let weights: [Double]
        let norm: Double
    }

    public func similarityVector(_ text: String) -> SimilarityVector {
        let terms = vector(text)
        var merged: [(key: UInt64, weight: Double)] = []
        merged.reserveCapacity(terms.count)
        for (key, weight) in terms.map({ (Self.compactKey($0.key), $0.value) }).sorted(by: { $0.0 < $1.0 }) {
            // Two words hashing alike (vanishingly rare) count as one term rather than breaking the merge below.
            if merged.last?.key == key { merged[merged.count - 1].weight += weight } else { merged.append((key, weight)) }
        }
        return SimilarityVector(keys: merged.map(\.key), weights: merged.map(\.weight), norm: Self.norm(terms))
    }

    /// The same cosine as `similarity(_:_:)`, from vectors weighed by this index: one walk along both sorted key lists.
    public static func similarity(_ a: SimilarityVector, _ b: SimilarityVector) -> Double {
        guard a.norm > 0, b.norm > 0 else { return 0 }
        var (i, j, dot) = (0, 0, 0.0)
        while i < a.keys.count, j < b.keys.count {
            if a.keys[i] == b.keys[j] {
                dot += a.weights[i] * b.weights[j]
                i += 1
                j += 1
            } else if a.keys[i] < b.keys[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return min(1, max(0, dot / (a.norm * b.norm)))
    }

    /// CJK terms keep their packed characters (under 2^53); words get a 64-bit FNV-1a hash with the top bit set,
    /// so the two kinds never meet.
    static func compactKey(_ key: SearchTermKey) -> UInt64 {
        switch key {
        case .characters(let packed): return packed
        case .word(let word):
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return hash | (1 << 63)
        }
    }
}
