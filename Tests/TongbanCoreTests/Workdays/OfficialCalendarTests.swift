import Foundation
import Testing
import TongbanCore

@Suite("Official calendar data")
struct OfficialCalendarTests {
    let calendar = WorkdayCalendar.official()

    static func days(_ first: String, through last: String) -> [String] {
        let end = CalendarDay(last)!
        return sequence(first: CalendarDay(first)!) { $0 < end ? $0.adding(days: 1) : nil }.map(\.description)
    }

    @Test("covers 2004 through 2026")
    func knownYears() {
        #expect(calendar.knownYears == 2004...2026)
    }

    @Test("make-up weekend days are working days",
          arguments: ["2024-02-04", "2024-02-18", "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
                      "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
    func makeUpDays(iso: String) throws {
        let day = try #require(CalendarDay(iso))
        #expect(day.weekday >= 6)
        #expect(try calendar.isWorkday(day))
    }

    @Test("holiday periods are not working days",
          arguments: days("2024-02-10", through: "2024-02-17") + days("2025-01-28", through: "2025-02-04")
            + days("2025-10-01", through: "2025-10-08") + days("2026-01-01", through: "2026-01-03")
            + days("2026-02-15", through: "2026-02-23") + days("2026-04-04", through: "2026-04-06")
            + days("2026-05-01", through: "2026-05-05") + days("2026-06-19", through: "2026-06-21")
            + days("2026-09-25", through: "2026-09-27") + days("2026-10-01", through: "2026-10-07"))
    func holidays(iso: String) throws {
        #expect(try !calendar.isWorkday(#require(CalendarDay(iso))))
    }

    @Test("ordinary days follow Mon–Fri",
          arguments: [("2025-01-27", true), ("2025-02-05", true), ("2025-10-09", true), ("2024-02-09", true),
                      ("2025-01-25", false), ("2025-10-12", false), ("2026-02-24", true), ("2026-10-08", true)])
    func ordinaryDays(iso: String, working: Bool) throws {
        #expect(try calendar.isWorkday(#require(CalendarDay(iso))) == working)
    }

    @Test("names holidays, including weekend days inside a period")
    func holidayNames() {
        #expect(calendar.holidayName(CalendarDay(year: 2025, month: 1, day: 29)) == "春节")
        #expect(calendar.holidayName(CalendarDay(year: 2025, month: 2, day: 1)) == "春节")
        #expect(calendar.holidayName(CalendarDay(year: 2026, month: 10, day: 1)) == "国庆节")
        #expect(calendar.holidayName(CalendarDay(year: 2025, month: 1, day: 26)) == nil)
        #expect(calendar.holidayName(CalendarDay(year: 2025, month: 3, day: 3)) == nil)
    }

    /// Guards the bundled file against accidental edits; counts computed with chinesecalendar.is_workday.
    @Test("working days per year match the published arrangements",
          arguments: zip(2004...2026, [252, 250, 251, 249, 251, 250, 250, 250, 249, 250, 250, 249,
                                       250, 249, 250, 250, 249, 250, 249, 249, 251, 248, 248]))
    func yearTotals(year: Int, expected: Int) throws {
        // The start day is excluded, so starting on 31 December counts exactly the given year.
        let count = try calendar.workdays(from: CalendarDay(year: year - 1, month: 12, day: 31),
                                          to: CalendarDay(year: year, month: 12, day: 31))
        #expect(count == expected)
    }
}
