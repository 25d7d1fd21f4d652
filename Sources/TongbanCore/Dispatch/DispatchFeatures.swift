import Foundation

/// A message as the model sees it: the n-grams it contains, each weighted (1 + ln tf) · idf, L2-normalised.
struct SparseVector: Sendable {
    var indices: [Int32]
    var values: [Float]
}

/// TF-IDF over character n-grams, fitted on the training messages only. N-grams outside the training vocabulary
/// are dropped before normalising, so a long message full of unknown place names is not diluted by them.
struct DispatchFeatures: Sendable {
    let lengths: ClosedRange<Int>
    let collapseDigits: Bool
    private(set) var vocabulary: NGramVocabulary
    private(set) var idf: [Float]

    var dimension: Int { idf.count }

    /// Fits the vocabulary and smoothed idf, ln((1 + n) / (1 + df)) + 1, and returns the training vectors with it.
    static func fit(_ texts: [String], lengths: ClosedRange<Int>, collapseDigits: Bool) -> (DispatchFeatures, [SparseVector]) {
        var vocabulary = NGramVocabulary(minimumCapacity: 1 << 15)
        var documentFrequency: [Int] = []
        var counted: [[(index: Int32, count: Int32)]] = []
        var ids: [Int32] = []
        for text in texts {
            ids.removeAll(keepingCapacity: true)
            let scalars = DispatchNGrams.normalizedScalars(text, collapseDigits: collapseDigits)
            DispatchNGrams.forEachKey(scalars, lengths: lengths) { key in
                let index = vocabulary.insert(key)
                if index == documentFrequency.count { documentFrequency.append(0) }
                ids.append(Int32(index))
            }
            let runs = countRuns(&ids)
            for run in runs { documentFrequency[Int(run.index)] += 1 }
            counted.append(runs)
        }
        let n = Double(texts.count)
        let idf = documentFrequency.map { Float(log((1 + n) / (1 + Double($0))) + 1) }
        let features = DispatchFeatures(lengths: lengths, collapseDigits: collapseDigits, vocabulary: vocabulary, idf: idf)
        return (features, counted.map(features.weigh))
    }

    func vector(_ text: String) -> SparseVector {
        var ids: [Int32] = []
        let scalars = DispatchNGrams.normalizedScalars(text, collapseDigits: collapseDigits)
        ids.reserveCapacity(scalars.count * lengths.count)
        DispatchNGrams.forEachKey(scalars, lengths: lengths) { key in
            if let index = vocabulary.index(of: key) { ids.append(Int32(index)) }
        }
        return weigh(Self.countRuns(&ids))
    }

    private func weigh(_ runs: [(index: Int32, count: Int32)]) -> SparseVector {
        var values = runs.map { (1 + log(Float($0.count))) * idf[Int($0.index)] }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for i in values.indices { values[i] /= norm } }
        return SparseVector(indices: runs.map(\.index), values: values)
    }

    /// Term counts by sorting the occurrence list: cheaper than a hash map for the ~1000 n-grams of a message.
    private static func countRuns(_ ids: inout [Int32]) -> [(index: Int32, count: Int32)] {
        ids.sort()
        var runs: [(index: Int32, count: Int32)] = []
        runs.reserveCapacity(ids.count)
        for id in ids {
            if let last = runs.last, last.index == id { runs[runs.count - 1].count += 1 } else { runs.append((id, 1)) }
        }
        return runs
    }
}
