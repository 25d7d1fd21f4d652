/// One bar or stack segment, from one value to another on the axis, with its tooltip.
enum BarMark {
    static func draw(into writer: inout SVGWriter, plot: CartesianPlot, centre: Double, width: Double,
                     from: Double, to: Double, fill: String, separator: Bool, tooltip: String) {
        let top = min(plot.y(from), plot.y(to))
        let height = abs(plot.y(from) - plot.y(to))
        writer.element("rect", [("x", SVGWriter.number(centre - width / 2)), ("y", SVGWriter.number(top)),
                                ("width", SVGWriter.number(width)), ("height", SVGWriter.number(height)),
                                ("fill", fill), ("stroke", separator ? "#FFFFFF" : nil),
                                ("stroke-width", separator ? "1" : nil), ("class", "bar")],
                       tooltip: tooltip)
    }

    /// Whether every bar's number fits its width. Numbers go on all bars or on none: labels on some
    /// bars only would read as if the others had none.
    static func labelsFit(_ values: [Double], room: Double, metrics: ChartMetrics) -> Bool {
        values.allSatisfy { TextFit.width(ChartNumber.compact($0), fontSize: metrics.font * 0.9) <= room }
    }

    /// The number at the end of a bar (or at `end`, the top of a stack): above for positive values,
    /// below for negative ones.
    static func valueLabel(into writer: inout SVGWriter, plot: CartesianPlot, centre: Double, room: Double,
                           value: Double, at end: Double? = nil) {
        let m = plot.metrics
        let size = m.font * 0.9
        let text = ChartNumber.compact(value)
        guard TextFit.width(text, fontSize: size) <= room else { return }
        let end = end ?? value
        let y = end >= 0 ? plot.y(end) - size * 0.35 : plot.y(end) + size * 1.1
        writer.element("text", [("x", SVGWriter.number(centre)), ("y", SVGWriter.number(y)),
                                ("text-anchor", "middle"), ("font-size", SVGWriter.number(size)),
                                ("fill", ChartPalette.text), ("class", "value")], text: text)
    }
}
