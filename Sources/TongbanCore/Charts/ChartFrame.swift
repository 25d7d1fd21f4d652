/// What every chart has around its plot: the outer `<svg>` with its accessible name and description,
/// the visible title, the unit and the legend.
struct ChartFrame {
    enum Swatch {
        case box(fill: String)
        case line(colour: String, dash: String?)
    }

    struct LegendItem {
        var name: String
        var swatch: Swatch
    }

    let metrics: ChartMetrics
    var writer = SVGWriter()
    /// The y of the first free line below what has been drawn so far.
    private(set) var cursor: Double

    init(metrics: ChartMetrics) {
        self.metrics = metrics
        cursor = metrics.pad
    }

    /// The visible title, then "单位：件" on the next line when there is a unit.
    mutating func title(_ title: String, unit: String) {
        let m = metrics
        writer.label(title, maxWidth: m.width - 2 * m.pad, fontSize: m.titleFont,
                     [("x", SVGWriter.number(m.pad)), ("y", SVGWriter.number(cursor + m.titleFont)),
                      ("font-weight", "bold"), ("fill", ChartPalette.text)])
        cursor += m.titleFont * 1.5
        if !unit.isEmpty {
            writer.label("单位：" + unit, maxWidth: m.width - 2 * m.pad, fontSize: m.font * 0.9,
                         [("x", SVGWriter.number(m.pad)), ("y", SVGWriter.number(cursor + m.font * 0.9)),
                          ("fill", ChartPalette.mutedText)])
            cursor += m.lineHeight
        }
    }

    /// Legend entries left to right, wrapping to a new line when the width is used up.
    /// A single series needs no legend: the title names it.
    mutating func legend(_ items: [LegendItem]) {
        guard items.count > 1 else { return }
        let m = metrics
        let swatchWidth = m.font * 1.6
        let maxName = (m.width - 2 * m.pad) / 2 - swatchWidth
        var x = m.pad
        var lineTop = cursor
        for item in items {
            let nameWidth = min(TextFit.width(item.name, fontSize: m.font), maxName)
            let itemWidth = swatchWidth + m.font * 0.4 + nameWidth + m.font
            if x > m.pad, x + itemWidth - m.font > m.width - m.pad {
                x = m.pad
                lineTop += m.lineHeight
            }
            let middle = lineTop + m.lineHeight / 2
            switch item.swatch {
            case .box(let fill):
                writer.element("rect", [("x", SVGWriter.number(x)), ("y", SVGWriter.number(middle - m.font * 0.45)),
                                        ("width", SVGWriter.number(swatchWidth)), ("height", SVGWriter.number(m.font * 0.9)),
                                        ("fill", fill)])
            case .line(let colour, let dash):
                writer.element("line", [("x1", SVGWriter.number(x)), ("y1", SVGWriter.number(middle)),
                                        ("x2", SVGWriter.number(x + swatchWidth)), ("y2", SVGWriter.number(middle)),
                                        ("stroke", colour), ("stroke-width", SVGWriter.number(m.stroke)),
                                        ("stroke-dasharray", dash)])
            }
            writer.label(item.name, maxWidth: maxName, fontSize: m.font,
                         [("x", SVGWriter.number(x + swatchWidth + m.font * 0.4)),
                          ("y", SVGWriter.number(middle + m.font * 0.35)), ("fill", ChartPalette.text)])
            x += itemWidth
        }
        cursor = lineTop + m.lineHeight + m.pad / 2
    }

    mutating func advance(_ height: Double) { cursor += height }

    /// "暂无数据" in the middle of an empty plot, so an empty chart says so instead of looking broken.
    mutating func noData() {
        let m = metrics
        writer.element("text", [("x", SVGWriter.number(m.width / 2)), ("y", SVGWriter.number(cursor + m.plotHeight / 2)),
                                ("text-anchor", "middle"), ("font-size", SVGWriter.number(m.font * 1.2)),
                                ("fill", ChartPalette.mutedText)], text: "暂无数据")
        cursor += m.plotHeight
    }

    /// The finished `<svg>`: scales to its container, named for assistive technology by its
    /// `<title>` and `<desc>`, which come first as SVG requires.
    func document(id: String, title: String, description: String) -> String {
        let m = metrics
        let height = cursor + m.pad
        let safeID = ChartFrame.identifier(id)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
        out += " viewBox=\"0 0 \(SVGWriter.number(m.width)) \(SVGWriter.number(height))\" width=\"100%\""
        out += " aria-labelledby=\"\(safeID)-title \(safeID)-desc\" font-family=\"sans-serif\">"
        out += "<title id=\"\(safeID)-title\">" + XMLText.escape(title) + "</title>"
        out += "<desc id=\"\(safeID)-desc\">" + XMLText.escape(description) + "</desc>"
        out += "<rect x=\"0\" y=\"0\" width=\"\(SVGWriter.number(m.width))\" height=\"\(SVGWriter.number(height))\" fill=\"#FFFFFF\"/>"
        out += writer.markup
        out += "</svg>"
        return out
    }

    /// An id safe in any attribute and unique enough for a page: letters, digits, '-' and '_' only.
    static func identifier(_ id: String) -> String {
        let kept = id.unicodeScalars.filter { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
        let text = String(String.UnicodeScalarView(kept))
        return text.isEmpty || !(text.unicodeScalars.first!.properties.isAlphabetic) ? "chart-" + text : text
    }
}
