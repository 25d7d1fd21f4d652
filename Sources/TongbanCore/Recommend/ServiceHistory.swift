/// One application in someone's history: which service, on which day.
public struct ServiceEvent: Hashable, Sendable {
    /// The catalogue code of the service (事项编码).
    public var code: String
    /// Days since 1970-01-01 (`CalendarDay.dayNumber`), so windows are plain subtraction.
    public var day: Int

    public init(code: String, day: Int) {
        self.code = code
        self.day = day
    }
}

/// Everything one applicant (a person or a company) applied for, oldest first.
public struct ServiceHistory: Sendable {
    public var applicant: String
    /// Where they apply; only the popularity fallback uses it ("本区县热门").
    public var district: String?
    /// Oldest first; events on the same day keep the order they were given in.
    public private(set) var events: [ServiceEvent]

    public init(applicant: String, district: String? = nil, events: [ServiceEvent]) {
        self.applicant = applicant
        self.district = district
        self.events = Self.chronological(events)
    }

    /// The history as it stood before its last application: what leave-last-out trains on.
    public var droppingLast: ServiceHistory {
        var copy = self
        copy.events.removeLast(min(1, copy.events.count))
        return copy
    }

    /// Histories usually arrive sorted (from an ORDER BY), so check before paying for a sort,
    /// and sort by (day, position) because same-day order is still information (出生登记 before 户口登记).
    static func chronological(_ events: [ServiceEvent]) -> [ServiceEvent] {
        if zip(events, events.dropFirst()).allSatisfy({ $0.day <= $1.day }) { return events }
        return events.enumerated()
            .sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
            .map(\.element)
    }
}
