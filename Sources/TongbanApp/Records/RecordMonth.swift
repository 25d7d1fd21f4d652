import Foundation
import TongbanCore

/// A calendar month, the unit in which contributions and deposits are booked ("2025-07").
struct RecordMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int

    init(year: Int, month: Int) {
        let index = year * 12 + (month - 1)
        self.year = index / 12
        self.month = index % 12 + 1
    }

    init(_ day: CalendarDay) { self.init(year: day.year, month: day.month) }

    /// Only the exact form YYYY-MM: a period typed as "2025-7" or "2025/07" is refused rather than guessed.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1900...2999).contains(year), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
    var chinese: String { "\(year)年\(month < 10 ? "0" : "")\(month)月" }

    func adding(months: Int) -> RecordMonth { RecordMonth(year: year, month: month + months) }

    func day(_ day: Int) -> CalendarDay { CalendarDay(year: year, month: month, day: day) }

    static func < (lhs: RecordMonth, rhs: RecordMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

/// The months a person asks about: both ends included, checked against what the registry holds.
struct RecordPeriod: Sendable {
    var from: RecordMonth
    var to: RecordMonth

    var chinese: String { from == to ? from.chinese : "\(from.chinese)至\(to.chinese)" }

    func contains(_ month: String) -> Bool { (from.description...to.description).contains(month) }

    /// From query text; both empty means everything held. A period that is malformed, reversed or
    /// misses every held month is a 422 that names the months there are, so the person can correct it.
    static func parse(from: String?, to: String?, held: ClosedRange<RecordMonth>?) throws -> RecordPeriod? {
        let (fromText, toText) = ((from ?? "").trimmed, (to ?? "").trimmed)
        if fromText.isEmpty, toText.isEmpty { return held.map { RecordPeriod(from: $0.lowerBound, to: $0.upperBound) } }
        var problems: [String: String] = [:]
        let start = fromText.isEmpty ? held?.lowerBound : RecordMonth(fromText)
        let end = toText.isEmpty ? held?.upperBound : RecordMonth(toText)
        if !fromText.isEmpty, start == nil { problems["from"] = "起始月份应为 YYYY-MM，如 2025-01" }
        if !toText.isEmpty, end == nil { problems["to"] = "截止月份应为 YYYY-MM，如 2025-12" }
        guard problems.isEmpty else { throw AppError.invalid("records.invalid_period", "查询期间格式有误", details: problems) }
        guard let held, let start, let end else {
            throw AppError.invalid("records.no_records", "暂无可查询的记录")
        }
        guard start <= held.upperBound, end >= held.lowerBound else {
            throw AppError.invalid("records.period_out_of_range", "所选期间没有记录，可查询的期间为\(held.lowerBound.chinese)至\(held.upperBound.chinese)",
                                   details: ["from": held.lowerBound.description, "to": held.upperBound.description])
        }
        guard start <= end else {
            throw AppError.invalid("records.invalid_period", "起始月份不能晚于截止月份", details: ["from": "起始月份不能晚于截止月份"])
        }
        return RecordPeriod(from: max(start, held.lowerBound), to: min(end, held.upperBound))
    }
}
