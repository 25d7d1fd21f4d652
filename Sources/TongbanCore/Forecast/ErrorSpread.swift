/// Prediction intervals from the model's own in-sample multi-step errors (empirical, not a normal formula).
///
/// From every day of the history after a warm-up, the fitted model forecasts 1…`maxHorizon` days
/// ahead, and each error is taken relative to its forecast: `(actual − forecast) / forecast`. Per
/// horizon h the root mean square of those relative errors gives a spread σₕ (made non-decreasing in
/// h); the errors divided by their σₕ are pooled and their empirical 2.5/10/90/97.5% quantiles give
/// the interval shape, so skewed errors give skewed intervals. Busy days and quiet days (factor below
/// `quietFactor`: weekends and holidays at a counter) are kept apart, because a Sunday's few online
/// applications vary far more, relatively, than a Monday's queue.
///
/// The factors are fitted on the same history, so these errors are slightly optimistic; the backtest
/// reports the coverage actually achieved out of sample.
struct ErrorSpread: Sendable, Equatable {
    static let quietFactor = 0.3
    static let normalQuantiles = [-1.959964, -1.281552, 1.281552, 1.959964]

    var sigma: [Double]
    /// Standardised error quantiles at 2.5%, 10%, 90%, 97.5%.
    var quantiles: [Double]

    /// With nothing to learn from: ±30% a day, growing with the square root of the horizon.
    static func fallback(maxHorizon: Int) -> ErrorSpread {
        ErrorSpread(sigma: (1...maxHorizon).map { 0.3 * Double($0).squareRoot() }, quantiles: normalQuantiles)
    }

    init(sigma: [Double], quantiles: [Double]) {
        self.sigma = sigma
        self.quantiles = quantiles
    }

    /// `errors[h - 1]` holds the relative errors at horizon h.
    init?(errors: [[Double]], minimumPerHorizon: Int = 5) {
        guard let first = errors.first, first.count >= minimumPerHorizon else { return nil }
        var sigma: [Double] = []
        for (i, sample) in errors.enumerated() {
            let previous = sigma.last ?? 0
            if sample.count >= minimumPerHorizon {
                let rms = (sample.reduce(0) { $0 + $1 * $1 } / Double(sample.count)).squareRoot()
                sigma.append(max(rms, previous))
            } else {
                sigma.append(previous * (Double(i + 1) / Double(i)).squareRoot())
            }
        }
        var standardised: [Double] = []
        for (i, sample) in errors.enumerated() where sigma[i] > 1e-12 {
            standardised += sample.map { $0 / sigma[i] }
        }
        self.sigma = sigma
        self.quantiles = standardised.count >= 40
            ? [0.025, 0.10, 0.90, 0.975].map { Self.quantile(standardised.sorted(), $0) }
            : Self.normalQuantiles
    }

    func sigma(at horizon: Int) -> Double {
        if horizon <= sigma.count { return sigma[horizon - 1] }
        return sigma[sigma.count - 1] * (Double(horizon) / Double(sigma.count)).squareRoot()
    }

    func intervals(mean: Double, horizon: Int) -> (PredictionInterval, PredictionInterval) {
        let s = sigma(at: horizon)
        func bound(_ q: Double) -> Double { max(0, mean * (1 + q * s)) }
        return (PredictionInterval(lower: bound(quantiles[1]), upper: bound(quantiles[2])),
                PredictionInterval(lower: bound(quantiles[0]), upper: bound(quantiles[3])))
    }

    /// Linear interpolation between order statistics (numpy's default).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }
}
