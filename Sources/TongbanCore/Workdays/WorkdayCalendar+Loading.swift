import Foundation

extension WorkdayCalendar {
    /// The bundled State Council arrangements (see scripts/gen-holidays.py).
    public static func official(weekendFallback: Bool = false) -> WorkdayCalendar {
        weekendFallback ? bundledCalendar.with(weekendFallback: true) : bundledCalendar
    }

    /// Same format as holidays.json: `{"years": {"2025": {"holidays": {"2025-01-01": "元旦"}, "workdays": {…}}}}`.
    /// Validated strictly because a mistyped date would silently shift every deadline near it.
    public static func load(jsonData: Data, weekendFallback: Bool) throws -> WorkdayCalendar {
        let file: HolidayFile
        do {
            file = try JSONDecoder().decode(HolidayFile.self, from: jsonData)
        } catch {
            throw WorkdayDataError(message: "节假日数据不是有效的 JSON：\(error)")
        }
        var years: [Int] = []
        var holidays: [CalendarDay: String] = [:], workdays: [CalendarDay: String] = [:]
        for (key, entry) in file.years {
            guard let year = Int(key) else { throw WorkdayDataError(message: "年份“\(key)”无效") }
            years.append(year)
            try collect(entry.holidays ?? [:], year: year, into: &holidays)
            try collect(entry.workdays ?? [:], year: year, into: &workdays)
        }
        years.sort()
        guard let first = years.first, let last = years.last else {
            throw WorkdayDataError(message: "节假日数据未包含任何年份")
        }
        guard years == Array(first...last) else {
            throw WorkdayDataError(message: "节假日数据的年份不连续：\(years.map(String.init).joined(separator: ", "))")
        }
        if let both = holidays.keys.first(where: { workdays[$0] != nil }) {
            throw WorkdayDataError(message: "\(both) 同时被列为节假日和调休工作日")
        }
        if let weekday = workdays.keys.first(where: { $0.weekday <= 5 }) {
            throw WorkdayDataError(message: "调休工作日 \(weekday) 不是周末")
        }
        return WorkdayCalendar(holidays: holidays, workdays: workdays, knownYears: first...last,
                               weekendFallback: weekendFallback)
    }

    private static func collect(_ entries: [String: String], year: Int,
                                into result: inout [CalendarDay: String]) throws {
        for (iso, name) in entries {
            guard let day = CalendarDay(iso), day.year == year else {
                throw WorkdayDataError(message: "\(year) 年下的日期“\(iso)”无效")
            }
            result[day] = name
        }
    }
}

private struct HolidayFile: Decodable {
    struct Year: Decodable {
        let holidays: [String: String]?
        let workdays: [String: String]?
    }
    let years: [String: Year]
}

/// Parsed once per process: every request that computes a deadline needs it.
private let bundledCalendar: WorkdayCalendar = {
    guard let url = Bundle.module.url(forResource: "holidays", withExtension: "json"),
          let data = try? Data(contentsOf: url) else {
        fatalError("holidays.json is missing from the TongbanCore bundle")
    }
    do {
        return try WorkdayCalendar.load(jsonData: data, weekendFallback: false)
    } catch {
        fatalError("bundled holidays.json is invalid: \(error)")
    }
}()
