/// What a query asks the index for: weighted terms from the user's words and their synonyms, and the rule
/// that decides whether a document matched enough of them to be returned at all.
///
/// Filler and the single characters of synonyms are left out rather than weighted down: their postings are
/// the longest in the index and they would barely move a ranking.
struct QueryPlan: Sendable {
    /// How a term's match counts towards letting a document into the results.
    enum Role: Int, Comparable, Sendable {
        /// One of the user's own meaningful characters; more than half of them together admit a document.
        case character
        /// A bigram, word or number: one match admits a document.
        case anchor

        static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct WeightedTerm: Sendable {
        let key: SearchTermKey
        var weight: Double
        var role: Role
    }

    private(set) var terms: [WeightedTerm] = []
    /// Distinct meaningful characters the user typed, including ones the index has never seen:
    /// "火星移民" sharing only "民" with "居民身份证" is a coincidence, not a match.
    private(set) var characters = 0
    let phrase: [Unicode.Scalar]
    let synonymPhrases: [[Unicode.Scalar]]

    init(_ query: String, synonyms: SynonymTable) {
        // Scalars, not Characters: grapheme breaking cost more than the rest of planning.
        let query = query.unicodeScalars.prefix(SearchIndex.queryCharacterLimit)
        let own = Tokenizer.tokens(query)
        let normalized = Tokenizer.normalizedScalars(query)
        let expansions = synonyms.expand(normalized: normalized)
        phrase = Self.trimmingFiller(normalized)
        synonymPhrases = expansions.map { Tokenizer.normalizedScalars($0.unicodeScalars) }

        var positions: [SearchTermKey: Int] = [:]
        func add(_ term: SearchTerm, weight: Double, role: Role) {
            if let at = positions[term.key] {
                // A word typed and also implied by a synonym counts once, as strongly as its stronger source.
                terms[at].weight = max(terms[at].weight, weight)
                terms[at].role = max(terms[at].role, role)
            } else {
                positions[term.key] = terms.count
                terms.append(WeightedTerm(key: term.key, weight: weight, role: role))
                if role == .character { characters += 1 }
            }
        }
        positions.reserveCapacity(own.count)
        for term in own where !TermWeighting.isStop(term) {
            add(term, weight: TermWeighting.weight(term), role: term.kind == .unigram ? .character : .anchor)
        }
        // A query of filler alone ("办理") still means something.
        if terms.isEmpty {
            for term in own { add(term, weight: TermWeighting.weight(term), role: .anchor) }
        }
        for term in expansions.flatMap(Tokenizer.tokens) where term.kind != .unigram && !TermWeighting.isStop(term) {
            add(term, weight: TermWeighting.weight(term) * TermWeighting.expansion, role: .anchor)
        }
    }

    /// "我要办身份证" should earn the bonus that "身份证" earns, so filler at either end does not take part
    /// in the phrase; a phrase of filler alone is kept whole.
    private static func trimmingFiller(_ phrase: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let first = phrase.firstIndex(where: { !TermWeighting.isStop($0.value) }),
              let last = phrase.lastIndex(where: { !TermWeighting.isStop($0.value) }) else { return phrase }
        return Array(phrase[first...last])
    }

    /// More than half, so that in "护照" a lone "照" (营业执照) does not count, while "公基金" still finds 公积金.
    func admits(anchored: Bool, characters matched: Int) -> Bool {
        anchored || matched * 2 > characters
    }
}
