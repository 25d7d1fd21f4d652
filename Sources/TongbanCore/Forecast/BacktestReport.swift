import Foundation

/// Accuracy of a rolling-origin backtest, in percent.
///
/// - MAPE: mean of |actual − forecast| / actual over the days whose actual is not zero (a closed
///   day's percentage error is undefined; those days still count in sMAPE and coverage).
/// - sMAPE: mean of 2·|actual − forecast| / (|actual| + |forecast|), taken as 0 when both are 0.
/// - Coverage: share of days whose actual lies inside the 80% / 95% interval (ideally 80 and 95).
public struct BacktestReport: Sendable, Equatable {
    public var horizon: Int
    public var origins: [CalendarDay]
    /// Forecast days scored (origins × horizon).
    public var points: Int
    public var mape: Double
    public var smape: Double
    public var mae: Double
    public var coverage80: Double
    public var coverage95: Double

    /// One line, in the same layout as the statsmodels script prints.
    public var summary: String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        return "MAPE=\(f(mape)) sMAPE=\(f(smape)) MAE=\(f(mae)) cover80=\(f(coverage80)) cover95=\(f(coverage95)) points=\(points)"
    }

    struct Accumulator {
        var ape = 0.0, apeCount = 0, sape = 0.0, absolute = 0.0, in80 = 0, in95 = 0, count = 0

        mutating func add(actual: Double, point: ForecastPoint) {
            let error = abs(actual - point.mean)
            if actual != 0 {
                ape += error / abs(actual)
                apeCount += 1
            }
            let denominator = abs(actual) + abs(point.mean)
            if denominator > 0 { sape += 2 * error / denominator }
            absolute += error
            if point.interval80.contains(actual) { in80 += 1 }
            if point.interval95.contains(actual) { in95 += 1 }
            count += 1
        }

        func report(horizon: Int, origins: [CalendarDay]) -> BacktestReport {
            let n = Double(max(count, 1))
            return BacktestReport(horizon: horizon, origins: origins, points: count,
                                  mape: apeCount > 0 ? 100 * ape / Double(apeCount) : 0, smape: 100 * sape / n,
                                  mae: absolute / n, coverage80: 100 * Double(in80) / n, coverage95: 100 * Double(in95) / n)
        }
    }
}
