/// Value classes for a heat table: up to six equal, round-numbered bands (steps of 1, 2, 5 × 10ⁿ),
/// so the legend reads "0–20, 20–40 …" rather than "0–17.3". Counts start their first band at zero.
struct HeatScale: Equatable {
    var lower: Double
    var step: Double
    var count: Int

    static let maxBands = ChartPalette.heat.count

    init(covering values: [Double]) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        if low > 0 { low = 0 }
        var high = finite.max() ?? 1
        if high <= low { high = low + 1 }
        var step = AxisScale.niceStep((high - low) / Double(HeatScale.maxBands))
        var lower = (low / step).rounded(.down) * step
        while ((high - lower) / step).rounded(.up) > Double(HeatScale.maxBands) {
            step = AxisScale.niceStep(step * 1.5)
            lower = (low / step).rounded(.down) * step
        }
        self.step = step
        self.lower = lower
        count = max(1, Int(((high - lower) / step).rounded(.up)))
    }

    /// The band of a value; the top bound belongs to the last band.
    func band(_ value: Double) -> Int {
        min(count - 1, max(0, Int(((value - lower) / step).rounded(.down))))
    }

    /// Bands are spread over the whole palette when there are fewer than six, so the darkest
    /// colour always marks the highest values.
    func colourIndex(_ band: Int) -> Int {
        count == 1 ? 2 : Int((Double(band) * Double(HeatScale.maxBands - 1) / Double(count - 1)).rounded())
    }

    func range(_ band: Int) -> String {
        ChartNumber.compact(lower + Double(band) * step) + "–" + ChartNumber.compact(lower + Double(band + 1) * step)
    }
}
