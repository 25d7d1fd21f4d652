/// Amounts side by side: cases per district, tickets per department. With several series the bars
/// of one category stand together as a group. Each bar carries its number when all of them fit.
public struct BarChart: Sendable {
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
            let plot = CartesianPlot(metrics: frame.metrics, scale: AxisScale(covering: data.finiteValues),
                                     categories: data.categories, top: frame.cursor)
            plot.draw(into: &frame.writer)
            drawBars(plot: plot, into: &frame.writer)
            frame.advance(plot.height)
        }
        return frame.document(id: id, title: data.title, description: ChartSummary.describe("柱状图", data))
    }

    private func drawBars(plot: CartesianPlot, into writer: inout SVGWriter) {
        let count = Double(data.series.count)
        let barWidth = plot.slot * 0.8 / count
        let labelled = BarMark.labelsFit(data.finiteValues, room: barWidth * 1.1, metrics: plot.metrics)
        for category in data.categories.indices {
            for (index, series) in data.series.enumerated() {
                guard let value = series.value(at: category) else { continue }
                let centre = plot.x(category) - plot.slot * 0.4 + barWidth * (Double(index) + 0.5)
                BarMark.draw(into: &writer, plot: plot, centre: centre, width: barWidth * 0.92, from: 0, to: value,
                             fill: ChartPalette.colour(index), separator: false,
                             tooltip: ChartSummary.tooltip(data, series: index, category: category, value: value))
                if labelled {
                    BarMark.valueLabel(into: &writer, plot: plot, centre: centre, room: barWidth * 1.1, value: value)
                }
            }
        }
    }
}
