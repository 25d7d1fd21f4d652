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
    public struct SimilarityVector: Sendable {
        let terms: [SearchTermKey: Double]
        let norm: Double
    }

    public func similarityVector(_ text: String) -> SimilarityVector {
        let terms = vector(text)
        return SimilarityVector(terms: terms, norm: Self.norm(terms))
    }

    /// The same cosine as `similarity(_:_:)`, from vectors weighed by this index.
    public static func similarity(_ a: SimilarityVector, _ b: SimilarityVector) -> Double {
        guard a.norm > 0, b.norm > 0 else { return 0 }
        let (small, large) = a.terms.count <= b.terms.count ? (a.terms, b.terms) : (b.terms, a.terms)
        var dot = 0.0
        for (term, weight) in small { dot += weight * (large[term] ?? 0) }
        return min(1, max(0, dot / (a.norm * b.norm)))
    }
}
