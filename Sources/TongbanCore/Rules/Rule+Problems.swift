extension Rule {
    static let maximumDays = 100_000

    /// What makes this one rule (not its children) impossible to evaluate. Shared by validation and
    /// the engine, which meets unvalidated rule sets built in code and must neither crash nor guess.
    /// `name` is built only when there is a problem: evaluation calls this for every rule.
    func evaluabilityProblem(name makeName: @autoclosure () -> String) -> RuleError? {
        func problem(_ code: String, _ message: String) -> RuleError { RuleError(code: code, message: message) }
        var name: String { makeName() }
        if anyOf != nil && allOf != nil {
            return problem("rules.invalid_group", "\(name)不能同时包含 anyOf 和 allOf")
        }
        if let (children, requiresAll) = group {
            if fact != nil {
                return problem("rules.invalid_group", "\(name)不能同时包含 fact 和子条件（anyOf/allOf），必须二选一")
            }
            if children.isEmpty {
                return problem("rules.invalid_group", "\(name)的 \(requiresAll ? "allOf" : "anyOf") 不能为空")
            }
            if op != nil || value != nil {
                return problem("rules.invalid_group", "\(name)是条件组，不能设置 op 或 value")
            }
            return nil
        }
        guard let fact else {
            return problem("rules.invalid_group", "\(name)既没有 fact 也没有子条件（anyOf/allOf），必须二选一")
        }
        // Not Foundation's trimming: it bridges through NSString and dominated evaluation time.
        guard !fact.allSatisfy(\.isWhitespace) else {
            return problem("rules.invalid_fact", "\(name)的 fact 不能为空")
        }
        guard let op else {
            return problem("rules.missing_operator", "\(name)缺少运算符（op）")
        }
        let operand = value == .null ? nil : value
        guard op.takesOperand else {
            guard operand == nil else {
                return problem("rules.invalid_operand", "\(name)的运算符“\(op.rawValue)”不需要比较值，请删除 value")
            }
            return nil
        }
        guard let operand else {
            return problem("rules.missing_operand", "\(name)的运算符“\(op.rawValue)”需要比较值（value）")
        }
        let wrong = "\(name)的运算符“\(op.rawValue)”"
        switch (op, operand) {
        case (.equals, _), (.notEquals, _):
            return nil
        case (.greaterThan, .number), (.greaterOrEqual, .number), (.lessThan, .number), (.lessOrEqual, .number),
             (.greaterThan, .date), (.greaterOrEqual, .date), (.lessThan, .date), (.lessOrEqual, .date):
            return nil
        case (.greaterThan, _), (.greaterOrEqual, _), (.lessThan, _), (.lessOrEqual, _):
            return problem("rules.invalid_operand", "\(wrong)需要数字或日期作为比较值，当前为\(operand.kind.rawValue)")
        case (.oneOf, .list(let items)), (.noneOf, .list(let items)):
            return items.isEmpty ? problem("rules.invalid_operand", "\(wrong)的候选列表不能为空") : nil
        case (.oneOf, _), (.noneOf, _):
            return problem("rules.invalid_operand", "\(wrong)需要列表作为比较值，当前为\(operand.kind.rawValue)")
        case (.withinLastDays, _), (.notWithinLastDays, _):
            guard case .number(let days) = operand, days.rounded() == days,
                  (0...Double(Self.maximumDays)).contains(days) else {
                return problem("rules.invalid_operand", "\(wrong)需要 0 到 \(Self.maximumDays) 之间的整数天数作为比较值")
            }
            return nil
        case (.contains, .list):
            return problem("rules.invalid_operand", "\(wrong)需要单个值作为比较值，不能是列表")
        case (.contains, _):
            return nil
        case (.exists, _), (.notExists, _), (.isTrue, _), (.isFalse, _):
            return nil
        }
    }
}
