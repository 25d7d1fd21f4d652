import Foundation

/// CSV that Excel (and WPS) open correctly with Chinese text: RFC 4180 quoting, CRLF line ends and
/// a UTF-8 byte-order mark (EF BB BF) in front, without which Excel guesses GBK and shows mojibake.
///
/// Formula injection: a cell beginning with = + - @ (or tab / carriage return) is run as a formula
/// by spreadsheets, so a district name like `=HYPERLINK(...)` could act on the reader's machine. Such
/// a cell gets a leading apostrophe, which makes the spreadsheet treat it as text (OWASP's advice).
/// The price is that the apostrophe is visible in the cell and in any program reading the CSV as
/// data. Plain numbers such as "-12" or "+3.5" are left alone: they are not formulas, and guarding
/// them would turn negative figures into text.
public enum CSVExport {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func bytes(_ rows: [[String]]) -> [UInt8] {
        var out = byteOrderMark
        for row in rows {
            out += Array(row.map { field(guarded($0)) }.joined(separator: ",").utf8)
            out += [0x0D, 0x0A]
        }
        return out
    }

    /// Quoted when it holds a comma, quote, CR or LF; quotes inside are doubled.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return isPlainNumber(text) ? text : "'" + text
    }

    private static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars.dropFirst()
        guard !scalars.isEmpty, text.unicodeScalars.first == "-" || text.unicodeScalars.first == "+" else { return false }
        var seenDot = false, seenDigit = false
        while let scalar = scalars.popFirst() {
            if ("0"..."9").contains(scalar) { seenDigit = true }
            else if scalar == ".", !seenDot { seenDot = true }
            else { return false }
        }
        return seenDigit
    }
}
