import Foundation
import Testing
import TongbanCore

@Suite("CalendarDay")
struct CalendarDayTests {
    @Test("parses and prints ISO dates", arguments: ["2025-01-26", "2004-02-29", "2026-12-31", "0999-01-01"])
    func isoRoundTrip(iso: String) throws {
        #expect(try #require(CalendarDay(iso)).description == iso)
    }

    @Test("rejects malformed or impossible ISO dates",
          arguments: ["2025-1-26", "2025/01/26", "2025-02-29", "2025-13-01", "2025-00-10", "2025-01-32", "", "２０２５-01-01", "2025-01-26T00:00"])
    func isoRejects(iso: String) {
        #expect(CalendarDay(iso) == nil)
    }

    @Test("weekday is 1 = Monday ... 7 = Sunday",
          arguments: [("2025-01-26", 7), ("2025-01-27", 1), ("2025-02-08", 6), ("1970-01-01", 4), ("2000-02-29", 2)])
    func weekday(iso: String, expected: Int) throws {
        #expect(try #require(CalendarDay(iso)).weekday == expected)
    }

    @Test("adding days crosses months, leap days and years")
    func addingDays() {
        let day = CalendarDay(year: 2024, month: 2, day: 28)
        #expect(day.adding(days: 1) == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(day.adding(days: 2) == CalendarDay(year: 2024, month: 3, day: 1))
        #expect(day.adding(days: 366) == CalendarDay(year: 2025, month: 2, day: 28))
        #expect(day.adding(days: -59) == CalendarDay(year: 2023, month: 12, day: 31))
    }

    @Test("orders chronologically")
    func ordering() {
        #expect(CalendarDay(year: 2024, month: 12, day: 31) < CalendarDay(year: 2025, month: 1, day: 1))
        #expect(CalendarDay(year: 2025, month: 1, day: 31) < CalendarDay(year: 2025, month: 2, day: 1))
        #expect(!(CalendarDay(year: 2025, month: 2, day: 1) < CalendarDay(year: 2025, month: 2, day: 1)))
    }

    @Test("day arithmetic agrees with Foundation's Gregorian calendar for every day 1990–2040")
    func dayArithmeticMatchesFoundation() {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        var day = CalendarDay(year: 1990, month: 1, day: 1)
        var utcNoon = Date(timeIntervalSince1970: 631_195_200)  // 1990-01-01T12:00:00Z, 20:00 in Shanghai
        var mismatches = 0
        while day.year <= 2040 {
            let c = gregorian.dateComponents([.year, .month, .day, .weekday], from: utcNoon)
            if (day.year, day.month, day.day) != (c.year!, c.month!, c.day!) || CalendarDay(utcNoon) != day
                || day.weekday != (c.weekday! + 5) % 7 + 1 {
                mismatches += 1
            }
            day = day.adding(days: 1)
            utcNoon.addTimeInterval(86_400)
        }
        #expect(mismatches == 0)
    }

    @Test("an instant belongs to its Shanghai (UTC+8) calendar day")
    func instantToDay() {
        let lateUTC = Date(timeIntervalSince1970: 1_738_771_200 - 1)  // 2025-02-05T15:59:59Z = 23:59:59 in Shanghai
        #expect(CalendarDay(lateUTC) == CalendarDay(year: 2025, month: 2, day: 5))
        #expect(CalendarDay(lateUTC.addingTimeInterval(1)) == CalendarDay(year: 2025, month: 2, day: 6))
        #expect(CalendarDay(Date(timeIntervalSince1970: -1)) == CalendarDay(year: 1970, month: 1, day: 1))
    }

    @Test("startInstant is Shanghai midnight as UTC")
    func startInstant() {
        let start = CalendarDay(year: 2025, month: 2, day: 6).startInstant
        #expect(start == ISO8601DateFormatter().date(from: "2025-02-05T16:00:00Z"))
        #expect(CalendarDay(start) == CalendarDay(year: 2025, month: 2, day: 6))
    }

    @Test("fixed UTC+8 agrees with the Asia/Shanghai time zone since 1992",
          .enabled(if: TimeZone(identifier: "Asia/Shanghai") != nil))
    func matchesTimeZoneDatabase() {
        var shanghai = Calendar(identifier: .gregorian)
        shanghai.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        var instant = Date(timeIntervalSince1970: 694_224_000)  // 1992-01-01
        var mismatches = 0
        while instant.timeIntervalSince1970 < 2_000_000_000 {
            let c = shanghai.dateComponents([.year, .month, .day], from: instant)
            let day = CalendarDay(instant)
            if (day.year, day.month, day.day) != (c.year!, c.month!, c.day!) { mismatches += 1 }
            instant.addTimeInterval(86_400 * 7 + 3_607)  // drifts through every hour of the day
        }
        #expect(mismatches == 0)
    }
}
