import Foundation

/// A fragment of HTML. Building pages through string interpolation on this type escapes every
/// interpolated `String` (and anything printable) automatically; only other `HTML` values go in
/// raw. So user text cannot reach a page unescaped unless someone writes `HTML(unsafeRaw:)`.
public struct HTML: ExpressibleByStringInterpolation, CustomStringConvertible, Sendable {
    public private(set) var raw: String

    public init(unsafeRaw raw: String) { self.raw = raw }
    public init(stringLiteral value: String) { raw = value }
    public init(stringInterpolation: StringInterpolation) { raw = stringInterpolation.raw }
    public static let empty = HTML(unsafeRaw: "")

    public var description: String { raw }

    public struct StringInterpolation: StringInterpolationProtocol {
        var raw = ""
        public init(literalCapacity: Int, interpolationCount: Int) {
            raw.reserveCapacity(literalCapacity + interpolationCount * 16)
        }
        public mutating func appendLiteral(_ literal: String) { raw += literal }
        public mutating func appendInterpolation(_ html: HTML) { raw += html.raw }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { raw += part.raw } }
        public mutating func appendInterpolation(_ text: String) { raw += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { raw += HTML.escape(text ?? "") }
        public mutating func appendInterpolation(_ number: Int) { raw += String(number) }
        public mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) {
            raw += HTML.escape(value.description)
        }
    }

    /// Escapes for both text and double- or single-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

extension Array where Element == HTML {
    func joined(separator: HTML = .empty) -> HTML {
        HTML(unsafeRaw: map(\.raw).joined(separator: separator.raw))
    }
}
