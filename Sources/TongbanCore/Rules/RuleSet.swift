import Foundation

/// The auto-approval conditions of one service item; every top-level rule must hold.
public struct RuleSet: Codable, Sendable, Equatable {
    /// Schema version of the stored JSON; only 1 exists.
    public var version: Int
    public var rules: [Rule]

    public init(rules: [Rule], version: Int = 1) {
        self.rules = rules
        self.version = version
    }

    /// Parses and validates administrator-edited JSON. Throws `RuleError` with a Chinese message.
    public static func decode(json: String) throws -> RuleSet {
        let decoded: RuleSet
        do {
            decoded = try JSONDecoder().decode(RuleSet.self, from: Data(json.utf8))
        } catch {
            throw RuleError(decoding: error)
        }
        try decoded.validate()
        return decoded
    }

    /// Canonical form for storage: sorted keys, so equal rule sets store byte-identical JSON,
    /// and pretty-printed because administrators read and edit it.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Cannot fail: every value is a string, a finite number (non-finite ones are written as
        // null), a bool or a container of those.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every fact any rule reads, nested ones included, so the app knows what to fetch.
    public var requiredFacts: Set<String> {
        var keys = Set<String>()
        func collect(_ rule: Rule) {
            if let fact = rule.fact { keys.insert(fact) }
            rule.anyOf?.forEach(collect)
            rule.allOf?.forEach(collect)
        }
        rules.forEach(collect)
        return keys
    }

    private enum CodingKeys: String, CodingKey { case version, rules }

    public init(from decoder: any Decoder) throws {
        try RuleJSONKey.rejectUnknown(in: decoder, allowed: ["version", "rules"], owner: "规则集")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Absent means the only version there is; a wrong one is caught by validate().
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        rules = try c.decode([Rule].self, forKey: .rules)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(rules, forKey: .rules)
    }
}
