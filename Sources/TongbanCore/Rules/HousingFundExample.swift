extension RuleSet {
    /// 住房公积金提取（购买自住住房）: documents the rule format and seeds the catalogue.
    /// Facts: fund.isContributor, fund.accountStatus, fund.consecutiveMonths, fund.outstandingLoan,
    /// realestate.latestRegistrationDate.
    public static let housingFundPurchaseExample = RuleSet(rules: [
        // Eligibility comes first: someone who never contributed cannot withdraw, so a person need not look.
        Rule(id: "is_contributor", description: "申请人为住房公积金缴存职工",
             fact: "fund.isContributor", op: .isTrue, onFail: .reject,
             factLabel: "是否为住房公积金缴存职工"),
        Rule(id: "account_active", description: "公积金账户状态正常",
             fact: "fund.accountStatus", op: .equals, value: .string("正常"),
             factLabel: "公积金账户状态"),
        Rule(id: "consecutive_contributions", description: "近 6 个月连续缴存住房公积金",
             fact: "fund.consecutiveMonths", op: .greaterOrEqual, value: .number(6),
             factLabel: "连续缴存时长", unit: "个月"),
        Rule(id: "no_outstanding_loan", description: "无未结清的住房公积金贷款",
             fact: "fund.outstandingLoan", op: .isFalse,
             factLabel: "是否有未结清的住房公积金贷款"),
        Rule(id: "recent_home_purchase", description: "近 12 个月内在本人名下登记住房",
             fact: "realestate.latestRegistrationDate", op: .withinLastDays, value: .number(365),
             factLabel: "最近一次不动产登记日期"),
    ])
}
