extension SearchIndex {
    /// BM25F over the query's terms and synonym phrases, admitted by `QueryPlan`'s rule, then multiplied by
    /// the phrase bonus and the document boost. Input with nothing searchable returns no hits.
    public func search(_ query: String, limit: Int = 20) -> [SearchHit] {
        guard limit > 0, count > 0 else { return [] }
        let plan = QueryPlan(query, synonyms: synonyms)
        guard !plan.terms.isEmpty else { return [] }
        return select(from: accumulate(plan), plan: plan, limit: limit)
    }

    /// Term at a time into an accumulator holding only documents that matched something.
    private func accumulate(_ plan: QueryPlan) -> CandidateTable {
        let k1 = TermWeighting.k1, b = TermWeighting.b
        let inverseAverageLength = fieldStatistics.map { $0.totalLength > 0 ? Double($0.documents) / Double($0.totalLength) : 0 }
        let found = worthReading(plan)
        var candidates = CandidateTable(expected: min(count, found.reduce(0) { $0 + documentFrequency[$1.id] }))
        for (term, id, ceiling) in found {
            let scale = ceiling * (k1 + 1)
            postings[id].withUnsafeBufferPointer { list in
                var index = 0
                while index < list.count {
                    let slot = list[index].slot
                    var frequency = 0.0
                    repeat {
                        let posting = list[index]
                        let lengthNorm = 1 - b + b * Double(posting.length) * inverseAverageLength[Int(posting.field)]
                        frequency += Double(posting.weight) * Double(posting.frequency) / lengthNorm
                        index += 1
                    } while index < list.count && list[index].slot == slot
                    candidates.add(scale * frequency / (k1 + frequency), role: term.role, to: slot)
                }
            }
        }
        return candidates
    }

    /// Terms whose postings can change a ranking, with their weight × IDF. Reading postings is nearly all of a
    /// query's cost, and boilerplate that every description shares ("申请", "材料") has long lists and an IDF near zero;
    /// pasted paragraphs are held to their most telling terms.
    private func worthReading(_ plan: QueryPlan) -> [(term: QueryPlan.WeightedTerm, id: Int, ceiling: Double)] {
        let known = plan.terms.compactMap { term -> (term: QueryPlan.WeightedTerm, id: Int, ceiling: Double)? in
            guard let id = termIDs[term.key].map(Int.init), documentFrequency[id] > 0 else { return nil }
            let idf = TermWeighting.idf(documentFrequency: documentFrequency[id], documents: count)
            return (term, id, term.weight * idf)
        }
        let strongest = known.map(\.ceiling).max() ?? 0
        let telling = known.filter { $0.ceiling >= strongest * TermWeighting.negligible }
        guard telling.count > TermWeighting.termsRead else { return telling }
        return Array(telling.sorted { $0.ceiling > $1.ceiling }.prefix(TermWeighting.termsRead))
    }

    private func select(from candidates: CandidateTable, plan: QueryPlan, limit: Int) -> [SearchHit] {
        var admitted: [(slot: UInt32, score: Double)] = []
        admitted.reserveCapacity(candidates.candidates.count)
        var byBase = TopScores(capacity: limit)
        for candidate in candidates.candidates
        where plan.admits(anchored: candidate.anchored, characters: Int(candidate.characters)) {
            let base = candidate.score * boosts[Int(candidate.slot)]
            guard base > 0 else { continue }
            admitted.append((candidate.slot, base))
            byBase.offer(base, slot: candidate.slot)
        }
        // The bonus can lift a document by at most `maxBonus`, so one that cannot reach the current top even then
        // is skipped: the substring check runs on a handful of names, not on every candidate.
        let floor = byBase.isFull ? byBase.weakest / TermWeighting.maxBonus : 0
        var top = TopScores(capacity: limit)
        for (slot, base) in admitted where base >= floor {
            top.offer(base * phraseBonus(slot, plan), slot: slot)
        }
        return top.entries
            .map { SearchHit(id: documents[Int($0.slot)]!.id, score: $0.score) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }

    private func phraseBonus(_ slot: UInt32, _ plan: QueryPlan) -> Double {
        let name = names[Int(slot)]
        if Self.contains(name, plan.phrase) { return TermWeighting.phraseBonus }
        if plan.synonymPhrases.contains(where: { Self.contains(name, $0) }) { return TermWeighting.expansionPhraseBonus }
        return 1
    }

    private static func contains(_ text: [Unicode.Scalar], _ phrase: [Unicode.Scalar]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= text.count else { return false }
        return (0...(text.count - phrase.count)).contains { start in
            phrase.indices.allSatisfy { text[start + $0] == phrase[$0] }
        }
    }
}
