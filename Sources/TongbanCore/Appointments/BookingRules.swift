import Foundation

/// When appointment slots open and close, for hospitals (号源) and service-centre counters alike.
public struct BookingRules: Sendable, Equatable {
    /// Slots for a day are released this many days ahead (7: Monday's slots open the Monday before) …
    public var releaseDaysAhead: Int
    /// … at this hour, Beijing time (07:00).
    public var releaseHour: Int
    /// A booking may be cancelled until this hour of the day before (18:00), so the slot can still go to someone else.
    public var cancelHourDayBefore: Int

    public init(releaseDaysAhead: Int = 7, releaseHour: Int = 7, cancelHourDayBefore: Int = 18) {
        self.releaseDaysAhead = releaseDaysAhead
        self.releaseHour = releaseHour
        self.cancelHourDayBefore = cancelHourDayBefore
    }

    public func releaseAt(_ day: CalendarDay) -> Date {
        day.adding(days: -releaseDaysAhead).startInstant.addingTimeInterval(Double(releaseHour * 3600))
    }

    public func cancelDeadline(_ day: CalendarDay) -> Date {
        day.adding(days: -1).startInstant.addingTimeInterval(Double(cancelHourDayBefore * 3600))
    }

    /// The days whose slots are open for booking at `now`: from today to the last day already released.
    public func bookableDays(at now: Date) -> ClosedRange<CalendarDay> {
        let today = CalendarDay(now)
        var last = today.adding(days: releaseDaysAhead)
        if now < releaseAt(last) { last = last.adding(days: -1) }
        return today...last
    }
}

/// 爽约: three missed appointments within 90 days suspend online booking for 30 days from the third. Kept apart
/// per service (hospital, counter), as a missed clinic says nothing about a missed counter visit.
public enum NoShowRule {
    public static let count = 3
    public static let window: TimeInterval = 90 * 86_400
    public static let suspension: TimeInterval = 30 * 86_400

    /// Until when booking is suspended at `now`, or nil.
    public static func suspendedUntil(noShows: [Date], now: Date) -> Date? {
        let sorted = noShows.filter { $0 <= now }.sorted()
        var until: Date?
        for index in sorted.indices.dropFirst(count - 1) where sorted[index].timeIntervalSince(sorted[index - (count - 1)]) <= window {
            let end = sorted[index].addingTimeInterval(suspension)
            if end > now { until = max(until ?? end, end) }
        }
        return until
    }
}
