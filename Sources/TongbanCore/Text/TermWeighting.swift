import Foundation

/// How much a matched term is worth, before and after corpus statistics.
///
/// The numbers are tuned on the service catalogue: a bigram should beat any pile of single characters,
/// and filler from spoken questions ("我要怎么办理") should barely move a ranking.
enum TermWeighting {
    static let k1 = 1.2
    static let b = 0.75

    static let bigram = 1.0
    /// Latin words and digit runs are codes or names, as telling as a bigram.
    static let wholeWord = 1.0
    static let unigram = 0.3
    /// Counts only where nothing else does: queries made of filler alone, and similarity.
    static let stop = 0.05
    /// Synonyms are a guess at what the user meant; their own words are evidence.
    static let expansion = 0.6

    /// A term worth less than this share of the query's strongest term is not read at all.
    static let negligible = 0.02
    /// Enough for any real search phrase (a 16-character query has 31 terms); more only slows pasted text.
    static let termsRead = 32

    /// Exact phrase in the name is the strongest signal a short catalogue query can give.
    static let phraseBonus = 1.5
    static let expansionPhraseBonus = 1.25
    static var maxBonus: Double { max(phraseBonus, expansionPhraseBonus) }

    /// Function characters of spoken questions. IDF alone does not silence them in a catalogue,
    /// where they are rare in names and so look informative. Scalar values in an array: two dozen comparisons
    /// cost less than hashing.
    static let stopCharacters: [UInt32] = "的了办理我要怎么如何请问吗呢啊吧是在和与及哪什样".unicodeScalars.map(\.value)

    static func isStop(_ scalar: UInt32) -> Bool { stopCharacters.contains(scalar) }

    /// A pair of fillers ("怎么", "如何", "请问", "办理") is filler too.
    static func isStop(_ term: SearchTerm) -> Bool {
        switch term.key {
        case .characters(let packed):
            isStop(UInt32(truncatingIfNeeded: packed)) && (packed >> 32 == 0 || isStop(UInt32(packed >> 32)))
        case .word: false
        }
    }

    static func weight(_ term: SearchTerm) -> Double {
        if isStop(term) { return stop }
        switch term.kind {
        case .bigram: return bigram
        case .word, .number: return wholeWord
        case .unigram: return unigram
        }
    }

    /// BM25's IDF with the +1 inside the log, so terms in more than half the documents still count a little.
    static func idf(documentFrequency df: Int, documents n: Int) -> Double {
        let df = Double(df), n = Double(n)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }
}
