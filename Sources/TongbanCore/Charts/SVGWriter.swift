/// Builds SVG markup one element at a time. Every attribute value and every text is escaped here,
/// and every number passes through `number`, so a drawing cannot carry user markup or "NaN".
/// Only presentation attributes are written (fill, stroke, font-size), never `style`: the site's
/// Content-Security-Policy blocks inline styles.
struct SVGWriter {
    typealias Attributes = [(String, String?)]
    private(set) var markup = ""

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        markup += "<" + name + SVGWriter.render(attributes) + ">"
    }

    mutating func close(_ name: String) {
        markup += "</" + name + ">"
    }

    /// An element with optional text content and an optional tooltip (`<title>` child), which
    /// browsers show on hover and screen readers read out.
    mutating func element(_ name: String, _ attributes: Attributes, text: String? = nil, tooltip: String? = nil) {
        if text == nil && tooltip == nil {
            markup += "<" + name + SVGWriter.render(attributes) + "/>"
            return
        }
        open(name, attributes)
        if let tooltip { markup += "<title>" + XMLText.escape(tooltip) + "</title>" }
        if let text { markup += XMLText.escape(text) }
        close(name)
    }

    /// A label that may be too long: shortened with an ellipsis, the full text kept as its tooltip.
    mutating func label(_ text: String, maxWidth: Double, fontSize: Double, _ attributes: Attributes) {
        let fitted = TextFit.truncate(text, maxWidth: max(maxWidth, fontSize), fontSize: fontSize)
        element("text", attributes + [("font-size", SVGWriter.number(fontSize))],
                text: fitted.text, tooltip: fitted.cut ? text : nil)
    }

    /// Coordinates with at most two decimals; anything not finite becomes 0 rather than "NaN".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return ChartNumber.decimal(value, places: 2, grouped: false)
    }

    private static func render(_ attributes: Attributes) -> String {
        var out = ""
        for (name, value) in attributes {
            guard let value else { continue }
            out += " " + name + "=\"" + XMLText.escape(value) + "\""
        }
        return out
    }
}
