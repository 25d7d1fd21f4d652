/// One number per calendar day with no gaps: applications at a service item, calls to the hotline, …
///
/// Gaps are not allowed because a missing day and a day with no demand mean different things to a
/// forecaster; a day the office was closed is recorded as 0.
public struct DailySeries: Sendable, Equatable {
    public var start: CalendarDay
    public var values: [Double]

    public init(start: CalendarDay, values: [Double]) {
        self.start = start
        self.values = values
    }

    public var count: Int { values.count }

    /// The day after the last value: where a forecast begins.
    public var end: CalendarDay { start.adding(days: values.count) }

    public func day(at index: Int) -> CalendarDay { start.adding(days: index) }

    /// The first `count` days: the history a backtest origin is allowed to see.
    public func prefix(_ count: Int) -> DailySeries {
        DailySeries(start: start, values: Array(values.prefix(count)))
    }
}
