/// How one top-level rule fared, as recorded with the application and shown to the applicant.
public struct RuleOutcome: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case passed, failed
        /// The data needed was not available (or the rule could not be evaluated); never approves,
        /// never rejects.
        case missing
    }

    public var ruleID: String
    public var description: String
    public var status: Status
    /// Plain Chinese, e.g. "公积金账户状态为“封存”，要求为“正常”".
    public var explanation: String
    public var onFail: Rule.FailureAction

    public init(ruleID: String, description: String, status: Status, explanation: String, onFail: Rule.FailureAction) {
        self.ruleID = ruleID
        self.description = description
        self.status = status
        self.explanation = explanation
        self.onFail = onFail
    }
}

/// The result of 智能审批 for one application.
public struct RuleDecision: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable { case approve, refer, reject }

    public var verdict: Verdict
    /// One per top-level rule, in rule order.
    public var outcomes: [RuleOutcome]
    /// Chinese one-liner for the applicant, e.g. "全部 5 项条件均满足，自动批准".
    public var summary: String

    public init(verdict: Verdict, outcomes: [RuleOutcome], summary: String) {
        self.verdict = verdict
        self.outcomes = outcomes
        self.summary = summary
    }

    /// Reject only on a definite failure of a reject rule: missing data is the registries' gap,
    /// not proof of ineligibility. Approve only when every rule passed, and never with no rules,
    /// since "no conditions" is a configuration gap rather than a reason to approve everyone.
    public init(outcomes: [RuleOutcome]) {
        let rejecting = outcomes.filter { $0.status == .failed && $0.onFail == .reject }
        let failed = outcomes.count(where: { $0.status == .failed })
        let missing = outcomes.count(where: { $0.status == .missing })
        if !rejecting.isEmpty {
            let conditions = rejecting.map { "“\($0.description)”" }.joined(separator: "、")
            self.init(verdict: .reject, outcomes: outcomes, summary: "不符合申请条件：未满足\(conditions)")
        } else if outcomes.isEmpty {
            self.init(verdict: .refer, outcomes: outcomes, summary: "未配置审批条件，转人工审核")
        } else if failed == 0 && missing == 0 {
            self.init(verdict: .approve, outcomes: outcomes, summary: "全部 \(outcomes.count) 项条件均满足，自动批准")
        } else {
            let parts = [failed > 0 ? "\(failed) 项条件未满足" : nil,
                         missing > 0 ? (failed > 0 ? "\(missing) 项缺少数据" : "\(missing) 项条件缺少数据") : nil]
            let reason = parts.compactMap { $0 }.joined(separator: "，")
            self.init(verdict: .refer, outcomes: outcomes, summary: "\(reason)，转人工审核")
        }
    }
}
