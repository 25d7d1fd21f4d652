import Foundation
import Testing
import TongbanCore

@Suite("Counting working days")
struct WorkdayCountingTests {
    let calendar = WorkdayCalendar.official()

    static func instant(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test("adding working days skips weekends and holidays but not make-up days",
          arguments: [
              ("2025-03-03", 1, "2025-03-04"),  // Monday + 1 = Tuesday: the start day is not counted
              ("2025-03-07", 1, "2025-03-10"),  // Friday + 1 = Monday
              ("2025-01-24", 1, "2025-01-26"),  // Sunday 1/26 is worked
              ("2025-01-24", 2, "2025-01-27"),
              ("2025-01-24", 3, "2025-02-05"),  // 1/28–2/4 off
              ("2025-01-24", 5, "2025-02-07"),
              ("2025-01-24", 6, "2025-02-08"),  // Saturday 2/8 is worked
              ("2024-02-09", 1, "2024-02-18"),  // 2/10–17 off, Sunday 2/18 worked
              ("2025-09-30", 1, "2025-10-09"),
              ("2025-12-31", 1, "2026-01-04"),  // across the year: 1/1–3 off, Sunday 1/4 worked
              ("2025-03-03", 20, "2025-03-31"),
          ])
    func addingWorkdays(start: String, n: Int, expected: String) throws {
        #expect(try calendar.addingWorkdays(n, to: #require(CalendarDay(start))).description == expected)
    }

    @Test("zero or negative working days return the start day, even a holiday", arguments: [0, -1, -30])
    func zeroOrNegative(n: Int) throws {
        let holiday = CalendarDay(year: 2025, month: 10, day: 3)
        #expect(try calendar.addingWorkdays(n, to: holiday) == holiday)
    }

    @Test("a deadline is the end of its Shanghai day, as UTC")
    func deadlineInstant() throws {
        // Friday 2025-01-24 09:00 in Shanghai + 3 working days ends with Wednesday 2025-02-05.
        let deadline = try calendar.deadline(addingWorkdays: 3, to: Self.instant("2025-01-24T01:00:00Z"))
        #expect(deadline == Self.instant("2025-02-05T16:00:00Z"))
    }

    @Test("the deadline follows the Shanghai day of the start, not the UTC day")
    func deadlineShanghaiDay() throws {
        // 2025-01-24T17:00Z is already Saturday 01:00 in Shanghai; Sunday 1/26 is the first working day after it.
        let deadline = try calendar.deadline(addingWorkdays: 1, to: Self.instant("2025-01-24T17:00:00Z"))
        #expect(deadline == Self.instant("2025-01-26T16:00:00Z"))
    }

    @Test("counts working days between instants across National Day",
          arguments: [
              ("2025-09-30T02:00:00Z", "2025-10-10T02:00:00Z", 2),  // 10/1–8 off, 10/9–10 worked
              ("2025-09-26T02:00:00Z", "2025-10-11T02:00:00Z", 6),  // + Sun 9/28, Mon 9/29, Tue 9/30, Sat 10/11
              ("2025-09-30T15:59:59Z", "2025-09-30T16:00:00Z", 0),  // 23:59:59 → 00:00 on 10/1, a holiday
              ("2025-10-08T15:59:59Z", "2025-10-08T16:00:00Z", 1),  // midnight into Thursday 10/9
              ("2025-10-10T02:00:00Z", "2025-09-30T02:00:00Z", 0),  // reversed
              ("2025-10-10T02:00:00Z", "2025-10-10T09:00:00Z", 0),  // same day
          ])
    func countBetweenInstants(from: String, to: String, expected: Int) throws {
        #expect(try calendar.workdays(from: Self.instant(from), to: Self.instant(to)) == expected)
    }

    @Test("counting and adding agree")
    func countInvertsAdd() throws {
        var day = CalendarDay(year: 2024, month: 12, day: 20)
        for n in [1, 3, 7, 20, 60] {
            let end = try calendar.addingWorkdays(n, to: day)
            #expect(try calendar.workdays(from: day, to: end) == n)
            day = day.adding(days: 11)
        }
    }

    @Test("adding 20 working days takes microseconds")
    func speed() throws {
        let start = CalendarDay(year: 2025, month: 1, day: 10)
        let clock = ContinuousClock()
        var last = start
        let elapsed = try clock.measure {
            for i in 0..<10_000 { last = try calendar.addingWorkdays(20, to: start.adding(days: i % 300)) }
        }
        #expect(last > start)
        // Generous for debug builds on a busy CI machine; about 1 µs per call in practice.
        #expect(elapsed < .seconds(1))
    }
}
