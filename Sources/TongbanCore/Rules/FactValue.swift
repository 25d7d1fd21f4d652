/// A value in the facts gathered from registries and in rule operands.
///
/// JSON form is plain JSON so administrators can edit it by hand: `"x"`, `3`, `2.5`, `true`,
/// `["a","b"]`, `null`, and `{"date":"2025-01-31"}` for dates (a bare string stays a string,
/// because a registry code such as "2025-01" must never be silently reinterpreted).
public enum FactValue: Codable, Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(CalendarDate)
    case list([FactValue])
    case null

    /// The applicant-facing form used in explanations: “正常”, 8, 2.5, “是”, 2025年1月31日.
    public var description: String { RuleText.display(self, unit: nil) }

    var kind: Kind {
        switch self {
        case .string: .text
        case .number: .number
        case .bool: .bool
        case .date: .date
        case .list: .list
        case .null: .null
        }
    }

    /// Named in Chinese because a type mismatch is explained to applicants and administrators.
    enum Kind: String, Sendable {
        case text = "文本", number = "数字", bool = "是/否", date = "日期", list = "列表", null = "空值"
    }
}

extension FactValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: FactValue...) { self = .list(elements) }
}

/// Facts keyed by dotted registry paths, e.g. "fund.accountStatus", "realestate.latestRegistrationDate".
public typealias Facts = [String: FactValue]
