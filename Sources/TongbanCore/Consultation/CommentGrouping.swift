import Foundation

/// Similar comments on a draft, gathered so a department answers "停车位太少" once for the forty people who said it.
/// Texts are compared with the cosine the hotline's duplicate detection uses (`SearchIndex.similarity`), weighed by
/// the same index, so a shared rare word counts and shared filler barely does.
public enum CommentGrouping {
    /// Lower than the hotline's 0.55, which asks "is this the same report?". Opinions on one matter are worded more
    /// freely: on sample comments the same matter scored 0.38–0.80 and different matters of one draft at most 0.24.
    /// A group is only a proposal the staff can split, so a comment wrongly grouped costs less than forty answered apart.
    public static let defaultThreshold = 0.4

    /// Groups of indexes into `texts`, each group in the texts' order and the groups in the order of their first
    /// member. A text joins the group it is on average most similar to, if that average reaches `threshold`;
    /// averaging over every member (rather than the closest one) keeps a chain of near neighbours from pulling two
    /// different matters into one group. Deterministic: the same comments give the same groups on every page view.
    public static func groups(_ texts: [String], index: SearchIndex, threshold: Double = defaultThreshold) -> [[Int]] {
        let vectors = texts.map(index.similarityVector)
        var groups: [[Int]] = []
        for (position, vector) in vectors.enumerated() {
            var best: (group: Int, score: Double)?
            for (group, members) in groups.enumerated() {
                let score = members.reduce(0.0) { $0 + SearchIndex.similarity(vector, vectors[$1]) } / Double(members.count)
                if score >= threshold, score > (best?.score ?? 0) { best = (group, score) }
            }
            if let best { groups[best.group].append(position) } else { groups.append([position]) }
        }
        return groups
    }
}
