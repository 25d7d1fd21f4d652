import Foundation

/// When a rating may be given or changed: once per service (一事一评), changeable for a few days after it was
/// first given (5 by default), and once more after the department has replied to the rectification it caused.
public struct ReviewRules: Sendable {
    public var changeDays: Int

    public init(changeDays: Int = 5) {
        self.changeDays = changeDays
    }

    public enum Decision: Equatable, Sendable {
        case create
        case change
        /// After the rectification reply: the rater's second opinion, kept beside the first.
        case rerate
        case refused(code: String, message: String)
    }

    /// `firstRatedAt`: when this service was first rated (nil: never). `rectificationReplied`: a rectification
    /// caused by this rating has been answered and not yet re-rated.
    public func decide(firstRatedAt: Date?, rectificationReplied: Bool, alreadyRerated: Bool, now: Date) -> Decision {
        guard let first = firstRatedAt else { return .create }
        if now.timeIntervalSince(first) <= Double(changeDays) * 86_400 { return .change }
        if rectificationReplied && !alreadyRerated { return .rerate }
        return .refused(code: "review.change_window_closed", message: "评价已超过\(changeDays)天修改期，不能再修改")
    }
}
