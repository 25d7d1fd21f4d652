import TongbanCore

/// Shared inputs for the Rules tests; namespaced so it cannot clash with other test folders.
enum RulesFixture {
    /// 2025-06-15: the 365-day window then starts on 2024-06-15 (after the 2024 leap day).
    static let today = CalendarDate(year: 2025, month: 6, day: 15)

    static func date(_ iso: String) -> FactValue { .date(CalendarDate(iso)!) }

    /// A 公积金 applicant who meets every condition on `today`.
    static let eligibleApplicant: Facts = [
        "fund.isContributor": true,
        "fund.accountStatus": "正常",
        "fund.consecutiveMonths": 8,
        "fund.outstandingLoan": false,
        "realestate.latestRegistrationDate": date("2025-03-20"),
    ]

    static func condition(_ op: RuleOperator, _ value: FactValue? = nil, fact: String = "f",
                          label: String? = "测试数据", unit: String? = nil) -> Rule {
        Rule(id: "r", description: "测试条件", fact: fact, op: op, value: value, factLabel: label, unit: unit)
    }

    /// Evaluates one rule on its own and returns its outcome.
    static func outcome(_ rule: Rule, _ facts: Facts, today: CalendarDate = today) -> RuleOutcome {
        RuleEngine.evaluate(RuleSet(rules: [rule]), facts: facts, today: today).outcomes[0]
    }

    static func isChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }
}
