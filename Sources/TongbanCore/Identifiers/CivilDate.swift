import Foundation

/// A proleptic-Gregorian calendar date without time or zone.
///
/// Birth dates are checked by hand rather than with `Calendar`, whose `date(from:)` is
/// lenient (it turns 1990-02-30 into 2 March) and needs a time zone a birth date lacks.
struct CivilDate: Comparable, Sendable {
    let year: Int
    let month: Int
    let day: Int

    var isReal: Bool {
        (1...12).contains(month) && (1...Self.daysIn(month: month, year: year)).contains(day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Today on the mainland's clock: a baby born just after midnight Beijing time must be
    /// accepted even while it is still yesterday in UTC. China has had no DST since 1991,
    /// so a fixed +8 offset is exact.
    static func todayInChina(now: Date = Date()) -> CivilDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        return fromDaysSinceEpoch(Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Howard Hinnant's `civil_from_days`.
    static func fromDaysSinceEpoch(_ days: Int) -> CivilDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return CivilDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}
