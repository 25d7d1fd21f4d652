import Foundation

/// A civil date as registries report it (登记日期, 出生日期), with no time of day.
///
/// Deliberately separate from `CalendarDay` in Workdays: rule data is stored with service items
/// and must keep decoding even if the working-day calendar changes shape.
public struct CalendarDate: Codable, Sendable, Comparable, Hashable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// Dates built in code are programmer input, so an impossible one is a bug worth stopping on;
    /// data from outside goes through the failable ISO initializer instead.
    public init(year: Int, month: Int, day: Int) {
        precondition(Self.isValid(year: year, month: month, day: day), "invalid date \(year)-\(month)-\(day)")
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict `yyyy-MM-dd`: rules are hand-edited JSON, where anything looser is more likely a typo.
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
              Self.isValid(year: y, month: m, day: d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date in China at `instant`. China has kept a fixed UTC+8 since 1991, so no tzdata is
    /// needed (slim Linux images often lack it).
    public init(_ instant: Date) {
        let days = ((instant.timeIntervalSince1970 + 8 * 3600) / 86_400).rounded(.down)
        self.init(dayNumber: Int(days))
    }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// How applicants read dates: 2025年1月31日.
    public var chineseText: String { "\(year)年\(month)月\(day)日" }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "日期“\(text)”无效，应为 YYYY-MM-DD 格式")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (0...9999).contains(year) && (1...12).contains(month) && (1...daysIn(month: month, year: year)).contains(day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
