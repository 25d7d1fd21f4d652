import Testing
import TongbanCore

@Suite("Forecast backtest")
struct ForecastBacktestTests {
    @Test("origins are step days apart and the last leaves exactly the horizon")
    func origins() {
        #expect(Backtest.origins(count: 3, horizon: 7, step: 7, length: 84) == [63, 70, 77])
    }

    @Test("CSV in: consecutive days required, bad rows named by line")
    func csv() throws {
        let series = try DailySeries(csv: "date,value\n2025-01-01,3\n2025-01-02,4.5\n")
        #expect(series == DailySeries(start: CalendarDay(year: 2025, month: 1, day: 1), values: [3, 4.5]))
        #expect(try DailySeries(csv: series.csv) == series)
        #expect(throws: ForecastError.badCSV(line: 3, reason: "日期应为 2025-01-02，缺少或重复了某天")) {
            try DailySeries(csv: "date,value\n2025-01-01,3\n2025-01-03,4\n")
        }
        #expect(throws: ForecastError.badCSV(line: 2, reason: "数值必须是非负数")) {
            try DailySeries(csv: "date,value\n2025-01-01,-3\n")
        }
        #expect(throws: ForecastError.self) { try DailySeries(csv: "day,count\n2025-01-01,3\n") }
    }

    @Test("a series too short for its origins is refused, not half-evaluated")
    func tooShort() {
        let series = DailySeries(start: CalendarDay(year: 2025, month: 1, day: 1), values: Array(repeating: 1, count: 30))
        #expect(throws: ForecastError.seriesTooShort(needed: 14 + 14 + 14, available: 30)) {
            try Backtest.run(series: series, calendar: .official(), horizon: 14, origins: 3, step: 7)
        }
    }

    /// The Tongban side of `tongban eval-forecast`; the statsmodels side is
    /// scripts/eval-forecast-statsmodels.py with the same arguments. Figures go to docs/forecast.md.
    @Test("the backtest on the fixture series beats Holt-Winters' measured errors", arguments: [
        // file, horizon, origins, step, statsmodels MAPE, statsmodels sMAPE (measured, see docs/forecast.md)
        ("luan-counter.csv", 28, 12, 28, 384.15, 49.36),
        ("taylor-daily.csv", 7, 6, 7, 1.63, 1.62),
        ("taylor-daily.csv", 14, 5, 7, 2.50, 2.49),
    ])
    func fixtures(file: String, horizon: Int, origins: Int, step: Int, holtWintersMAPE: Double, holtWintersSMAPE: Double) throws {
        let calendar = file.hasPrefix("taylor") ? ForecastFixtures.plainWeeks : .official()
        let report = try Backtest.run(csv: ForecastFixtures.csv(file), calendar: calendar,
                                      horizon: horizon, origins: origins, step: step)
        print("Tongban \(file) horizon=\(horizon) origins=\(origins) step=\(step): \(report.summary)")
        #expect(report.mape < holtWintersMAPE)
        #expect(report.smape < holtWintersSMAPE)
    }
}
