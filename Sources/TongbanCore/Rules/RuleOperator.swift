/// How a rule compares a fact with its operand. Raw values are the JSON spelling.
public enum RuleOperator: String, Codable, Sendable, CaseIterable {
    case equals, notEquals, greaterThan, greaterOrEqual, lessThan, lessOrEqual
    /// Operand is a non-empty list.
    case oneOf, noneOf
    /// No operand: these test presence, so they evaluate even when the fact is absent.
    case exists, notExists
    /// No operand.
    case isTrue, isFalse
    /// Fact is a date; operand N days: today - N <= date <= today. A future date fails, since a
    /// registration "in the last year" that has not happened yet is a data error, not a pass.
    case withinLastDays
    /// Fact is a date; operand N days: date < today - N.
    case notWithinLastDays
    /// Fact is a list (some element equals the operand) or text (operand text is a substring).
    case contains

    var takesOperand: Bool {
        switch self {
        case .exists, .notExists, .isTrue, .isFalse: false
        default: true
        }
    }
}
