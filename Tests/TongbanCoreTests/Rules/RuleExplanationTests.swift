import Testing
import TongbanCore

@Suite("Rule explanations")
struct RuleExplanationTests {
    private let example = RuleSet.housingFundPurchaseExample
    private func explanation(_ index: Int, _ facts: Facts, today: CalendarDate = RulesFixture.today) -> String {
        RulesFixture.outcome(example.rules[index], facts, today: today).explanation
    }

    @Test("text facts show actual and required values in quotes")
    func textValues() {
        #expect(explanation(1, ["fund.accountStatus": "封存"]) == "公积金账户状态为“封存”，要求为“正常”")
    }

    @Test("numbers show without a trailing .0 and with their unit")
    func numbers() {
        #expect(explanation(2, ["fund.consecutiveMonths": 8]) == "连续缴存时长为 8 个月，要求不少于 6 个月")
        #expect(explanation(2, ["fund.consecutiveMonths": 2.5]) == "连续缴存时长为 2.5 个月，要求不少于 6 个月")
    }

    @Test("yes/no facts read 是/否")
    func booleans() {
        #expect(explanation(3, ["fund.outstandingLoan": true]) == "是否有未结清的住房公积金贷款：“是”，要求为“否”")
        #expect(explanation(0, ["fund.isContributor": false]) == "是否为住房公积金缴存职工：“否”，要求为“是”")
    }

    @Test("dates read as 2025年1月31日 with the window spelled out")
    func dates() {
        let january = CalendarDate(year: 2025, month: 1, day: 31)
        #expect(explanation(4, ["realestate.latestRegistrationDate": RulesFixture.date("2023-05-01")], today: january)
                == "最近一次不动产登记日期为 2023年5月1日，要求在最近 365 天内（2024年2月1日至2025年1月31日）")
        #expect(explanation(4, ["realestate.latestRegistrationDate": RulesFixture.date("2025-03-01")], today: january)
                == "最近一次不动产登记日期为 2025年3月1日，晚于今天，要求在最近 365 天内（2024年2月1日至2025年1月31日）")
    }

    @Test("missing data names the fact")
    func missing() {
        #expect(explanation(4, [:]) == "缺少数据：最近一次不动产登记日期")
        #expect(explanation(4, ["realestate.latestRegistrationDate": .null]) == "缺少数据：最近一次不动产登记日期")
    }

    @Test("a type mismatch says what arrived and what was expected")
    func mismatch() {
        #expect(explanation(2, ["fund.consecutiveMonths": "八"]) == "连续缴存时长：数据格式不符，实际为文本（“八”），应为数字")
    }

    @Test("without a fact label the description names the condition")
    func withoutLabel() {
        let rule = Rule(id: "a", description: "公积金账户状态正常", fact: "s", op: .equals, value: "正常")
        #expect(RulesFixture.outcome(rule, ["s": "封存"]).explanation == "公积金账户状态正常：实际为“封存”，要求为“正常”")
        #expect(RulesFixture.outcome(rule, [:]).explanation == "缺少数据：公积金账户状态正常")
    }

    @Test("operator phrases", arguments: [
        (RuleOperator.notEquals, FactValue.string("封存"), FactValue.string("正常"), "测试数据为“正常”，要求不为“封存”"),
        (.greaterThan, 6, 8, "测试数据为 8，要求大于 6"),
        (.lessThan, 60, 45, "测试数据为 45，要求少于 60"),
        (.lessOrEqual, 60, 61, "测试数据为 61，要求不超过 60"),
        (.greaterOrEqual, RulesFixture.date("2025-01-01"), RulesFixture.date("2024-12-31"),
         "测试数据为 2024年12月31日，要求不早于 2025年1月1日"),
        (.oneOf, ["正常", "缓缴"] as FactValue, "封存", "测试数据为“封存”，要求为以下之一：“正常”、“缓缴”"),
        (.noneOf, ["封存", "销户"] as FactValue, "封存", "测试数据为“封存”，要求不为以下任何一项：“封存”、“销户”"),
        (.contains, "配偶", ["本人"] as FactValue, "测试数据为“本人”，要求包含“配偶”"),
        (.notWithinLastDays, 365, RulesFixture.date("2025-01-01"),
         "测试数据为 2025年1月1日，要求早于 2024年6月15日（即 365 天以前）"),
    ])
    func phrases(op: RuleOperator, operand: FactValue, actual: FactValue, expected: String) {
        #expect(RulesFixture.outcome(RulesFixture.condition(op, operand), ["f": actual]).explanation == expected)
    }

    @Test("presence checks explain themselves")
    func presence() {
        #expect(RulesFixture.outcome(RulesFixture.condition(.exists), [:]).explanation == "测试数据：无数据，要求有数据")
        #expect(RulesFixture.outcome(RulesFixture.condition(.exists), ["f": 1]).explanation == "测试数据：已有数据")
        #expect(RulesFixture.outcome(RulesFixture.condition(.notExists), ["f": "有"]).explanation == "测试数据为“有”，要求无此项数据")
    }

    @Test("fact values describe themselves for applicants", arguments: [
        (FactValue.string("正常"), "“正常”"), (8, "8"), (8.0, "8"), (-3, "-3"), (2.5, "2.5"), (0.1, "0.1"),
        (true, "“是”"), (false, "“否”"), (RulesFixture.date("2025-01-31"), "2025年1月31日"),
        (["a", 1] as FactValue, "“a”、1"), ([] as FactValue, "空列表"), (FactValue.null, "空值"),
    ])
    func valueDescription(value: FactValue, expected: String) {
        #expect(value.description == expected)
    }
}
