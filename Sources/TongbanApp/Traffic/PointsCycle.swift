import TongbanCore

/// 记分周期: twelve months from the anniversary of the licence's first issue. Points scored inside it add up to at
/// most 12 before the holder must attend the 满分教育; a new cycle starts from zero.
struct PointsCycle: Sendable, Equatable {
    static let limit = 12

    var start: CalendarDay
    /// The first day of the next cycle.
    var end: CalendarDay

    init(firstIssued: CalendarDay, today: CalendarDay) {
        var year = today.year
        if Self.anniversary(firstIssued, in: year) > today { year -= 1 }
        start = Self.anniversary(firstIssued, in: year)
        end = Self.anniversary(firstIssued, in: year + 1)
    }

    /// A licence first issued on 29 February turns over on 1 March in other years.
    static func anniversary(_ day: CalendarDay, in year: Int) -> CalendarDay {
        CalendarDay(String(format: "%04d-%02d-%02d", year, day.month, day.day)) ?? CalendarDay(year: year, month: 3, day: 1)
    }
}
