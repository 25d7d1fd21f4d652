/// Guesses how wide a label will be, without a font: a Chinese character is about one em wide,
/// a Latin letter or digit a little over half. Good enough to decide what to skip or shorten.
enum TextFit {
    static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += isWide(scalar) ? 1.0 : 0.6
        }
        return ems * fontSize
    }

    /// The text cut to fit `maxWidth` with an ellipsis, and whether it was cut.
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> (text: String, cut: Bool) {
        if width(text, fontSize: fontSize) <= maxWidth { return (text, false) }
        let room = maxWidth - width("…", fontSize: fontSize)
        var kept = ""
        var used = 0.0
        for ch in text {
            let w = width(String(ch), fontSize: fontSize)
            if used + w > room { break }
            kept.append(ch)
            used += w
        }
        return (kept + "…", true)
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
