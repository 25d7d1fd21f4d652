/// Values over time, one line per series: daily applications, weekly tickets.
/// A missing value breaks the line rather than dropping it to zero.
public struct LineChart: Sendable {
    public var data: ChartData

    public init(_ data: ChartData) { self.data = data }

    /// Markers on every point up to this many categories; beyond it only isolated points get one.
    /// An isolated point (a single day, or one between gaps) has no line to show it, so its marker is larger.
    static let markerLimit = 40

    /// The chart as an inline `<svg>` element. `id` must be unique on the page (it names the title
    /// and description for `aria-labelledby`); `large` draws for elder mode.
    public func svg(id: String, large: Bool = false) -> String {
        var frame = ChartFrame(metrics: ChartMetrics(large: large))
        frame.title(data.title, unit: data.unit)
        frame.legend(data.series.enumerated().map { index, series in
            .init(name: series.name, swatch: .line(colour: ChartPalette.colour(index), dash: ChartPalette.dash(index)))
        })
        if data.isEmpty {
            frame.noData()
        } else {
            let plot = CartesianPlot(metrics: frame.metrics, scale: AxisScale(covering: data.finiteValues),
                                     categories: data.categories, top: frame.cursor)
            plot.draw(into: &frame.writer)
            for index in data.series.indices { drawSeries(index, plot: plot, into: &frame.writer) }
            frame.advance(plot.height)
        }
        return frame.document(id: id, title: data.title, description: ChartSummary.describe("折线图", data))
    }

    private func drawSeries(_ index: Int, plot: CartesianPlot, into writer: inout SVGWriter) {
        let m = plot.metrics
        let series = data.series[index]
        let colour = ChartPalette.colour(index)
        var path = ""
        var previousPresent = false
        for category in data.categories.indices {
            guard let value = series.value(at: category) else { previousPresent = false; continue }
            path += (previousPresent ? " L" : " M") + SVGWriter.number(plot.x(category)) + " " + SVGWriter.number(plot.y(value))
            previousPresent = true
        }
        if !path.isEmpty {
            writer.element("path", [("d", String(path.dropFirst())), ("fill", "none"), ("stroke", colour),
                                    ("stroke-width", SVGWriter.number(m.stroke)), ("stroke-linejoin", "round"),
                                    ("stroke-linecap", "round"), ("stroke-dasharray", ChartPalette.dash(index)),
                                    ("class", "line")])
        }
        let everyPoint = data.categories.count <= LineChart.markerLimit
        for category in data.categories.indices {
            guard let value = series.value(at: category) else { continue }
            let isolated = series.value(at: category - 1) == nil && series.value(at: category + 1) == nil
            guard everyPoint || isolated else { continue }
            writer.element("circle", [("cx", SVGWriter.number(plot.x(category))), ("cy", SVGWriter.number(plot.y(value))),
                                      ("r", SVGWriter.number(isolated ? m.marker * 1.6 : m.marker)), ("fill", colour), ("stroke", "#FFFFFF"),
                                      ("stroke-width", SVGWriter.number(m.stroke * 0.5)), ("class", "point")],
                           tooltip: ChartSummary.tooltip(data, series: index, category: category, value: value))
        }
    }
}
