import Foundation

/// Time the applicant spent gathering supplementary material (补正), which does not count against the limit.
public struct Pause: Codable, Sendable, Equatable {
    public var start: Date
    /// nil while the material is still owed.
    public var end: Date?

    public init(start: Date, end: Date? = nil) {
        self.start = start
        self.end = end
    }
}

public enum DeadlineStatus: String, Codable, Sendable, CaseIterable {
    case onTrack, atRisk, overdue, paused, finished

    public var title: String {
        switch self {
        case .onTrack: "正常"
        case .atRisk: "预警"
        case .overdue: "超期"
        case .paused: "暂停计时"
        case .finished: "已完成"
        }
    }
}

/// The promised time limit (承诺时限) in working days, counted from acceptance on the official calendar.
///
/// Everything is read as of `now`, so a stored record can be replayed: a pause that starts later is ignored,
/// one that ends later is still open, and once `now` reaches `finishedAt` the clock stands still there.
public struct DeadlineClock: Sendable {
    public static let atRiskThreshold = 0.8

    public let start: Date
    /// Negative limits are read as 0, as `WorkdayCalendar.addingWorkdays` does.
    public let limitWorkdays: Int
    public let pauses: [Pause]
    public let finishedAt: Date?
    public let calendar: WorkdayCalendar
    private let startDay: Int

    public init(start: Date, limitWorkdays: Int, pauses: [Pause] = [], finishedAt: Date? = nil,
                calendar: WorkdayCalendar) {
        self.start = start
        self.limitWorkdays = max(0, limitWorkdays)
        self.pauses = pauses
        self.finishedAt = finishedAt
        self.calendar = calendar
        self.startDay = Self.dayNumber(start.timeIntervalSince1970)
    }

    /// End of the (n + p)-th working day after the start day, p being the working days paused. Pauses count in
    /// whole working days, like the limit itself: the day it starts is not counted, the day material arrives is.
    public func deadline(now: Date) throws(WorkdayError) -> Date {
        let now = clockTime(now)
        var pausedDays = 0
        for pause in pauses {
            guard let span = span(of: pause, asOf: now) else { continue }
            pausedDays += try calendar.workdays(from: span.start, to: span.end)
        }
        return try calendar.deadline(addingWorkdays: limitWorkdays + pausedDays, to: start)
    }

    /// Working seconds used (working days after the start day, minus paused working time) over n × 86 400;
    /// a 即办件 (n == 0) gets the start day itself as its budget. Pauses count to the second here, so near a
    /// pause this can disagree with `deadline` by part of a day; it only grades urgency, never decides overdue.
    public func usedFraction(now: Date) throws(WorkdayError) -> Double {
        let now = clockTime(now).timeIntervalSince1970
        let used = try countedSeconds(from: Self.dayStart(startDay), to: now) - pausedSeconds(asOf: now)
        return max(0, used) / budget
    }

    /// Pausing takes precedence over overdue: while the applicant owes material, the department is not late.
    public func status(now: Date) throws(WorkdayError) -> DeadlineStatus {
        if let finishedAt, finishedAt <= now { return .finished }
        if pauses.contains(where: { $0.start <= now && ($0.end.map { $0 > now } ?? true) }) { return .paused }
        if try now >= deadline(now: now) { return .overdue }
        return try usedFraction(now: now) >= Self.atRiskThreshold ? .atRisk : .onTrack
    }

    /// When `usedFraction` reaches the threshold if nothing else pauses the clock (an open pause ends at `now`);
    /// at or before `now` if the clock is already at risk.
    public func atRiskFrom(now: Date) throws(WorkdayError) -> Date {
        let now = clockTime(now).timeIntervalSince1970
        var remaining = Self.atRiskThreshold * budget + (try pausedSeconds(asOf: now))
        var day = startDay
        while true {
            if try isCounted(day) {
                if remaining <= 86_400 { return Date(timeIntervalSince1970: Self.dayStart(day) + remaining) }
                remaining -= 86_400
            }
            day += 1
        }
    }
}

extension DeadlineClock {
    private var budget: Double { Double(max(limitWorkdays, 1)) * 86_400 }

    private func clockTime(_ now: Date) -> Date {
        if let finishedAt, finishedAt < now { return finishedAt }
        return now
    }

    private func span(of pause: Pause, asOf now: Date) -> (start: Date, end: Date)? {
        let from = max(pause.start, start), to = min(pause.end ?? now, now)
        return from < to ? (from, to) : nil
    }

    private func pausedSeconds(asOf now: Double) throws(WorkdayError) -> Double {
        var total = 0.0
        for pause in pauses {
            guard let span = span(of: pause, asOf: Date(timeIntervalSince1970: now)) else { continue }
            total += try countedSeconds(from: span.start.timeIntervalSince1970, to: span.end.timeIntervalSince1970)
        }
        return total
    }

    /// The start day counts only as the 即办件 budget; otherwise the limit runs from its end (期间开始的当日不计入).
    private func isCounted(_ day: Int) throws(WorkdayError) -> Bool {
        if day == startDay { return limitWorkdays == 0 }
        guard day > startDay else { return false }
        return try calendar.isWorkday(dayNumber: day)
    }

    /// Day-number arithmetic instead of Foundation's Calendar: this runs for every row of a queue page.
    private func countedSeconds(from: Double, to: Double) throws(WorkdayError) -> Double {
        guard from < to else { return 0 }
        var total = 0.0
        for day in Self.dayNumber(from)...Self.dayNumber(to) {
            let lower = max(from, Self.dayStart(day)), upper = min(to, Self.dayStart(day + 1))
            guard upper > lower else { continue }
            if try isCounted(day) { total += upper - lower }
        }
        return total
    }

    private static func dayNumber(_ secondsSince1970: Double) -> Int {
        Int(((secondsSince1970 + Double(CalendarDay.shanghaiOffset)) / 86_400).rounded(.down))
    }

    private static func dayStart(_ day: Int) -> Double {
        Double(day * 86_400 - CalendarDay.shanghaiOffset)
    }
}
