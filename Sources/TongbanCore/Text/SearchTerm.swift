/// A term remembers how it was cut, because a bigram match and a single-character match mean different things.
struct SearchTerm: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case unigram, bigram, word, number }

    let kind: Kind
    let key: SearchTermKey

    var text: String {
        switch key {
        case .word(let word): return word
        case .characters(let packed):
            var text = String.UnicodeScalarView()
            if packed >> 32 != 0, let first = Unicode.Scalar(UInt32(packed >> 32)) { text.append(first) }
            if let last = Unicode.Scalar(UInt32(truncatingIfNeeded: packed)) { text.append(last) }
            return String(text)
        }
    }
}

/// A CJK unigram or bigram packed into one integer (first character in the high half, none for a unigram),
/// so that dictionaries hash an integer: hashing a non-ASCII String normalises it first and dominated queries.
enum SearchTermKey: Sendable, Hashable {
    case characters(UInt64)
    case word(String)
}
