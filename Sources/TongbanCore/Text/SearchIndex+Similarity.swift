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
    /// One text weighed once and compared with many: duplicate detection compares a new ticket with dozens.
    public struct SimilarityProbe: Sendable {
        let index: SearchIndex
        let vector: [SearchTermKey: Double]
        let norm: Double

        public func similarity(to text: String) -> Double {
            let other = index.vector(text)
            guard norm > 0, !other.isEmpty else { return 0 }
            var dot = 0.0
            for (term, weight) in other { dot += weight * (vector[term] ?? 0) }
            let norms = norm * SearchIndex.norm(other)
            return norms > 0 ? min(1, max(0, dot / norms)) : 0
        }
    }

    public func probe(_ text: String) -> SimilarityProbe {
        let vector = vector(text)
        return SimilarityProbe(index: self, vector: vector, norm: Self.norm(vector))
    }
}
