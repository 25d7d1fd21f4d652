import Foundation

/// Numbers as Chinese readers expect them on a dashboard.
///
/// - `compact`: for axis ticks and labels inside a drawing, where room is short. Below 10,000 a
///   number is written in full with thousands separators (8,765); from 10,000 it is counted in 万
///   (1.23万) and from 100,000,000 in 亿 (3.5亿), the units the readers think in. Two decimals at most.
/// - `full`: for the data table, every digit with separators (123,456), so nothing is lost.
/// - `plain`: for CSV, no separators and no units, so Excel reads a number.
///
/// Written by hand rather than with NumberFormatter: the output must not change with the server's locale.
public enum ChartNumber {
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let magnitude = abs(value)
        if magnitude >= 100_000_000 { return decimal(value / 100_000_000, places: 2, grouped: true) + "亿" }
        if magnitude >= 10_000 { return decimal(value / 10_000, places: 2, grouped: false) + "万" }
        return decimal(value, places: 2, grouped: true)
    }

    public static func full(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return decimal(value, places: 2, grouped: true)
    }

    public static func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return decimal(value, places: 6, grouped: false)
    }

    /// Rounds to at most `places` decimals and drops trailing zeros: 1.50 → "1.5", 2.00 → "2".
    static func decimal(_ value: Double, places: Int, grouped: Bool) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        guard rounded < 9e15 else { return value < 0 ? "-" + String(format: "%.0f", abs(value)) : String(format: "%.0f", value) }
        let units = UInt64(rounded)
        let whole = units / UInt64(scale)
        var fraction = String(units % UInt64(scale))
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        var text = grouped ? groupThousands(String(whole)) : String(whole)
        if !fraction.isEmpty { text += "." + fraction }
        return units > 0 && value < 0 ? "-" + text : text
    }

    static func groupThousands(_ digits: String) -> String {
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
