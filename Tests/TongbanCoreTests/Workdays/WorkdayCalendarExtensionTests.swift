import Foundation
import Testing
import TongbanCore

@Suite("Unknown years, fallback and configured extensions")
struct WorkdayCalendarExtensionTests {
    let monday2031 = CalendarDay(year: 2031, month: 3, day: 3)

    @Test("a year without a published arrangement is an error")
    func unknownYear() {
        let expected = WorkdayError.outsideKnownYears(year: 2031, known: 2004...2026)
        #expect(throws: expected) { try WorkdayCalendar.official().isWorkday(monday2031) }
        #expect(throws: expected) { try WorkdayCalendar.official().addingWorkdays(1, to: monday2031) }
        #expect(expected.code == "workdays.outside_known_years")
        #expect(expected.message
            == "2031年的法定节假日安排尚未发布（已知 2004–2026 年），无法计算工作日；可在配置中补充该年安排或启用仅按周末计算")
    }

    @Test("a year before the data is reported as not included rather than not yet published")
    func earlyYear() {
        #expect(throws: WorkdayError.outsideKnownYears(year: 2003, known: 2004...2026)) {
            try WorkdayCalendar.official().isWorkday(CalendarDay(year: 2003, month: 6, day: 2))
        }
        #expect(WorkdayError.outsideKnownYears(year: 2003, known: 2004...2026).message.hasPrefix("2003年的法定节假日安排未收录"))
    }

    @Test("running past the last known year fails only when the clock needs that year")
    func runningPastEnd() throws {
        let lastDay = CalendarDay(year: 2026, month: 12, day: 31)
        #expect(try WorkdayCalendar.official().addingWorkdays(0, to: lastDay) == lastDay)
        #expect(throws: WorkdayError.outsideKnownYears(year: 2027, known: 2004...2026)) {
            try WorkdayCalendar.official().addingWorkdays(1, to: lastDay)
        }
    }

    @Test("weekend fallback uses plain Mon–Fri outside the known years only")
    func fallback() throws {
        let calendar = WorkdayCalendar.official(weekendFallback: true)
        #expect(calendar.weekendFallback)
        #expect(try calendar.isWorkday(monday2031))
        #expect(try !calendar.isWorkday(monday2031.adding(days: 5)))
        #expect(try calendar.addingWorkdays(1, to: CalendarDay(year: 2026, month: 12, day: 31))
            == CalendarDay(year: 2027, month: 1, day: 1))
        #expect(try !calendar.isWorkday(CalendarDay(year: 2025, month: 10, day: 1)))
        #expect(!WorkdayCalendar.official().weekendFallback)
    }

    @Test("merging adds a newly published year")
    func mergingNewYear() throws {
        let newYear = CalendarDay(year: 2027, month: 1, day: 1)
        let calendar = WorkdayCalendar.official().merging(
            holidays: [newYear: "元旦", CalendarDay(year: 2028, month: 1, day: 3): "ignored: outside the merged years"],
            workdays: [CalendarDay(year: 2027, month: 1, day: 2): "元旦调休"],
            years: 2027...2027)
        #expect(calendar.knownYears == 2004...2027)
        #expect(try !calendar.isWorkday(newYear))
        #expect(calendar.holidayName(newYear) == "元旦")
        #expect(try calendar.isWorkday(CalendarDay(year: 2027, month: 1, day: 2)))
        #expect(try calendar.isWorkday(CalendarDay(year: 2027, month: 6, day: 1)))
        #expect(try calendar.addingWorkdays(1, to: CalendarDay(year: 2026, month: 12, day: 31)) == newYear.adding(days: 1))
        #expect(throws: WorkdayError.outsideKnownYears(year: 2028, known: 2004...2027)) {
            try calendar.isWorkday(CalendarDay(year: 2028, month: 1, day: 3))
        }
        #expect(try !calendar.isWorkday(CalendarDay(year: 2025, month: 10, day: 1)))
    }

    @Test("merging a year already known replaces its arrangement")
    func mergingReplaces() throws {
        let corrected = WorkdayCalendar.official().merging(
            holidays: [CalendarDay(year: 2026, month: 1, day: 1): "元旦"], workdays: [:], years: 2026...2026)
        #expect(corrected.knownYears == 2004...2026)
        #expect(try !corrected.isWorkday(CalendarDay(year: 2026, month: 1, day: 1)))
        #expect(try corrected.isWorkday(CalendarDay(year: 2026, month: 1, day: 2)))
        #expect(try !corrected.isWorkday(CalendarDay(year: 2026, month: 1, day: 4)))
        #expect(corrected.holidayName(CalendarDay(year: 2026, month: 2, day: 17)) == nil)
        #expect(try !corrected.isWorkday(CalendarDay(year: 2025, month: 1, day: 28)))
    }

    @Test("a year skipped between merged years stays unknown")
    func mergingWithGap() {
        let calendar = WorkdayCalendar.official().merging(holidays: [:], workdays: [:], years: 2028...2028)
        #expect(calendar.knownYears == 2004...2028)
        #expect(throws: WorkdayError.outsideKnownYears(year: 2027, known: 2004...2028)) {
            try calendar.isWorkday(CalendarDay(year: 2027, month: 3, day: 1))
        }
    }

    @Test("a configuration file in the holidays.json format extends the official calendar")
    func loadConfiguration() throws {
        let json = #"{"years": {"2027": {"holidays": {"2027-02-06": "春节", "2027-02-08": "春节"}, "workdays": {"2027-02-20": "春节调休"}}}}"#
        let configured = try WorkdayCalendar.load(jsonData: Data(json.utf8), weekendFallback: false)
        #expect(configured.knownYears == 2027...2027)
        let calendar = WorkdayCalendar.official().merging(configured)
        #expect(calendar.knownYears == 2004...2027)
        #expect(try !calendar.isWorkday(CalendarDay(year: 2027, month: 2, day: 8)))
        #expect(try calendar.isWorkday(CalendarDay(year: 2027, month: 2, day: 20)))
        #expect(calendar.holidayName(CalendarDay(year: 2027, month: 2, day: 6)) == "春节")
        #expect(try calendar.isWorkday(CalendarDay(year: 2025, month: 1, day: 26)))
    }

    @Test("a calendar built in code behaves like the bundled one")
    func initializer() throws {
        let calendar = WorkdayCalendar(
            holidays: [CalendarDay(year: 2030, month: 1, day: 1): "元旦"], workdays: [:],
            knownYears: 2030...2030, weekendFallback: false)
        #expect(try calendar.addingWorkdays(1, to: CalendarDay(year: 2030, month: 1, day: 1)) == CalendarDay(year: 2030, month: 1, day: 2))
        #expect(try calendar.addingWorkdays(1, to: CalendarDay(year: 2029, month: 12, day: 31)) == CalendarDay(year: 2030, month: 1, day: 2))
        #expect(throws: WorkdayError.self) { try calendar.isWorkday(CalendarDay(year: 2029, month: 12, day: 31)) }
    }

    @Test("rejects data files that would silently shift deadlines",
          arguments: [
              #"{"years": {}}"#,
              #"not json"#,
              #"{"years": {"2027": {}, "2029": {}}}"#,
              #"{"years": {"2027": {"holidays": {"2028-01-01": "元旦"}}}}"#,
              #"{"years": {"2027": {"holidays": {"2027-02-30": "春节"}}}}"#,
              #"{"years": {"2027": {"workdays": {"2027-02-03": "春节调休"}}}}"#,
              #"{"years": {"2027": {"holidays": {"2027-02-06": "春节"}, "workdays": {"2027-02-06": "春节调休"}}}}"#,
              #"{"years": {"twenty": {}}}"#,
          ])
    func rejectsBadData(json: String) {
        #expect(throws: WorkdayDataError.self) { try WorkdayCalendar.load(jsonData: Data(json.utf8), weekendFallback: false) }
    }
}
