import Foundation

/// The official mainland-China working-day calendar: Mon–Fri, minus public holidays, plus make-up working days (调休).
///
/// Holiday arrangements are published year by year, so a year without data is an error rather than a guess,
/// unless `weekendFallback` explicitly accepts plain Mon–Fri for such years.
public struct WorkdayCalendar: Sendable {
    public private(set) var weekendFallback: Bool
    private let holidays: [CalendarDay: String]
    private let workdays: [CalendarDay: String]
    /// Sorted, disjoint, non-adjacent; more than one range only after merging a non-adjacent year.
    private let coverage: [ClosedRange<Int>]
    private let table: DayTable

    /// Entries outside `knownYears` are ignored. A day listed both ways counts as a holiday:
    /// the longer deadline is the one that cannot wrong an applicant.
    public init(holidays: [CalendarDay: String], workdays: [CalendarDay: String],
                knownYears: ClosedRange<Int>, weekendFallback: Bool) {
        self.init(holidays: holidays, workdays: workdays, coverage: [knownYears], weekendFallback: weekendFallback)
    }

    private init(holidays: [CalendarDay: String], workdays: [CalendarDay: String],
                 coverage: [ClosedRange<Int>], weekendFallback: Bool) {
        let known = { (day: CalendarDay) in coverage.contains { $0.contains(day.year) } }
        self.holidays = holidays.filter { known($0.key) }
        self.workdays = workdays.filter { known($0.key) }
        self.coverage = coverage
        self.weekendFallback = weekendFallback
        self.table = DayTable(holidays: self.holidays.keys, workdays: self.workdays.keys, coverage: coverage)
    }

    /// The span of years with published data. A year inside it that was skipped by a non-adjacent
    /// `merging` still counts as unknown.
    public var knownYears: ClosedRange<Int> { coverage[0].lowerBound...coverage[coverage.count - 1].upperBound }

    /// Replaces every year in `years` wholesale, so a corrected notice can also remove a day;
    /// entries dated outside `years` are ignored.
    public func merging(holidays: [CalendarDay: String], workdays: [CalendarDay: String],
                        years: ClosedRange<Int>) -> WorkdayCalendar {
        let keep = { (day: CalendarDay, _: String) in !years.contains(day.year) }
        let take = { (day: CalendarDay, _: String) in years.contains(day.year) }
        return WorkdayCalendar(
            holidays: self.holidays.filter(keep).merging(holidays.filter(take)) { $1 },
            workdays: self.workdays.filter(keep).merging(workdays.filter(take)) { $1 },
            coverage: Self.union(coverage, years),
            weekendFallback: weekendFallback)
    }

    /// Convenience for `official().merging(load(jsonData: config…))`; keeps this calendar's `weekendFallback`.
    public func merging(_ other: WorkdayCalendar) -> WorkdayCalendar {
        other.coverage.reduce(self) { $0.merging(holidays: other.holidays, workdays: other.workdays, years: $1) }
    }

    public func isWorkday(_ day: CalendarDay) throws(WorkdayError) -> Bool {
        try isWorkday(dayNumber: day.dayNumber)
    }

    /// Also names weekend days inside a holiday period when the data lists them (the bundled data does).
    public func holidayName(_ day: CalendarDay) -> String? { holidays[day] }

    func isWorkday(dayNumber: Int) throws(WorkdayError) -> Bool {
        if let working = table[dayNumber] { return working }
        if weekendFallback { return CalendarDay.weekday(dayNumber: dayNumber) <= 5 }
        throw .outsideKnownYears(year: CalendarDay(dayNumber: dayNumber).year, known: knownYears)
    }

    func with(weekendFallback: Bool) -> WorkdayCalendar {
        var copy = self
        copy.weekendFallback = weekendFallback
        return copy
    }

    private static func union(_ ranges: [ClosedRange<Int>], _ extra: ClosedRange<Int>) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for r in (ranges + [extra]).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, r.lowerBound <= last.upperBound + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                result.append(r)
            }
        }
        return result
    }
}

/// Every day of the known span resolved up front, so the hot loops do one array read per day.
private struct DayTable: Sendable {
    private static let unknown: UInt8 = 0, rest: UInt8 = 1, work: UInt8 = 2
    private let firstDay: Int
    private let states: [UInt8]

    init(holidays: some Collection<CalendarDay>, workdays: some Collection<CalendarDay>, coverage: [ClosedRange<Int>]) {
        let start = { (year: Int) in CalendarDay(year: year, month: 1, day: 1).dayNumber }
        firstDay = start(coverage[0].lowerBound)
        var states = [UInt8](repeating: Self.unknown, count: start(coverage[coverage.count - 1].upperBound + 1) - firstDay)
        for years in coverage {
            for n in start(years.lowerBound)..<start(years.upperBound + 1) {
                states[n - firstDay] = CalendarDay.weekday(dayNumber: n) <= 5 ? Self.work : Self.rest
            }
        }
        for day in workdays { states[day.dayNumber - firstDay] = Self.work }
        for day in holidays { states[day.dayNumber - firstDay] = Self.rest }
        self.states = states
    }

    /// nil when the day's year has no published data.
    subscript(dayNumber: Int) -> Bool? {
        let i = dayNumber - firstDay
        guard i >= 0, i < states.count, states[i] != Self.unknown else { return nil }
        return states[i] == Self.work
    }
}
