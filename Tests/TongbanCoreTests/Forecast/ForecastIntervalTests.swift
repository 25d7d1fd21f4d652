import Testing
import TongbanCore

@Suite("Prediction intervals")
struct ForecastIntervalTests {
    @Test("on noisy synthetic history the 80% and 95% intervals hold about that share of the days that follow")
    func coverage() throws {
        // A hotline-like series: open every day, weekends lighter, and noisier than Poisson
        // (a random ±20% day-to-day swing), so the intervals have real width to get right.
        var demand = SyntheticDemand(base: 120, weekday: [1.2, 1.1, 1.0, 1.0, 0.95, 0.7, 0.6], holiday: 0.6, seed: 9)
        demand.rebound = [1.3, 1.1]
        let clean = demand.series(from: CalendarDay(year: 2024, month: 1, day: 1), days: 731)
        var rng = SplitMix64(seed: 10)
        let noisy = DailySeries(start: clean.start, values: clean.values.map { $0 * Double.random(in: 0.8...1.2, using: &rng) })
        let report = try Backtest.run(series: noisy, calendar: .official(), horizon: 14, origins: 20, step: 14)
        #expect(report.points == 280)
        #expect((70...90).contains(report.coverage80), "80% interval covered \(report.coverage80)%")
        #expect((88...99).contains(report.coverage95), "95% interval covered \(report.coverage95)%")
    }
}
