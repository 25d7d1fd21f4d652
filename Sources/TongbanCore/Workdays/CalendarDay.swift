import Foundation

/// A civil date in China (Asia/Shanghai).
///
/// China has kept a fixed UTC+8 without daylight saving since 1991, so the offset is a constant
/// rather than a tzdata lookup: slim Linux images often ship without tzdata, and every date this
/// type is used for lies long after 1991.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    static let shanghaiOffset = 8 * 3600

    public init(year: Int, month: Int, day: Int) {
        precondition((1...12).contains(month) && (1...Self.daysIn(month: month, year: year)).contains(day),
                     "invalid date \(year)-\(month)-\(day)")
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict `yyyy-MM-dd`: configuration files are hand-edited, so anything looser is more likely a typo than intent.
    public init?(_ iso: String) {
        let b = Array(iso.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for c in b[r] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else { return nil }
                v = v * 10 + Int(c - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              (1...12).contains(m), (1...Self.daysIn(month: m, year: y)).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init(_ instant: Date) {
        let seconds = (instant.timeIntervalSince1970 + Double(Self.shanghaiOffset)) / 86_400
        self.init(dayNumber: Int(seconds.rounded(.down)))
    }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// 1 = Monday ... 7 = Sunday (ISO 8601), unlike Foundation's Sunday-first numbering.
    public var weekday: Int { Self.weekday(dayNumber: dayNumber) }

    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    public var startInstant: Date {
        Date(timeIntervalSince1970: Double(dayNumber * 86_400 - Self.shanghaiOffset))
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
