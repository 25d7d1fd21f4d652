/// One suggested service and why it was suggested.
public struct Recommendation: Hashable, Sendable {
    public enum Basis: Hashable, Sendable {
        /// Of the people who applied for `after`, `share` went on to apply for this within the window.
        case followsUp(after: String, share: Double)
        /// Among the most used services where the applicant lives.
        case popularInDistrict(String)
        /// Among the most used services in the whole city.
        case popularCitywide
    }

    public var code: String
    /// Higher is better: the service's popularity share, multiplied up for a follow-up by how much
    /// likelier it is after the applicant's latest services. Comparable within one list only.
    public var score: Double
    public var basis: Basis
    /// Why, in the words the applicant reads, e.g. 办理“出生登记”的人通常接着办理.
    public var reason: String

    public init(code: String, score: Double, basis: Basis, reason: String) {
        self.code = code
        self.score = score
        self.basis = basis
        self.reason = reason
    }
}

extension Recommendation.Basis {
    /// The sentence shown next to the suggestion; `name` turns a code into the service's display name.
    public func reason(name: (String) -> String) -> String {
        switch self {
        case let .followsUp(after, share):
            // "通常" only when it is true of most people; otherwise say how many, not more.
            share >= 0.5
                ? "办理“\(name(after))”的人通常接着办理"
                : "办理“\(name(after))”的人中约 \(max(1, Int((share * 100).rounded())))% 接着办理"
        case .popularInDistrict:
            "本区县热门"
        case .popularCitywide:
            "全市热门"
        }
    }
}
