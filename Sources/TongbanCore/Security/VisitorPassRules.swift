import Foundation

/// When a visitor pass (访客通行证) may be issued and when a door accepts it. A resident names a window; the door opens
/// for the pass only inside it, give or take a few minutes for a visitor who is early or a door whose clock drifts.
public enum VisitorPassRules {
    /// A visit is a day at most: a nanny or a lodger needs a resident card from the community, not a pass.
    public static let longest: TimeInterval = 24 * 3600
    /// Passes are for visits planned this week.
    public static let furthestAhead: TimeInterval = 7 * 86_400
    /// A visitor five minutes early is let in; so is one whose pass ended five minutes ago.
    public static let grace: TimeInterval = 5 * 60

    /// Problems with a requested window, by field; empty when it may be issued.
    public static func problems(from: Date, until: Date, now: Date) -> [String: String] {
        var problems: [String: String] = [:]
        if until <= from {
            problems["until"] = "结束时间应晚于开始时间"
        } else if until.timeIntervalSince(from) > longest {
            problems["until"] = "一张访客通行证最长24小时；长期来访请到社区办理门禁卡"
        }
        if from < now.addingTimeInterval(-grace) { problems["from"] = "开始时间不能早于现在" }
        if from > now.addingTimeInterval(furthestAhead) { problems["from"] = "只能预约7天内的来访" }
        return problems
    }

    public enum Decision: Equatable, Sendable {
        case open
        case notYet(opensAt: Date)
        case expired
        case revoked

        public var reason: String {
            switch self {
            case .open: "访客通行证有效"
            case .notYet: "未到通行时间"
            case .expired: "通行证已过期"
            case .revoked: "通行证已被住户取消"
            }
        }
    }

    /// What the door does with a pass of this window at `now`.
    public static func decide(from: Date, until: Date, revoked: Bool, now: Date) -> Decision {
        if revoked { return .revoked }
        if now < from.addingTimeInterval(-grace) { return .notYet(opensAt: from.addingTimeInterval(-grace)) }
        if now > until.addingTimeInterval(grace) { return .expired }
        return .open
    }
}
