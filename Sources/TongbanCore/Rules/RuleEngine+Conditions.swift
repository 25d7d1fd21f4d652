extension RuleEngine {
    static func checkCondition(_ rule: Rule, fact: String, op: RuleOperator, facts: Facts, today: CalendarDate) -> Finding {
        let words = RuleWording(rule: rule)
        let actual = facts[fact].flatMap { $0 == .null ? nil : $0 }
        switch op {
        case .exists:
            return actual == nil ? Finding(.failed, "\(words.name)：无数据，要求有数据") : Finding(.passed, "\(words.name)：已有数据")
        case .notExists:
            guard let actual else { return Finding(.passed, "\(words.name)：无数据，符合要求") }
            return Finding(.failed, "\(words.statement(actual))，要求无此项数据")
        default:
            break
        }
        guard let actual else { return Finding(.missing, "缺少数据：\(words.name)") }
        let operand = rule.value ?? .null
        switch op {
        case .equals, .notEquals:
            guard actual.kind == operand.kind else { return Finding(.failed, words.mismatch(actual, expected: operand.kind.rawValue)) }
            let holds = (actual == operand) == (op == .equals)
            return Finding(holds: holds, words.explain(actual, requiring: op == .equals ? "为" : "不为", operand))
        case .greaterThan, .greaterOrEqual, .lessThan, .lessOrEqual:
            return compareOrdered(actual, op, operand, words)
        case .oneOf, .noneOf:
            guard case .list(let items) = operand, let expected = items.first?.kind else {
                return Finding(.missing, "规则配置有误，无法自动判断")
            }
            guard items.contains(where: { $0.kind == actual.kind }) else {
                return Finding(.failed, words.mismatch(actual, expected: expected.rawValue))
            }
            let holds = items.contains(actual) == (op == .oneOf)
            return Finding(holds: holds, words.explain(actual, requiring: op == .oneOf ? "为以下之一：" : "不为以下任何一项：", operand))
        case .isTrue, .isFalse:
            guard case .bool(let flag) = actual else { return Finding(.failed, words.mismatch(actual, expected: FactValue.Kind.bool.rawValue)) }
            return Finding(holds: flag == (op == .isTrue), words.explain(actual, requiring: "为", .bool(op == .isTrue)))
        case .withinLastDays, .notWithinLastDays:
            return compareRecency(actual, op, operand, today, words)
        case .contains:
            switch (actual, operand) {
            case (.list(let items), _):
                return Finding(holds: items.contains(operand), words.explain(actual, requiring: "包含", operand))
            case (.string(let text), .string(let needle)):
                return Finding(holds: text.contains(needle), words.explain(actual, requiring: "包含", operand))
            case (.string, _):
                return Finding(.failed, words.mismatch(actual, expected: operand.kind.rawValue))
            default:
                return Finding(.failed, words.mismatch(actual, expected: "列表或文本"))
            }
        case .exists, .notExists:
            return Finding(.missing, "规则配置有误，无法自动判断")
        }
    }

    private static func compareOrdered(_ actual: FactValue, _ op: RuleOperator, _ operand: FactValue, _ words: RuleWording) -> Finding {
        let order: Int
        let isDate: Bool
        switch (actual, operand) {
        // NaN (possible only from facts built in code) orders against nothing; without this guard
        // it would compare as "greater" and pass.
        case (.number(let a), .number(let b)) where !a.isNaN && !b.isNaN: order = a < b ? -1 : (a == b ? 0 : 1); isDate = false
        case (.date(let a), .date(let b)): order = a < b ? -1 : (a == b ? 0 : 1); isDate = true
        default: return Finding(.failed, words.mismatch(actual, expected: operand.kind.rawValue))
        }
        let (holds, phrase): (Bool, String) = switch op {
        case .greaterThan: (order > 0, isDate ? "晚于" : "大于")
        case .greaterOrEqual: (order >= 0, isDate ? "不早于" : "不少于")
        case .lessThan: (order < 0, isDate ? "早于" : "少于")
        default: (order <= 0, isDate ? "不晚于" : "不超过")
        }
        return Finding(holds: holds, words.explain(actual, requiring: phrase, operand))
    }

    private static func compareRecency(_ actual: FactValue, _ op: RuleOperator, _ operand: FactValue,
                                       _ today: CalendarDate, _ words: RuleWording) -> Finding {
        guard case .date(let date) = actual else {
            return Finding(.failed, words.mismatch(actual, expected: FactValue.Kind.date.rawValue))
        }
        guard case .number(let n) = operand, n.rounded() == n, (0...Double(Rule.maximumDays)).contains(n) else {
            return Finding(.missing, "规则配置有误，无法自动判断")
        }
        let days = Int(n)
        let start = today.adding(days: -days)
        if op == .notWithinLastDays {
            return Finding(holds: date < start,
                           "\(words.statement(actual))，\(RuleText.join("要求早于", start.chineseText))（即 \(days) 天以前）")
        }
        let window = RuleText.join("要求在最近", "\(days) 天内（\(start.chineseText)至\(today.chineseText)）")
        if date > today {
            return Finding(.failed, "\(words.statement(actual))，晚于今天，\(window)")
        }
        return Finding(holds: date >= start, "\(words.statement(actual))，\(window)")
    }
}
