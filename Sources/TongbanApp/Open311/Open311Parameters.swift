import Foundation
import Vapor

/// The parameters of one call, from the query string and, for POST, the form-urlencoded body (which wins).
/// Parsed by hand because GeoReport's `attribute[code]=value` and `attribute[code][]=value` keys are
/// plain names to the spec, not nested structures.
struct Open311Parameters: Sendable {
    private var values: [String: String] = [:]
    /// `attribute[code]` → its values (several for `attribute[code][]`).
    private(set) var attributes: [String: [String]] = [:]

    init(query: String?, body: String? = nil) {
        for text in [query, body].compactMap({ $0 }) {
            var seen: Set<String> = []
            for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.decode(parts[0]), value = parts.count > 1 ? Self.decode(parts[1]) : ""
                if let code = Self.attributeCode(name) {
                    // A later source replaces an attribute as a whole; within one source list values accumulate.
                    if !seen.contains(name) { attributes[code] = [] }
                    seen.insert(name)
                    attributes[code, default: []].append(value)
                } else {
                    values[name] = value
                }
            }
        }
    }

    static func from(_ request: Request) async throws -> Open311Parameters {
        var body: String?
        if request.method == .POST, let buffer = try await request.body.collect(max: 1 << 20).get() {
            body = String(buffer: buffer)
        }
        return Open311Parameters(query: request.url.query, body: body)
    }

    /// Trimmed; nil when missing or blank ("optional" in the spec: empty is the same as absent).
    subscript(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A comma-separated list parameter (service_request_id, service_code, status).
    func list(_ name: String) -> [String]? {
        self[name].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    /// The first non-blank value of an attribute.
    func attribute(_ code: String) -> String? {
        attributes[code]?.lazy.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
    }

    private static func decode(_ raw: Substring) -> String {
        let spaced = raw.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// "attribute[noise_period]" and "attribute[noise_period][]" → "noise_period".
    private static func attributeCode(_ name: String) -> String? {
        guard name.hasPrefix("attribute["), let close = name.firstIndex(of: "]") else { return nil }
        let code = name[name.index(name.startIndex, offsetBy: 10)..<close]
        let rest = name[name.index(after: close)...]
        guard !code.isEmpty, rest.isEmpty || rest == "[]" else { return nil }
        return String(code)
    }
}
