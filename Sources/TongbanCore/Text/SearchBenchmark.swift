/// Times `SearchIndex.search` on a synthetic catalogue. Meaningful only in a release build.
public enum SearchBenchmark {
    public static func run(documents: Int, queries: Int) -> (p50Micros: Double, p99Micros: Double) {
        var index = SearchIndex(synonyms: SyntheticCatalogue.synonyms)
        for item in SyntheticCatalogue.items(documents) {
            index.upsert(id: item.id, fields: item.fields, boost: item.boost)
        }
        let texts = SyntheticCatalogue.queries(queries)
        guard !texts.isEmpty else { return (0, 0) }
        // Warm caches and lazy initialisation so the first samples do not stand for cold start.
        for text in texts.prefix(50) { _ = index.search(text) }

        let clock = ContinuousClock()
        var micros: [Double] = []
        micros.reserveCapacity(texts.count)
        var hits = 0
        for text in texts {
            let elapsed = clock.measure { hits &+= index.search(text).count }
            micros.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
        }
        // Keeps the optimiser from deciding the searches are unused.
        precondition(hits >= 0)
        micros.sort()
        return (percentile(micros, 0.50), percentile(micros, 0.99))
    }

    private static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }
}
