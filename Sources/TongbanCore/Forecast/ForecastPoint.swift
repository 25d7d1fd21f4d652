/// A range the actual volume is expected to fall in with the stated probability.
public struct PredictionInterval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// One forecast day: the expected volume and its 80% and 95% prediction intervals, all non-negative.
public struct ForecastPoint: Sendable, Equatable {
    public var day: CalendarDay
    public var mean: Double
    public var interval80: PredictionInterval
    public var interval95: PredictionInterval
    public var profile: DayProfile
}
