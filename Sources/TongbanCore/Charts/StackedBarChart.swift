/// Parts of a whole per category: tickets per district split by type. Positive parts stack upwards
/// from zero and negative ones downwards, so an unexpected negative value still draws honestly.
/// The total stands above each stack when all totals fit.
public struct StackedBarChart: Sendable {
    public var data: ChartData

    public init(_ data: ChartData) { self.data = data }

    /// The chart as an inline `<svg>`; see `LineChart.svg(id:large:)`.
    public func svg(id: String, large: Bool = false) -> String {
        var frame = ChartFrame(metrics: ChartMetrics(large: large))
        frame.title(data.title, unit: data.unit)
        frame.legend(data.series.enumerated().map { index, series in
            .init(name: series.name, swatch: .box(fill: ChartPalette.colour(index)))
        })
        if data.isEmpty {
            frame.noData()
        } else {
            let extents = data.categories.indices.flatMap { [stackTotal($0, positive: true), stackTotal($0, positive: false)] }
            let plot = CartesianPlot(metrics: frame.metrics, scale: AxisScale(covering: extents),
                                     categories: data.categories, top: frame.cursor)
            plot.draw(into: &frame.writer)
            drawStacks(plot: plot, into: &frame.writer)
            frame.advance(plot.height)
        }
        return frame.document(id: id, title: data.title, description: ChartSummary.describe("堆叠柱状图", data))
    }

    private func stackTotal(_ category: Int, positive: Bool) -> Double {
        data.series.compactMap { $0.value(at: category) }.filter { positive ? $0 > 0 : $0 < 0 }.reduce(0, +)
    }

    private func drawStacks(plot: CartesianPlot, into writer: inout SVGWriter) {
        let width = plot.slot * 0.6
        let totals = data.categories.indices.map { stackTotal($0, positive: true) + stackTotal($0, positive: false) }
        let labelled = BarMark.labelsFit(totals, room: plot.slot * 0.95, metrics: plot.metrics)
        for category in data.categories.indices {
            var up = 0.0, down = 0.0
            for (index, series) in data.series.enumerated() {
                guard let value = series.value(at: category) else { continue }
                let base = value >= 0 ? up : down
                BarMark.draw(into: &writer, plot: plot, centre: plot.x(category), width: width, from: base, to: base + value,
                             fill: ChartPalette.colour(index), separator: true,
                             tooltip: ChartSummary.tooltip(data, series: index, category: category, value: value))
                if value >= 0 { up += value } else { down += value }
            }
            if labelled, data.series.contains(where: { $0.value(at: category) != nil }) {
                BarMark.valueLabel(into: &writer, plot: plot, centre: plot.x(category), room: plot.slot * 0.95,
                                   value: up + down, at: up > 0 || down == 0 ? up : down)
            }
        }
    }
}
