/// One condition of 智能审批, stored as data with the service item so administrators can edit it.
///
/// A rule is either a condition on one fact (`fact` + `op` + `value`) or a group (`anyOf` or
/// `allOf`). Only a top-level rule's `onFail` decides the verdict: inside a group, one failing
/// alternative says nothing about eligibility.
public struct Rule: Codable, Sendable, Equatable {
    /// Stable key, e.g. "account_active"; recorded with every outcome.
    public var id: String
    /// The condition in Chinese, e.g. "公积金账户状态正常"; shown to the applicant.
    public var description: String
    public var fact: String?
    public var op: RuleOperator?
    public var value: FactValue?
    public var anyOf: [Rule]?
    public var allOf: [Rule]?
    public var onFail: FailureAction
    /// What the fact is called, e.g. "公积金账户状态", so explanations can read
    /// "公积金账户状态为“封存”，要求为“正常”". Without it the description is used.
    public var factLabel: String?
    /// Unit for numbers in explanations, e.g. "个月" gives "连续缴存时长为 8 个月".
    public var unit: String?

    public enum FailureAction: String, Codable, Sendable {
        /// Failure sends the application to a person.
        case refer
        /// Failure means the applicant is not eligible at all (e.g. not a fund contributor).
        case reject
    }

    public init(id: String, description: String, fact: String? = nil, op: RuleOperator? = nil,
                value: FactValue? = nil, anyOf: [Rule]? = nil, allOf: [Rule]? = nil,
                onFail: FailureAction = .refer, factLabel: String? = nil, unit: String? = nil) {
        self.id = id
        self.description = description
        self.fact = fact
        self.op = op
        self.value = value
        self.anyOf = anyOf
        self.allOf = allOf
        self.onFail = onFail
        self.factLabel = factLabel
        self.unit = unit
    }

    /// The group's children and whether all must hold; nil for a fact condition.
    var group: (children: [Rule], requiresAll: Bool)? {
        if let allOf { return (allOf, true) }
        if let anyOf { return (anyOf, false) }
        return nil
    }
}
