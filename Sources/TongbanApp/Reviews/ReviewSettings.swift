/// 好差评 periods. The national rules leave both to local practice (see docs/reviews.md).
public struct ReviewSettings: Sendable {
    /// A rating may be changed for this many days after it was first given (TONGBAN_REVIEW_CHANGE_DAYS).
    public var changeDays = 5
    /// A department answers a 差评's rectification within this many working days (TONGBAN_RECTIFICATION_DAYS).
    public var rectificationDays = 5

    public init() {}

    static func fromEnvironment(_ env: [String: String]) -> ReviewSettings {
        var settings = ReviewSettings()
        if let days = env["TONGBAN_REVIEW_CHANGE_DAYS"].flatMap(Int.init), (1...90).contains(days) { settings.changeDays = days }
        if let days = env["TONGBAN_RECTIFICATION_DAYS"].flatMap(Int.init), (1...60).contains(days) { settings.rectificationDays = days }
        return settings
    }
}
