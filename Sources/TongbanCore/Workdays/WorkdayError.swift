public enum WorkdayError: Error, Equatable, Sendable {
    case outsideKnownYears(year: Int, known: ClosedRange<Int>)

    public var code: String {
        switch self {
        case .outsideKnownYears: "workdays.outside_known_years"
        }
    }

    /// Shown to staff configuring deadlines, hence Chinese and a hint at both ways out.
    public var message: String {
        switch self {
        case let .outsideKnownYears(year, known):
            let why = year > known.upperBound ? "尚未发布" : "未收录"
            return "\(year)年的法定节假日安排\(why)（已知 \(known.lowerBound)–\(known.upperBound) 年），无法计算工作日；"
                + "可在配置中补充该年安排或启用仅按周末计算"
        }
    }
}

/// A holiday data file (bundled or from configuration) that cannot be trusted.
public struct WorkdayDataError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
