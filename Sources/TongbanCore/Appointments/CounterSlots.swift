import Foundation

/// 预约办事 slots at a service hall: half-hour slots in opening hours (9:00–12:00, 13:30–17:00) on working days of the
/// official calendar, bookable from tomorrow to `daysAhead` days ahead; changed or cancelled until the day before.
public enum CounterSlots {
    public static let sessions: [(opens: Int, closes: Int)] = [(9 * 60, 12 * 60), (13 * 60 + 30, 17 * 60)]
    public static let length = 30
    public static let daysAhead = 7

    /// The slot starts of one day (Beijing time), none on a day off.
    public static func starts(on day: CalendarDay, calendar: WorkdayCalendar) -> [Date] {
        guard (try? calendar.isWorkday(day)) == true else { return [] }
        return sessions.flatMap { session in
            stride(from: session.opens, to: session.closes, by: length).map { day.startInstant.addingTimeInterval(Double($0 * 60)) }
        }
    }

    /// The days one may book at `now`: tomorrow to `daysAhead` days ahead.
    public static func bookableDays(at now: Date) -> [CalendarDay] {
        let today = CalendarDay(now)
        return (1...daysAhead).map { today.adding(days: $0) }
    }

    public static func isSlot(_ start: Date, calendar: WorkdayCalendar) -> Bool {
        starts(on: CalendarDay(start), calendar: calendar).contains(start)
    }

    /// Changes and cancellations close at the end of the day before.
    public static func changeDeadline(_ start: Date) -> Date { CalendarDay(start).startInstant }
}
