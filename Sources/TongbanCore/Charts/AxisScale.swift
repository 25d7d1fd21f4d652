import Foundation

/// A value axis with round ticks: steps of 1, 2 or 5 times a power of ten, always including zero,
/// so bars start from a real baseline and a reader can count the grid lines.
struct AxisScale: Equatable {
    var lower: Double
    var upper: Double
    var step: Double

    /// About `count` intervals covering `values` and zero. No data or all zeros gives 0…1.
    init(covering values: [Double], count: Int = 5) {
        let finite = values.filter(\.isFinite)
        let low = min(0, finite.min() ?? 0)
        var high = max(0, finite.max() ?? 0)
        if high == low { high = low + 1 }
        var step = AxisScale.niceStep((high - low) / Double(max(count, 1)))
        // Rounding outward can add an interval; widen the step until the ticks are few enough again.
        while ((high / step).rounded(.up) - (low / step).rounded(.down)) > Double(count + 1) {
            step = AxisScale.niceStep(step * 1.5)
        }
        self.step = step
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
    }

    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        // Multiplying from the lower bound (not adding) keeps 0.1 + 0.2 drift out of the labels.
        return (0...count).map { lower + Double($0) * step }
    }

    /// Where `value` falls between 0 (lower) and 1 (upper).
    func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    /// The smallest of 1, 2, 5 × 10ⁿ that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * power >= raw * (1 - 1e-9) {
            return factor * power
        }
        return 10 * power
    }
}
