/// Evaluates a service item's rules against registry facts (智能审批 / 秒批).
///
/// Total and pure: malformed rules, odd data and type mismatches all become outcomes with
/// explanations, never traps, so one bad rule cannot take the approval service down.
public enum RuleEngine {
    public static func evaluate(_ rules: RuleSet, facts: Facts, today: CalendarDate) -> RuleDecision {
        let outcomes = rules.rules.map { rule in
            let finding = check(rule, facts: facts, today: today)
            return RuleOutcome(ruleID: rule.id, description: rule.description, status: finding.status,
                               explanation: finding.explanation, onFail: rule.onFail)
        }
        return RuleDecision(outcomes: outcomes)
    }

    struct Finding {
        var status: RuleOutcome.Status
        var explanation: String

        init(_ status: RuleOutcome.Status, _ explanation: String) {
            self.status = status
            self.explanation = explanation
        }

        init(holds: Bool, _ explanation: String) {
            self.init(holds ? .passed : .failed, explanation)
        }
    }

    static func check(_ rule: Rule, facts: Facts, today: CalendarDate) -> Finding {
        // A broken rule is "missing", not "failed": the applicant must not be rejected for an
        // administrator's mistake; a person looks instead.
        if let problem = rule.evaluabilityProblem(name: "规则“\(rule.id)”") {
            return Finding(.missing, "规则配置有误，无法自动判断：\(problem.message)")
        }
        if let (children, requiresAll) = rule.group {
            return checkGroup(children, requiresAll: requiresAll, facts: facts, today: today)
        }
        guard let fact = rule.fact, let op = rule.op else {
            return Finding(.missing, "规则配置有误，无法自动判断")
        }
        return checkCondition(rule, fact: fact, op: op, facts: facts, today: today)
    }

    private static func checkGroup(_ children: [Rule], requiresAll: Bool, facts: Facts, today: CalendarDate) -> Finding {
        var passed: [String] = [], failed: [String] = [], missing: [String] = [], all: [String] = []
        for child in children {
            let finding = check(child, facts: facts, today: today)
            // A nested group's own explanation needs its condition in front to make sense.
            let part = child.group == nil ? finding.explanation : "\(child.description)（\(finding.explanation)）"
            all.append(part)
            switch finding.status {
            case .passed: passed.append(part)
            case .failed: failed.append(part)
            case .missing: missing.append(part)
            }
        }
        if requiresAll {
            if !failed.isEmpty { return Finding(.failed, "未满足：" + (failed + missing).joined(separator: "；")) }
            if !missing.isEmpty { return Finding(.missing, missing.joined(separator: "；")) }
            return Finding(.passed, "以下条件均满足：" + all.joined(separator: "；"))
        }
        if let first = passed.first { return Finding(.passed, "满足其中一项：" + first) }
        if !missing.isEmpty { return Finding(.missing, "以下条件均未满足或缺少数据：" + all.joined(separator: "；")) }
        return Finding(.failed, "以下条件均未满足：" + all.joined(separator: "；"))
    }
}
