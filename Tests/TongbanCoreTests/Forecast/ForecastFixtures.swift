import Foundation
import Testing
import TongbanCore

/// The CSV series in Tests/TongbanCoreTests/Fixtures/forecast (written by scripts/gen-forecast-fixtures.py),
/// found relative to this file so the tests run from any working directory.
enum ForecastFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Forecast
        .deletingLastPathComponent() // TongbanCoreTests
        .appendingPathComponent("Fixtures/forecast/")

    static func csv(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Plain Monday–Friday weeks with no holidays, for series from outside mainland China.
    static let plainWeeks = WorkdayCalendar(holidays: [:], workdays: [:], knownYears: 1990...1990, weekendFallback: true)
}

/// Seeded synthetic demand on the official calendar: volume = base × (1 + trend·t) × weekday × calendar, Poisson noise.
struct SyntheticDemand {
    var base = 200.0
    /// Monday first.
    var weekday: [Double] = [1.3, 1.1, 1.0, 0.95, 0.85, 0.05, 0.03]
    var holiday = 0.02
    var makeUp = 0.9
    var rebound = [1.6, 1.25]
    var trendPerDay = 0.0
    var seed: UInt64 = 1

    func series(from start: CalendarDay, days: Int, calendar: WorkdayCalendar = .official()) -> DailySeries {
        let effects = CalendarEffects(calendar: calendar)
        var rng = SplitMix64(seed: seed)
        let values = (0..<days).map { t in
            Double(DemandModel.poisson(expected(effects.profile(start.adding(days: t)), t: t), using: &rng))
        }
        return DailySeries(start: start, values: values)
    }

    func expected(_ profile: DayProfile, t: Int) -> Double {
        var factor: Double
        switch profile.kind {
        case let .workday(d), let .weekend(d): factor = weekday[d - 1]
        case .holiday: factor = holiday
        case .makeUpWorkday: factor = makeUp
        }
        if profile.reboundDay > 0 { factor *= rebound[profile.reboundDay - 1] }
        return base * (1 + trendPerDay * Double(t)) * factor
    }
}
