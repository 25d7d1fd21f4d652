import Foundation

/// A clinic session (门诊): morning or afternoon of one day, Beijing time.
public enum HalfDay: String, Codable, Sendable, CaseIterable {
    case morning = "am", afternoon = "pm"

    public var title: String { self == .morning ? "上午" : "下午" }

    /// Minutes after midnight the session opens and closes.
    var opens: Int { self == .morning ? 8 * 60 : 14 * 60 }
    var closes: Int { self == .morning ? 12 * 60 : 17 * 60 + 30 }

    public func start(on day: CalendarDay) -> Date { day.startInstant.addingTimeInterval(Double(opens * 60)) }
    public func end(on day: CalendarDay) -> Date { day.startInstant.addingTimeInterval(Double(closes * 60)) }

    /// "08:00–12:00"
    public var hours: String {
        func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
        return "\(clock(opens))–\(clock(closes))"
    }
}
