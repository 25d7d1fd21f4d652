/// One weighted piece of a document. The first field of a document is taken as its name:
/// the exact-phrase bonus looks only there.
public struct SearchField: Sendable {
    public var text: String
    public var weight: Double

    public init(_ text: String, weight: Double) {
        self.text = text
        self.weight = weight
    }
}

/// Scores compare only within one search; they are not probabilities and not stable across index changes.
public struct SearchHit: Sendable, Equatable {
    public let id: String
    public let score: Double

    public init(id: String, score: Double) {
        self.id = id
        self.score = score
    }
}
