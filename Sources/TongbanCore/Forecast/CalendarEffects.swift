/// Reads `DayProfile`s off the working-day calendar.
///
/// A "long break" is a run of three or more consecutive rest days that contains a public holiday;
/// an ordinary weekend is two days, so only holiday arrangements produce one. Years without published
/// data are read as plain Monday–Friday weeks, so a forecast past the last notice still works.
public struct CalendarEffects: Sendable {
    public static let longBreak = 3
    /// How many working days after a long break count as rebound days.
    public static let reboundDays = 2

    public let calendar: WorkdayCalendar

    public init(calendar: WorkdayCalendar) {
        self.calendar = calendar
    }

    public func profile(_ day: CalendarDay) -> DayProfile {
        DayProfile(kind: kind(day), reboundDay: reboundDay(day), isEve: isEve(day))
    }

    public func profiles(from start: CalendarDay, count: Int) -> [DayProfile] {
        (0..<max(0, count)).map { profile(start.adding(days: $0)) }
    }

    public func kind(_ day: CalendarDay) -> DayKind {
        let weekend = day.weekday >= 6
        if isWorking(day) { return weekend ? .makeUpWorkday : .workday(weekday: day.weekday) }
        if calendar.holidayName(day) != nil { return .holiday }
        return weekend ? .weekend(weekday: day.weekday) : .holiday
    }

    func isWorking(_ day: CalendarDay) -> Bool {
        (try? calendar.isWorkday(day)) ?? (day.weekday <= 5)
    }

    private func reboundDay(_ day: CalendarDay) -> Int {
        guard isWorking(day) else { return 0 }
        var cursor = day.adding(days: -1)
        var workingBefore = 0
        while isWorking(cursor) {
            workingBefore += 1
            guard workingBefore < Self.reboundDays else { return 0 }
            cursor = cursor.adding(days: -1)
        }
        return isLongBreak(endingAt: cursor, step: -1) ? workingBefore + 1 : 0
    }

    private func isEve(_ day: CalendarDay) -> Bool {
        isWorking(day) && !isWorking(day.adding(days: 1)) && isLongBreak(endingAt: day.adding(days: 1), step: 1)
    }

    /// Walks the rest days from `day` in direction `step` and says whether they make a long break.
    private func isLongBreak(endingAt day: CalendarDay, step: Int) -> Bool {
        var cursor = day, length = 0, holiday = false
        while !isWorking(cursor), length < 60 {
            holiday = holiday || calendar.holidayName(cursor) != nil
            length += 1
            cursor = cursor.adding(days: step)
        }
        return length >= Self.longBreak && holiday
    }
}
