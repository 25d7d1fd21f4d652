/// Calendar-month arithmetic for ages and anniversaries.
///
/// A day that does not exist in the target month (29 February, the 31st) rolls to the first day of
/// the next month: someone born on 29 February turns a year older on 1 March in a common year, which
/// is also when `fullYears` counts them as older, so the two always agree.
extension CalendarDay {
    func adding(months: Int) -> CalendarDay {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        if day <= Self.daysIn(month: m, year: y) { return CalendarDay(year: y, month: m, day: day) }
        return CalendarDay(year: y, month: m, day: Self.daysIn(month: m, year: y)).adding(days: 1)
    }

    /// Completed years (周岁) from `self` to `day`.
    func fullYears(until day: CalendarDay) -> Int {
        let years = day.year - year
        return (day.month, day.day) < (month, self.day) ? years - 1 : years
    }
}
