/// Chinese has no spaces, so words are approximated by overlapping character pairs: a bigram match usually
/// means a shared word, while single characters keep recall for typos ("公基金") and one-character queries.
public enum Tokenizer {
    /// Full-width → half-width, latin lower-cased, everything but CJK, latin letters and digits dropped.
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let folded = ScalarClass.fold(scalar) { out.append(folded.scalar) }
        }
        return String(out)
    }

    static func normalizedScalars(_ scalars: some Collection<Unicode.Scalar>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        for scalar in scalars {
            if let folded = ScalarClass.fold(scalar) { out.append(folded.scalar) }
        }
        return out
    }

    /// Each CJK character, then the pair it closes; latin words and digit runs whole.
    /// Dropped characters still separate: "提取（离职）" yields no "取离", because that pair spans two words.
    public static func terms(_ text: String) -> [String] {
        tokens(text).map(\.text)
    }

    static func tokens(_ text: String) -> [SearchTerm] {
        tokens(text.unicodeScalars)
    }

    static func tokens(_ scalars: some Sequence<Unicode.Scalar>) -> [SearchTerm] {
        var terms: [SearchTerm] = []
        var run = String.UnicodeScalarView()
        var runKind: ScalarClass?
        var previousCJK: Unicode.Scalar?

        func closeRun() {
            if let kind = runKind, kind != .cjk, !run.isEmpty {
                terms.append(SearchTerm(kind: kind == .digit ? .number : .word, key: .word(String(run))))
            }
            run = String.UnicodeScalarView()
            runKind = nil
            previousCJK = nil
        }

        for scalar in scalars {
            guard let (folded, kind) = ScalarClass.fold(scalar) else { closeRun(); continue }
            if kind != runKind { closeRun(); runKind = kind }
            guard kind == .cjk else { run.append(folded); continue }
            terms.append(SearchTerm(kind: .unigram, key: .characters(UInt64(folded.value))))
            if let previous = previousCJK {
                terms.append(SearchTerm(kind: .bigram, key: .characters(UInt64(previous.value) << 32 | UInt64(folded.value))))
            }
            previousCJK = folded
        }
        closeRun()
        return terms
    }
}
