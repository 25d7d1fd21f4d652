import Foundation
import Testing
import TongbanCore

@Suite("Deadline clock")
struct DeadlineClockTests {
    static let calendar = WorkdayCalendar.official()

    /// Shanghai wall-clock time, e.g. "2025-03-03 10:00".
    static func at(_ local: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: local.replacingOccurrences(of: " ", with: "T") + ":00+08:00")!
    }

    static func clock(_ start: String, _ n: Int, pauses: [(String, String?)] = [], finished: String? = nil) -> DeadlineClock {
        DeadlineClock(start: at(start), limitWorkdays: n,
                      pauses: pauses.map { Pause(start: at($0.0), end: $0.1.map(at)) },
                      finishedAt: finished.map(at), calendar: calendar)
    }

    // Monday 2025-03-03 10:00, 5 working days: Tue 3/4 … Mon 3/10, so the limit ends at midnight into 3/11.
    static let plain = clock("2025-03-03 10:00", 5)

    @Test("accepted before 春节: make-up Sunday and Monday count, the holiday week does not")
    func springFestival() throws {
        // Fri 1/24 + 5: Sun 1/26, Mon 1/27, (1/28–2/4 off), Wed 2/5, Thu 2/6, Fri 2/7.
        let clock = Self.clock("2025-01-24 16:30", 5)
        #expect(try clock.deadline(now: Self.at("2025-01-24 16:30")) == Self.at("2025-02-08 00:00"))
    }

    @Test("across National Day 2025", arguments: [
        (5, "2025-10-10 00:00"),   // Fri 9/26, Sun 9/28, Mon 9/29, Tue 9/30, (10/1–8 off), Thu 10/9
        (7, "2025-10-12 00:00"),   // then Fri 10/10 and make-up Sat 10/11
        (10, "2025-10-16 00:00"),  // Mon 10/13 … Wed 10/15
    ])
    func nationalDay(n: Int, expected: String) throws {
        let clock = Self.clock("2025-09-25 15:00", n)
        #expect(try clock.deadline(now: Self.at("2025-09-25 15:00")) == Self.at(expected))
    }

    @Test("a supplement pause of 3 working days moves the deadline by 3 working days")
    func closedPause() throws {
        // Wed 10:00 → Mon 09:00 pauses Thu, Fri and Mon: the deadline goes from Mon 3/10 to Thu 3/13.
        let paused = Self.clock("2025-03-03 10:00", 5, pauses: [("2025-03-05 10:00", "2025-03-10 09:00")])
        let now = Self.at("2025-03-10 12:00")
        #expect(try Self.calendar.workdays(from: Self.at("2025-03-05 10:00"), to: Self.at("2025-03-10 09:00")) == 3)
        #expect(try Self.plain.deadline(now: now) == Self.at("2025-03-11 00:00"))
        #expect(try paused.deadline(now: now) == Self.at("2025-03-14 00:00"))
        #expect(try paused.status(now: now) == .onTrack)
    }

    @Test("an open pause reports paused and keeps pushing the deadline out")
    func openPause() throws {
        let clock = Self.clock("2025-03-03 10:00", 5, pauses: [("2025-03-05 10:00", nil)])
        #expect(try clock.status(now: Self.at("2025-03-06 09:00")) == .paused)
        #expect(try clock.deadline(now: Self.at("2025-03-07 12:00")) == Self.at("2025-03-13 00:00"))  // Thu, Fri paused
        // Weeks later the case is still not overdue: the applicant owes the material.
        #expect(try clock.status(now: Self.at("2025-04-30 12:00")) == .paused)
        #expect(try clock.usedFraction(now: Self.at("2025-04-30 12:00")) == 34.0 / 120)  // Tue + Wed until 10:00, in hours
    }

    @Test("a pause is read as of now: not yet started, or not yet ended")
    func pauseAsOfNow() throws {
        let clock = Self.clock("2025-03-03 10:00", 5, pauses: [("2025-03-05 10:00", "2025-03-10 09:00")])
        #expect(try clock.status(now: Self.at("2025-03-05 09:00")) == .onTrack)
        #expect(try clock.status(now: Self.at("2025-03-07 09:00")) == .paused)
        #expect(try clock.deadline(now: Self.at("2025-03-07 09:00")) == Self.at("2025-03-13 00:00"))
    }

    @Test("at risk from 80% of the working-time budget")
    func atRisk() throws {
        // 4 of 5 working days used at the end of Fri 3/7; the weekend uses nothing.
        #expect(try Self.plain.atRiskFrom(now: Self.at("2025-03-04 09:00")) == Self.at("2025-03-08 00:00"))
        #expect(try Self.plain.usedFraction(now: Self.at("2025-03-05 12:00")) == 0.3)
        #expect(try Self.plain.usedFraction(now: Self.at("2025-03-09 18:00")) == 0.8)
        #expect(try Self.plain.status(now: Self.at("2025-03-07 23:59")) == .onTrack)
        #expect(try Self.plain.status(now: Self.at("2025-03-08 00:00")) == .atRisk)
        #expect(try Self.plain.status(now: Self.at("2025-03-10 23:59")) == .atRisk)
    }

    @Test("at-risk instant accounts for paused working time")
    func atRiskAfterPause() throws {
        // Paused 14 h + 24 h + 24 h + 9 h = 71 working hours; 96 h + 71 h after 3/3 ends Wed 3/12 23:00.
        let clock = Self.clock("2025-03-03 10:00", 5, pauses: [("2025-03-05 10:00", "2025-03-10 09:00")])
        let risk = try clock.atRiskFrom(now: Self.at("2025-03-10 12:00"))
        #expect(risk == Self.at("2025-03-12 23:00"))
        #expect(try clock.status(now: risk.addingTimeInterval(-1)) == .onTrack)
        #expect(try clock.status(now: risk) == .atRisk)
    }

    @Test("once at risk, the at-risk instant is not in the future")
    func atRiskInPast() throws {
        #expect(try Self.plain.atRiskFrom(now: Self.at("2025-03-10 12:00")) <= Self.at("2025-03-10 12:00"))
    }

    @Test("overdue from the end of the deadline day")
    func overdue() throws {
        #expect(try Self.plain.status(now: Self.at("2025-03-11 00:00")) == .overdue)
        #expect(try Self.plain.status(now: Self.at("2025-04-01 09:00")) == .overdue)
        #expect(try Self.plain.usedFraction(now: Self.at("2025-03-11 12:00")) == 1.1)
    }

    @Test("即办件 (n = 0) is due by the end of the start day, which is its whole budget")
    func immediate() throws {
        let clock = Self.clock("2025-03-03 10:00", 0)
        #expect(try clock.deadline(now: Self.at("2025-03-03 10:00")) == Self.at("2025-03-04 00:00"))
        #expect(try clock.usedFraction(now: Self.at("2025-03-03 12:00")) == 0.5)
        #expect(try clock.atRiskFrom(now: Self.at("2025-03-03 10:00")) == Self.at("2025-03-03 19:12"))
        #expect(try clock.status(now: Self.at("2025-03-03 19:11")) == .onTrack)
        #expect(try clock.status(now: Self.at("2025-03-03 19:12")) == .atRisk)
        #expect(try clock.status(now: Self.at("2025-03-04 00:00")) == .overdue)
    }

    @Test("a finished clock stands still")
    func finished() throws {
        let clock = Self.clock("2025-03-03 10:00", 5, finished: "2025-03-05 12:00")
        #expect(try clock.status(now: Self.at("2025-06-01 09:00")) == .finished)
        #expect(try clock.usedFraction(now: Self.at("2025-06-01 09:00")) == 0.3)
        #expect(try clock.status(now: Self.at("2025-03-04 12:00")) == .onTrack)
    }

    @Test("a limit running past the published holiday data throws")
    func outsideKnownYears() {
        let clock = Self.clock("2026-12-28 10:00", 10)
        #expect(throws: WorkdayError.self) { try clock.deadline(now: Self.at("2026-12-28 10:00")) }
    }

    @Test("status titles are Chinese",
          arguments: [(DeadlineStatus.onTrack, "正常"), (.atRisk, "预警"), (.overdue, "超期"), (.paused, "暂停计时"),
                      (.finished, "已完成")])
    func titles(status: DeadlineStatus, title: String) {
        #expect(status.title == title)
    }

    @Test("a queue row costs microseconds, not milliseconds")
    func performance() throws {
        let clock = Self.clock("2025-09-25 10:00", 20, pauses: [("2025-09-29 10:00", "2025-10-10 09:00"),
                                                                  ("2025-10-14 10:00", nil)])
        let now = Self.at("2025-10-20 15:00")
        var overdue = 0
        let elapsed = try ContinuousClock().measure {
            for _ in 0..<2_000 {
                if try clock.status(now: now) == .overdue { overdue += 1 }
                _ = try clock.atRiskFrom(now: now)
            }
        }
        #expect(overdue == 0)
        #expect(elapsed < .seconds(1))  // generous for debug builds; about 100 µs per call would still pass
    }
}
