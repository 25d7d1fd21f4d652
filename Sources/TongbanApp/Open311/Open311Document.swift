import Foundation
import Vapor

/// One Open311 response body, built once and written as XML or JSON. The JSON follows the spec's
/// Spark convention: an element per field, and a list element holding one element per item becomes an array.
indirect enum Open311Node: Encodable, Sendable {
    case text(String?)
    case number(Double?)
    case integer(Int)
    case bool(Bool)
    /// In XML `<list><item>…</item>…</list>`; in JSON an array.
    case list(item: String, [Open311Node])
    case object([Field])

    struct Field: Sendable {
        var name: String
        var value: Open311Node
    }

    static func fields(_ pairs: KeyValuePairs<String, Open311Node>) -> Open311Node {
        .object(pairs.map { Field(name: $0.key, value: $0.value) })
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let value):
            var container = encoder.singleValueContainer()
            if let value { try container.encode(value) } else { try container.encodeNil() }
        case .number(let value):
            var container = encoder.singleValueContainer()
            if let value, value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .integer(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .list(_, let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let fields):
            var container = encoder.container(keyedBy: Key.self)
            for field in fields { try container.encode(field.value, forKey: Key(field.name)) }
        }
    }
}

/// A named root and its content: `services`, `service_definition`, `service_requests`, `errors`, `discovery`.
struct Open311Document: Sendable {
    var root: String
    var body: Open311Node

    func response(_ format: Open311Format, status: HTTPResponseStatus = .ok) -> Response {
        let data: Data
        switch format {
        case .xml: data = Data(xml().utf8)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            data = (try? encoder.encode(body)) ?? Data("[]".utf8)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: format.contentType)
        return Response(status: status, headers: headers, body: .init(data: data))
    }

    func xml() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        Self.write(body, named: root, into: &out)
        out += "\n"
        return out
    }

    private static func write(_ node: Open311Node, named name: String, into out: inout String) {
        switch node {
        case .text(nil), .number(nil):
            out += "<\(name)/>"
        case .text(let value?):
            out += "<\(name)>\(escape(value))</\(name)>"
        case .number(let value?):
            out += value.isFinite ? "<\(name)>\(value)</\(name)>" : "<\(name)/>"
        case .integer(let value):
            out += "<\(name)>\(value)</\(name)>"
        case .bool(let value):
            out += "<\(name)>\(value)</\(name)>"
        case .list(let item, let items):
            out += "<\(name)>"
            for child in items { write(child, named: item, into: &out) }
            out += "</\(name)>"
        case .object(let fields):
            out += "<\(name)>"
            for field in fields { write(field.value, named: field.name, into: &out) }
            out += "</\(name)>"
        }
    }

    /// Escapes markup and drops what XML 1.0 cannot carry at all (control characters other than
    /// tab, line feed and carriage return; U+FFFE and U+FFFF), so no ticket text can break the document.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&apos;".unicodeScalars)
            case "\t", "\n": out.append(scalar)
            case "\r": out.append(contentsOf: "&#xD;".unicodeScalars)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }
}
