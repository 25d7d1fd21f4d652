import Foundation

/// The sentences of a guide that answer a specific question: those sharing the rarest two-character words with it,
/// leaving out the words of the service's own name (every sentence of the guide is about it). A word that half the
/// guide uses ("办理", "需要") counts for little; "到场" or "邮寄" counts for much.
enum Evidence {
    static func sentences(for question: String, in entry: AssistantEntry, limit: Int, synonyms: SynonymTable? = nil) -> [String] {
        // "按手印" finds the sentence about 指纹 when the synonym table knows the one for the other.
        let words = [question] + (synonyms?.expand(question) ?? [])
        let asked = words.reduce(into: Set<String>()) { $0.formUnion(bigrams($1)) }.subtracting(bigrams(entry.title))
        guard !asked.isEmpty else { return [] }
        let pool = entry.details + entry.conditions + entry.steps + entry.materials.map(\.name) + split(entry.summary)
        // "多少天内", "多大", "几岁": the sentence with the number is the answer.
        let wantsNumber = numberCues.contains { question.contains($0) }
        let grams = pool.map(bigrams)
        var frequency: [String: Int] = [:]
        for set in grams { for gram in set where asked.contains(gram) { frequency[gram, default: 0] += 1 } }
        let count = Double(pool.count)
        let scored = grams.enumerated().compactMap { index, set -> (score: Double, index: Int)? in
            var score = asked.intersection(set).reduce(0.0) { $0 + log((count + 1) / Double(frequency[$1] ?? 1)) }
            if wantsNumber, score > 0, pool[index].contains(where: \.isNumber) { score += 1.5 }
            // Of two sentences saying as much, the shorter answers better (a whole article of law is a last resort).
            score -= 0.004 * Double(max(0, pool[index].count - 60))
            return score >= minimumScore ? (score, index) : nil
        }
        return scored.sorted { ($0.score, -$0.index) > ($1.score, -$1.index) }.prefix(limit).map { pool[$0.index] }
    }

    static let numberCues = ["多少", "多久", "多长", "多大", "几岁", "几天", "几个", "几年", "几月", "几号", "几点", "什么时候", "啥时候", "期限", "以内", "之内", "内要"]

    /// A summary's sentences, each on its own.
    static func split(_ text: String) -> [String] {
        var sentences: [String] = [], current = ""
        for character in text {
            current.append(character)
            if "。；！？".contains(character) { sentences.append(current); current = "" }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { sentences.append(current) }
        return sentences
    }

    /// About one word that few sentences share, or two common ones.
    static let minimumScore = 1.5

    /// Pairs of adjacent letters, ideographs or digits; punctuation and spaces break a pair. 天 and 日 count as one
    /// ("多少天内" asks for "30日内").
    static func bigrams(_ text: String) -> Set<String> {
        var result: Set<String> = []
        var previous: Character?
        for raw in text {
            let character: Character = raw == "天" ? "日" : raw
            guard character.isLetter || character.isNumber else { previous = nil; continue }
            if let previous { result.insert(String([previous, character])) }
            previous = character
        }
        return result
    }
}
