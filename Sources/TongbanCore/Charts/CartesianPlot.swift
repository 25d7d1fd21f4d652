/// The plot area shared by line and bar charts: a value axis on the left with round ticks and grid
/// lines, categories along the bottom in equal slots. Category labels that would collide are thinned
/// (every second, third … label shown) and shortened with an ellipsis, never drawn over each other.
struct CartesianPlot {
    let metrics: ChartMetrics
    let scale: AxisScale
    let categories: [String]
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double

    init(metrics: ChartMetrics, scale: AxisScale, categories: [String], top: Double) {
        self.metrics = metrics
        self.scale = scale
        self.categories = categories
        let labelWidth = scale.ticks.map { TextFit.width(ChartNumber.compact($0), fontSize: metrics.font) }.max() ?? 0
        left = metrics.pad + labelWidth + metrics.font * 0.5
        right = metrics.width - metrics.pad
        self.top = top + metrics.font * 0.5
        bottom = self.top + metrics.plotHeight
    }

    /// Total height used, from the `top` given at init to below the category labels.
    var height: Double { bottom - top + metrics.font * 0.5 + metrics.lineHeight * 1.2 }

    var slot: Double { (right - left) / Double(max(categories.count, 1)) }

    func x(_ index: Int) -> Double { left + (Double(index) + 0.5) * slot }

    func y(_ value: Double) -> Double { bottom - scale.fraction(value) * (bottom - top) }

    func draw(into writer: inout SVGWriter) {
        let m = metrics
        for tick in scale.ticks {
            let y = self.y(tick)
            writer.element("line", [("x1", SVGWriter.number(left)), ("y1", SVGWriter.number(y)),
                                    ("x2", SVGWriter.number(right)), ("y2", SVGWriter.number(y)),
                                    ("stroke", tick == 0 ? ChartPalette.axis : ChartPalette.grid),
                                    ("stroke-width", tick == 0 ? SVGWriter.number(m.stroke * 0.6) : "1")])
            writer.element("text", [("x", SVGWriter.number(left - m.font * 0.4)), ("y", SVGWriter.number(y + m.font * 0.35)),
                                    ("text-anchor", "end"), ("font-size", SVGWriter.number(m.font)),
                                    ("fill", ChartPalette.mutedText)], text: ChartNumber.compact(tick))
        }
        let (every, size) = categoryLabels
        let room = slot * Double(every) * 0.92
        for (index, name) in categories.enumerated() where index % every == 0 {
            writer.label(name, maxWidth: room, fontSize: size,
                         [("x", SVGWriter.number(x(index))), ("y", SVGWriter.number(bottom + m.font * 0.5 + m.font * 1.1)),
                          ("text-anchor", "middle"), ("fill", ChartPalette.text)])
        }
    }

    /// Show every n-th category label so the labels fit side by side; a label may be shortened to
    /// at most six characters' width before more are skipped. When type a little smaller (80 %) lets
    /// every label show, as with seven district names in elder mode, that wins over skipping.
    var categoryLabels: (stride: Int, fontSize: Double) {
        let full = stride(fontSize: metrics.font)
        let smaller = metrics.font * 0.8
        return full > 1 && stride(fontSize: smaller) == 1 ? (1, smaller) : (full, metrics.font)
    }

    private func stride(fontSize: Double) -> Int {
        guard !categories.isEmpty, slot > 0 else { return 1 }
        let widest = categories.map { TextFit.width($0, fontSize: fontSize) }.max() ?? 0
        let needed = min(widest, fontSize * 6) / 0.92
        return max(1, Int((needed / slot).rounded(.up)))
    }
}
