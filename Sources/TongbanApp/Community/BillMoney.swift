import Foundation

/// Money as people read and type it, kept in integer fen: 1 元 is 100 分, and no floating point ever touches it.
enum BillMoney {
    /// The largest single bill accepted: 10 万元 is far above any household's fee, and well inside Int.
    static let maxFen = 10_000_000

    /// 12850 → "128.50".
    static func yuan(_ fen: Int) -> String {
        let sign = fen < 0 ? "-" : ""
        let value = fen.magnitude
        let cents = value % 100
        return "\(sign)\(value / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// "128.5", "128.50", "128" → fen; nil for anything else (signs, more than two decimals, thousands separators).
    static func fen(_ text: String) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 9,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : "0"
        guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if fraction.count == 1 { fraction += "0" }
        guard let yuan = Int(whole), let cents = Int(fraction) else { return nil }
        return yuan * 100 + cents
    }
}
