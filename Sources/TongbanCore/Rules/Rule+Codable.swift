extension Rule {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, description, fact, op, value, anyOf, allOf, onFail, factLabel, unit
    }

    private static let allowedKeys = Set(CodingKeys.allCases.map(\.rawValue))

    /// Hand-written so that an unknown operator, failure action or field names the rule it is in,
    /// in Chinese, instead of surfacing as a generic decoding error.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        let owner = id.isEmpty ? "规则（位置：\(RuleJSONKey.path(decoder.codingPath))）" : "规则“\(id)”"
        try RuleJSONKey.rejectUnknown(in: decoder, allowed: Self.allowedKeys, owner: owner)
        description = try c.decode(String.self, forKey: .description)
        fact = try c.decodeIfPresent(String.self, forKey: .fact)
        if let raw = try c.decodeIfPresent(String.self, forKey: .op) {
            guard let known = RuleOperator(rawValue: raw) else {
                let names = RuleOperator.allCases.map(\.rawValue).joined(separator: "、")
                throw RuleError(code: "rules.unknown_operator",
                                message: "\(owner)使用了未知的运算符“\(raw)”，可用的运算符：\(names)")
            }
            op = known
        } else {
            op = nil
        }
        // Present-but-null stays `.null` so that decoding canonical JSON gives back an equal rule.
        value = c.contains(.value) ? try c.decode(FactValue.self, forKey: .value) : nil
        anyOf = try c.decodeIfPresent([Rule].self, forKey: .anyOf)
        allOf = try c.decodeIfPresent([Rule].self, forKey: .allOf)
        if let raw = try c.decodeIfPresent(String.self, forKey: .onFail) {
            guard let action = FailureAction(rawValue: raw) else {
                throw RuleError(code: "rules.unknown_failure_action",
                                message: "\(owner)的 onFail 为“\(raw)”，只能是“refer”（转人工审核）或“reject”（不予受理）")
            }
            onFail = action
        } else {
            onFail = .refer
        }
        factLabel = try c.decodeIfPresent(String.self, forKey: .factLabel)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(description, forKey: .description)
        try c.encodeIfPresent(fact, forKey: .fact)
        try c.encodeIfPresent(op, forKey: .op)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(anyOf, forKey: .anyOf)
        try c.encodeIfPresent(allOf, forKey: .allOf)
        // Always written: the stored JSON should say plainly which rules reject.
        try c.encode(onFail, forKey: .onFail)
        try c.encodeIfPresent(factLabel, forKey: .factLabel)
        try c.encodeIfPresent(unit, forKey: .unit)
    }
}
