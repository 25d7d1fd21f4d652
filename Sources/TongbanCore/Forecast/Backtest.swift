/// Rolling-origin evaluation: the model is refitted at several cut-off days ("origins"), each time
/// seeing only the history before the origin, and forecasts the `horizon` days that follow.
///
/// Origins are `step` days apart and the last one leaves exactly `horizon` days, so with n days the
/// i-th of k origins (0-based) is n − horizon − (k − 1 − i)·step. `scripts/eval-forecast-statsmodels.py`
/// uses the same formula, so both sides are scored on the same days.
public enum Backtest {
    /// The shortest history an origin may leave for fitting: two weeks, as Holt-Winters also needs.
    public static let minimumTraining = 14

    public static func origins(count: Int, horizon: Int, step: Int, length: Int) -> [Int] {
        (0..<count).map { i in length - horizon - (count - 1 - i) * step }
    }

    public static func run(series: DailySeries, calendar: WorkdayCalendar, horizon: Int, origins count: Int,
                           step: Int, settings: DemandForecaster.Settings = .init()) throws(ForecastError) -> BacktestReport {
        precondition(horizon > 0 && count > 0 && step > 0)
        let cuts = origins(count: count, horizon: horizon, step: step, length: series.count)
        guard let first = cuts.first, first >= minimumTraining else {
            throw .seriesTooShort(needed: minimumTraining + horizon + (count - 1) * step, available: series.count)
        }
        let forecaster = DemandForecaster(calendar: calendar, settings: settings)
        var scores = BacktestReport.Accumulator()
        for origin in cuts {
            let forecast = forecaster.forecast(series.prefix(origin), horizon: horizon)
            for (offset, point) in forecast.enumerated() {
                scores.add(actual: series.values[origin + offset], point: point)
            }
        }
        return scores.report(horizon: horizon, origins: cuts.map(series.day(at:)))
    }

    /// The command's entry point: a `date,value` CSV in, the report out.
    public static func run(csv: String, calendar: WorkdayCalendar, horizon: Int, origins: Int,
                           step: Int) throws(ForecastError) -> BacktestReport {
        try run(series: DailySeries(csv: csv), calendar: calendar, horizon: horizon, origins: origins, step: step)
    }
}
