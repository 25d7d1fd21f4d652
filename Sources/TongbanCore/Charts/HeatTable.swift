/// A grid of numbers coloured by size: tickets per district (rows, one series each) per week (columns).
///
/// Drawn as SVG rather than as an HTML table: the site's Content-Security-Policy forbids inline
/// `style`, so an HTML table could only be coloured through stylesheet classes kept in step with
/// this code, while SVG carries its colours in `fill` attributes and stays one self-contained
/// picture with its legend. What an HTML table does better (screen readers walking the cells, text
/// that reflows) is covered by the `DataTable` of the same data, which the page shows beside it.
public struct HeatTable: Sendable {
    public var data: ChartData

    public init(_ data: ChartData) { self.data = data }

    /// The table as an inline `<svg>`; see `LineChart.svg(id:large:)`.
    public func svg(id: String, large: Bool = false) -> String {
        let m = ChartMetrics(large: large)
        var frame = ChartFrame(metrics: m)
        frame.title(data.title, unit: data.unit)
        if data.isEmpty {
            frame.noData()
        } else {
            let scale = HeatScale(covering: data.finiteValues)
            drawLegend(scale, into: &frame)
            drawGrid(scale, into: &frame)
        }
        return frame.document(id: id, title: data.title, description: ChartSummary.describe("热力表", data))
    }

    private func drawLegend(_ scale: HeatScale, into frame: inout ChartFrame) {
        let m = frame.metrics
        let swatch = m.font * 1.2
        var x = m.pad
        var top = frame.cursor
        for band in 0..<scale.count {
            let label = scale.range(band)
            let itemWidth = swatch + m.font * 0.3 + TextFit.width(label, fontSize: m.font) + m.font
            if x > m.pad, x + itemWidth - m.font > m.width - m.pad {
                x = m.pad
                top += m.lineHeight
            }
            let middle = top + m.lineHeight / 2
            frame.writer.element("rect", [("x", SVGWriter.number(x)), ("y", SVGWriter.number(middle - swatch / 2)),
                                          ("width", SVGWriter.number(swatch)), ("height", SVGWriter.number(swatch)),
                                          ("fill", ChartPalette.heat[scale.colourIndex(band)]),
                                          ("stroke", ChartPalette.grid), ("stroke-width", "1")])
            frame.writer.element("text", [("x", SVGWriter.number(x + swatch + m.font * 0.3)),
                                          ("y", SVGWriter.number(middle + m.font * 0.35)),
                                          ("font-size", SVGWriter.number(m.font)), ("fill", ChartPalette.text)], text: label)
            x += itemWidth
        }
        frame.advance(top - frame.cursor + m.lineHeight + m.pad / 2)
    }

    private func drawGrid(_ scale: HeatScale, into frame: inout ChartFrame) {
        let m = frame.metrics
        let nameWidth = min(data.series.map { TextFit.width($0.name, fontSize: m.font) }.max() ?? 0, m.width * 0.3)
        let left = m.pad + nameWidth + m.font * 0.5
        let cellWidth = (m.width - m.pad - left) / Double(data.categories.count)
        let cellHeight = m.lineHeight * 1.3
        let widest = data.categories.map { TextFit.width($0, fontSize: m.font) }.max() ?? 0
        let every = max(1, Int((min(widest, m.font * 6) / (cellWidth * 0.92)).rounded(.up)))
        var top = frame.cursor
        for (column, name) in data.categories.enumerated() where column % every == 0 {
            frame.writer.label(name, maxWidth: cellWidth * Double(every) * 0.92, fontSize: m.font,
                               [("x", SVGWriter.number(left + (Double(column) + 0.5) * cellWidth)),
                                ("y", SVGWriter.number(top + m.font * 1.1)), ("text-anchor", "middle"),
                                ("fill", ChartPalette.text)])
        }
        top += m.lineHeight
        for (row, series) in data.series.enumerated() {
            let y = top + Double(row) * cellHeight
            frame.writer.label(series.name, maxWidth: nameWidth, fontSize: m.font,
                               [("x", SVGWriter.number(left - m.font * 0.5)), ("y", SVGWriter.number(y + cellHeight / 2 + m.font * 0.35)),
                                ("text-anchor", "end"), ("fill", ChartPalette.text)])
            for column in data.categories.indices {
                drawCell(row: row, column: column, x: left + Double(column) * cellWidth, y: y,
                         width: cellWidth, height: cellHeight, scale: scale, into: &frame.writer)
            }
        }
        frame.advance(top - frame.cursor + Double(data.series.count) * cellHeight)
    }

    private func drawCell(row: Int, column: Int, x: Double, y: Double, width: Double, height: Double,
                          scale: HeatScale, into writer: inout SVGWriter) {
        let value = data.series[row].value(at: column)
        let colour = value.map { ChartPalette.heat[scale.colourIndex(scale.band($0))] } ?? ChartPalette.missing
        let tooltip = "\(data.series[row].name) \(data.categories[column])：" + (value.map { data.withUnit(ChartNumber.full($0)) } ?? "无数据")
        writer.element("rect", [("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)),
                                ("width", SVGWriter.number(width)), ("height", SVGWriter.number(height)),
                                ("fill", colour), ("stroke", "#FFFFFF"), ("stroke-width", "1.5"), ("class", "cell")],
                       tooltip: tooltip)
        let text = value.map(ChartNumber.compact) ?? "—"
        let textColour = value.map { ChartPalette.heatText(scale.colourIndex(scale.band($0))) } ?? ChartPalette.mutedText
        let size = height / 1.95  // the page font: cells are 1.3 lines of 1.5 em
        guard TextFit.width(text, fontSize: size) <= width * 0.92 else { return }
        writer.element("text", [("x", SVGWriter.number(x + width / 2)), ("y", SVGWriter.number(y + height / 2 + size * 0.35)),
                                ("text-anchor", "middle"), ("font-size", SVGWriter.number(size)), ("fill", textColour)],
                       text: text)
    }
}
