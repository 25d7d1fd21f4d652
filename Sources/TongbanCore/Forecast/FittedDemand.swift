/// A forecaster fitted to one series: its calendar factors, its smoothed level and trend at the end of
/// the history, and the spread of its own past errors.
public struct FittedDemand: Sendable {
    /// The first day to forecast.
    public let end: CalendarDay
    public let effects: CalendarEffects
    public let factors: DemandFactors
    let smoother: LevelSmoother
    let state: LevelSmoother.State
    let busySpread: ErrorSpread
    let quietSpread: ErrorSpread

    /// The deseasonalised level at the end of the history: an average day of an ordinary week.
    public var level: Double { state.level }
    /// Change of that level per day.
    public var trendPerDay: Double { state.trend }

    /// Days `end`, `end + 1`, …; means and interval bounds are never negative.
    public func forecast(horizon: Int) -> [ForecastPoint] {
        (0..<max(0, horizon)).map { offset in
            let day = end.adding(days: offset), step = offset + 1
            let profile = effects.profile(day)
            let factor = factors.factor(profile)
            let mean = max(0, state.level(after: step, phi: smoother.phi) * factor)
            let spread = factor < ErrorSpread.quietFactor ? quietSpread : busySpread
            let (interval80, interval95) = spread.intervals(mean: mean, horizon: step)
            return ForecastPoint(day: day, mean: mean, interval80: interval80, interval95: interval95, profile: profile)
        }
    }
}
