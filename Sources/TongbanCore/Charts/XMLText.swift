/// Escaping for text and attribute values in SVG (XML) and HTML.
///
/// Labels come from user data (district names typed by staff, series names from imports), so every
/// string that enters a drawing goes through `escape`. Characters XML 1.0 forbids (most control
/// characters) are dropped rather than escaped: `&#1;` would still make the document ill-formed.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x9F).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
