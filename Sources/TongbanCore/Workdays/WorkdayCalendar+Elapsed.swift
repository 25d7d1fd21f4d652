import Foundation

extension WorkdayCalendar {
    /// Working time between two instants in days of 24 hours, counting only the parts that fall on working days
    /// (Beijing dates). What "average completion 2.3 working days" means: a ticket filed on Friday evening and
    /// answered on Monday morning took a fraction of a day, not three.
    public func elapsedWorkdays(from start: Date, to end: Date) throws(WorkdayError) -> Double {
        guard end > start else { return 0 }
        var seconds = 0.0
        var day = CalendarDay(start)
        let last = CalendarDay(end)
        while day <= last {
            if try isWorkday(day) {
                let from = max(start, day.startInstant), to = min(end, day.adding(days: 1).startInstant)
                if to > from { seconds += to.timeIntervalSince(from) }
            }
            day = day.adding(days: 1)
        }
        return seconds / 86_400
    }
}
