import Foundation

/// Time limits counted in working days (以工作日计算的期限).
extension WorkdayCalendar {
    /// The day on which a time limit of n working days expires when the clock starts on `day`. The start day itself
    /// is not counted (legal practice: 期间开始的当日不计入), so adding 1 working day to a Monday gives Tuesday;
    /// n == 0 returns the start day. A negative n is treated as 0: a limit cannot run backwards, and a deadline
    /// at the end of the start day is visible to staff rather than a crash.
    public func addingWorkdays(_ n: Int, to day: CalendarDay) throws(WorkdayError) -> CalendarDay {
        var dayNumber = day.dayNumber
        var remaining = n
        while remaining > 0 {
            dayNumber += 1
            if try isWorkday(dayNumber: dayNumber) { remaining -= 1 }
        }
        return CalendarDay(dayNumber: dayNumber)
    }

    /// Deadline instant: the end of the day addingWorkdays returns (start of the following day, Asia/Shanghai, as UTC Date).
    public func deadline(addingWorkdays n: Int, to start: Date) throws(WorkdayError) -> Date {
        try addingWorkdays(n, to: CalendarDay(start)).adding(days: 1).startInstant
    }

    /// Number of whole working days strictly after `from`'s day up to and including `to`'s day (0 if to <= from).
    public func workdays(from: Date, to: Date) throws(WorkdayError) -> Int {
        try workdays(from: CalendarDay(from), to: CalendarDay(to))
    }

    public func workdays(from: CalendarDay, to: CalendarDay) throws(WorkdayError) -> Int {
        var count = 0
        let last = to.dayNumber
        var dayNumber = from.dayNumber + 1
        while dayNumber <= last {
            if try isWorkday(dayNumber: dayNumber) { count += 1 }
            dayNumber += 1
        }
        return count
    }
}
