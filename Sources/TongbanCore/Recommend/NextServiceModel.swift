/// "Services that usually follow one just completed", mined from everyone's histories.
///
/// For each service A it counts n(A), the applicants who applied for A, and n(A→B), those who then
/// applied for B within `windowDays` and the next `lookahead` applications:
///
///     P̂(B | A) = (n(A→B) + m · base(B)) / (n(A) + m)     m-estimate: thin evidence stays near the base rate
///     lift     = P̂(B | A) / base(B)
///
/// where base(B) is the share of all other services' applicants who went on to B. B is a follow-up of A
/// only if its lift reaches `minLift`: a service everyone applies for sooner or later follows A about as
/// often as it follows anything, so it never becomes A's follow-up however often it comes after A.
///
/// A suggestion's score is its popularity scaled by how much likelier it is after the latest services,
/// `share × (1 + Σ weight × (lift − 1))`, so a strong follow-up can outrank the most popular services,
/// a weak one does not push a much more popular service out of the list, and unrelated services keep
/// their popularity order (the fallback).
///
/// The thresholds below are conservative on purpose: on synthetic histories with no real follow-ups
/// they leave the model tied with the popularity baseline instead of losing to it through chance pairs
/// (and showing applicants a 接着办理 reason that is not true).
public struct NextServiceModel: Sendable {
    public struct Options: Sendable {
        /// A later application counts as a follow-up only within this many days.
        public var windowDays = 180
        /// …and only among the next few applications: an agency's hundredth filing says nothing about its first.
        public var lookahead = 10
        /// Pairs seen for fewer applicants than this are coincidence, not a pattern.
        public var minPairApplicants = 5
        /// m in the m-estimate, in applicants: how much evidence it takes to move away from the base rate.
        public var priorStrength = 30.0
        /// A follow-up must be at least this many times likelier after A than after any other service.
        public var minLift = 2.0
        /// Follow-ups kept per service, likeliest first.
        public var keepPerService = 30
        /// The latest distinct services of a history that suggest follow-ups, the newest counting fully
        /// and each older one `anchorDecay` times as much as the one after it.
        public var anchors = 3
        public var anchorDecay = 0.5
        public var popularity = Popularity.Options()

        public init() {}
    }

    /// What the model learnt about one service following another.
    public struct FollowUp: Hashable, Sendable {
        public var code: String
        /// Applicants who applied for this after the anchor service.
        public var applicants: Int
        /// The raw share of the anchor's applicants who did: n(A→B) / n(A).
        public var share: Double
        /// P̂(B | A), smoothed towards the base rate.
        public var probability: Double
        /// P̂(B | A) / base(B): 3 means three times as likely after A as after any other service.
        public var lift: Double
    }

    /// A follow-up with the service's id, so scoring need not hash its code.
    struct Follower: Sendable {
        var id: Int
        var followUp: FollowUp
        var lift: Double { followUp.lift }
        var share: Double { followUp.share }
    }

    let index: ServiceIndex
    /// Indexed by service id, likeliest first.
    let followers: [[Follower]]
    let names: [String: String]
    /// Popularity shares by service id, citywide and per district, so scoring does not hash codes.
    let citywideShare: [Double]
    let districtShare: [String: [Double]]
    /// The fallback when follow-ups run out, trained on the same histories.
    public let popularity: Popularity
    public let options: Options

    /// What people apply for after `code`, likeliest first; empty for a service the model never saw.
    public func followUps(after code: String) -> [FollowUp] {
        index.id(of: code).map { followers[$0].map(\.followUp) } ?? []
    }

    /// Up to `limit` services for someone whose applications so far are `history` (any order).
    ///
    /// Services in `exclude` are never suggested: pass the history's own codes unless repeats are wanted.
    /// `today` (a day number) drops anchors older than the window; by default it is the last application's day.
    public func recommend(history: [ServiceEvent], district: String? = nil, today: Int? = nil,
                          exclude: Set<String> = [], limit: Int) -> [Recommendation] {
        guard limit > 0 else { return [] }
        let events = ServiceHistory.chronological(history)
        let now = today ?? events.last?.day ?? 0

        var anchors: [(id: Int, weight: Double)] = []
        var weight = 1.0
        for event in events.reversed() {
            guard anchors.count < options.anchors, now - event.day <= options.windowDays else { break }
            guard let id = index.id(of: event.code), !anchors.contains(where: { $0.id == id }) else { continue }
            anchors.append((id, weight))
            weight *= options.anchorDecay
        }

        // Boosts add up over anchors (出生登记 and 户口登记 both point to 医保参保);
        // the reason names the anchor that contributed most.
        let excluded = Set(exclude.compactMap { index.id(of: $0) })
        var boosts: [Int: (boost: Double, best: Double, anchor: Int, share: Double)] = [:]
        for anchor in anchors {
            for follower in followers[anchor.id] where !excluded.contains(follower.id) {
                let part = anchor.weight * (follower.lift - 1)
                var b = boosts[follower.id] ?? (0, 0, anchor.id, follower.share)
                b.boost += part
                if part > b.best { (b.best, b.anchor, b.share) = (part, anchor.id, follower.share) }
                boosts[follower.id] = b
            }
        }
        let shares = district.flatMap { districtShare[$0] } ?? citywideShare
        let name = { (code: String) in names[code] ?? code }
        // Wording a reason costs more than scoring, so only for follow-ups that can make the list.
        var result = boosts
            .map { (id: $0.key, score: shares[$0.key] * (1 + $0.value.boost)) }
            .sorted { ($0.score, index.codes[$1.id]) > ($1.score, index.codes[$0.id]) }
            .prefix(limit)
            .map { id, score in
                let b = boosts[id]!
                let basis = Recommendation.Basis.followsUp(after: index.codes[b.anchor], share: b.share)
                return Recommendation(code: index.codes[id], score: score, basis: basis, reason: basis.reason(name: name))
            }
        // Only the `limit` most popular of the rest can make the list.
        result += popularity.top(district: district, limit: limit) { code in
            exclude.contains(code) || index.id(of: code).map { boosts[$0] != nil } == true
        }
        result.sort { ($0.score, $1.code) > ($1.score, $0.code) }
        return Array(result.prefix(limit))
    }
}
