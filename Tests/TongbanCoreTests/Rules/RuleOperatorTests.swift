import Testing
import TongbanCore

struct OperatorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let op: RuleOperator
    let operand: FactValue?
    let actual: FactValue?
    let expected: RuleOutcome.Status

    init(_ name: String, _ op: RuleOperator, _ operand: FactValue?, _ actual: FactValue?, _ expected: RuleOutcome.Status) {
        self.name = name
        self.op = op
        self.operand = operand
        self.actual = actual
        self.expected = expected
    }

    var testDescription: String { name }
}

private let d = RulesFixture.date

/// Pass, fail, missing and type mismatch for every operator (on 2025-06-15).
let operatorCases: [OperatorCase] = [
    .init("equals pass", .equals, "正常", "正常", .passed),
    .init("equals fail", .equals, "正常", "封存", .failed),
    .init("equals missing", .equals, "正常", nil, .missing),
    .init("equals mismatch", .equals, "正常", 8, .failed),
    .init("equals numbers ignore .0", .equals, 6, 6.0, .passed),
    .init("equals dates", .equals, d("2025-01-31"), d("2025-01-31"), .passed),
    .init("notEquals pass", .notEquals, "封存", "正常", .passed),
    .init("notEquals fail", .notEquals, "封存", "封存", .failed),
    .init("notEquals missing", .notEquals, "封存", nil, .missing),
    .init("notEquals mismatch", .notEquals, "封存", true, .failed),
    .init("greaterThan pass", .greaterThan, 6, 8, .passed),
    .init("greaterThan fail at equal", .greaterThan, 6, 6, .failed),
    .init("greaterThan missing", .greaterThan, 6, nil, .missing),
    .init("greaterThan mismatch", .greaterThan, 6, "8", .failed),
    .init("greaterThan date", .greaterThan, d("2025-01-01"), d("2025-03-01"), .passed),
    .init("greaterThan NaN never passes", .greaterThan, 6, .number(.nan), .failed),
    .init("greaterOrEqual pass at equal", .greaterOrEqual, 6, 6, .passed),
    .init("greaterOrEqual fail", .greaterOrEqual, 6, 5, .failed),
    .init("greaterOrEqual missing", .greaterOrEqual, 6, nil, .missing),
    .init("greaterOrEqual mismatch", .greaterOrEqual, 6, true, .failed),
    .init("greaterOrEqual fractional", .greaterOrEqual, 2.5, 2.5, .passed),
    .init("lessThan pass", .lessThan, 60, 45, .passed),
    .init("lessThan fail", .lessThan, 60, 60, .failed),
    .init("lessThan missing", .lessThan, 60, nil, .missing),
    .init("lessThan mismatch date vs number", .lessThan, 60, d("2025-01-01"), .failed),
    .init("lessThan date", .lessThan, d("2025-01-01"), d("2024-12-31"), .passed),
    .init("lessOrEqual pass", .lessOrEqual, 60, 60, .passed),
    .init("lessOrEqual fail", .lessOrEqual, 60, 61, .failed),
    .init("lessOrEqual missing", .lessOrEqual, 60, nil, .missing),
    .init("lessOrEqual mismatch", .lessOrEqual, 60, ["60"], .failed),
    .init("oneOf pass", .oneOf, ["正常", "缓缴"], "缓缴", .passed),
    .init("oneOf fail", .oneOf, ["正常", "缓缴"], "封存", .failed),
    .init("oneOf missing", .oneOf, ["正常", "缓缴"], nil, .missing),
    .init("oneOf mismatch", .oneOf, ["正常", "缓缴"], 1, .failed),
    .init("noneOf pass", .noneOf, ["封存", "销户"], "正常", .passed),
    .init("noneOf fail", .noneOf, ["封存", "销户"], "销户", .failed),
    .init("noneOf missing", .noneOf, ["封存", "销户"], nil, .missing),
    .init("noneOf mismatch", .noneOf, ["封存", "销户"], false, .failed),
    .init("exists pass", .exists, nil, "x", .passed),
    .init("exists pass on false", .exists, nil, false, .passed),
    .init("exists fail when absent", .exists, nil, nil, .failed),
    .init("exists fail on null", .exists, nil, .null, .failed),
    .init("notExists pass when absent", .notExists, nil, nil, .passed),
    .init("notExists pass on null", .notExists, nil, .null, .passed),
    .init("notExists fail", .notExists, nil, 0, .failed),
    .init("isTrue pass", .isTrue, nil, true, .passed),
    .init("isTrue fail", .isTrue, nil, false, .failed),
    .init("isTrue missing", .isTrue, nil, nil, .missing),
    .init("isTrue missing on null", .isTrue, nil, .null, .missing),
    .init("isTrue mismatch", .isTrue, nil, "是", .failed),
    .init("isFalse pass", .isFalse, nil, false, .passed),
    .init("isFalse fail", .isFalse, nil, true, .failed),
    .init("isFalse missing", .isFalse, nil, nil, .missing),
    .init("isFalse mismatch", .isFalse, nil, 0, .failed),
    .init("withinLastDays pass", .withinLastDays, 365, d("2025-01-01"), .passed),
    .init("withinLastDays fail", .withinLastDays, 365, d("2024-01-01"), .failed),
    .init("withinLastDays missing", .withinLastDays, 365, nil, .missing),
    .init("withinLastDays mismatch", .withinLastDays, 365, "2025-01-01", .failed),
    .init("withinLastDays exactly 365 days ago", .withinLastDays, 365, d("2024-06-15"), .passed),
    .init("withinLastDays 366 days ago", .withinLastDays, 365, d("2024-06-14"), .failed),
    .init("withinLastDays today", .withinLastDays, 365, d("2025-06-15"), .passed),
    .init("withinLastDays tomorrow is future", .withinLastDays, 365, d("2025-06-16"), .failed),
    .init("withinLastDays zero days means today", .withinLastDays, 0, d("2025-06-15"), .passed),
    .init("notWithinLastDays pass", .notWithinLastDays, 365, d("2024-01-01"), .passed),
    .init("notWithinLastDays fail", .notWithinLastDays, 365, d("2025-01-01"), .failed),
    .init("notWithinLastDays missing", .notWithinLastDays, 365, nil, .missing),
    .init("notWithinLastDays mismatch", .notWithinLastDays, 365, 20240101, .failed),
    .init("notWithinLastDays exactly 365 days ago", .notWithinLastDays, 365, d("2024-06-15"), .failed),
    .init("notWithinLastDays 366 days ago", .notWithinLastDays, 365, d("2024-06-14"), .passed),
    .init("notWithinLastDays future", .notWithinLastDays, 365, d("2026-01-01"), .failed),
    .init("contains list pass", .contains, "配偶", ["本人", "配偶"], .passed),
    .init("contains list fail", .contains, "子女", ["本人", "配偶"], .failed),
    .init("contains text pass", .contains, "浦东", "上海市浦东新区", .passed),
    .init("contains text fail", .contains, "徐汇", "上海市浦东新区", .failed),
    .init("contains missing", .contains, "配偶", nil, .missing),
    .init("contains mismatch on number", .contains, "5", 5, .failed),
    .init("contains mismatch text vs number", .contains, 5, "上海市", .failed),
]

@Suite("Rule operators")
struct RuleOperatorTests {
    @Test("each operator passes, fails, reports missing data and fails on a type mismatch", arguments: operatorCases)
    func operatorOutcome(_ c: OperatorCase) {
        var facts: Facts = ["other": "x"]
        if let actual = c.actual { facts["f"] = actual }
        let outcome = RulesFixture.outcome(RulesFixture.condition(c.op, c.operand), facts)
        #expect(outcome.status == c.expected)
        #expect(RulesFixture.isChinese(outcome.explanation))
    }

    @Test("the case table covers every operator")
    func everyOperatorCovered() {
        #expect(Set(operatorCases.map(\.op)) == Set(RuleOperator.allCases))
    }

    @Test("a missing fact is explained by name", arguments: [RuleOperator.equals, .greaterOrEqual, .oneOf, .isTrue, .withinLastDays, .contains])
    func missingExplanation(op: RuleOperator) {
        let operand: FactValue? = switch op {
        case .oneOf: ["a"]
        case .isTrue: nil
        default: 1
        }
        let rule = RulesFixture.condition(op, operand, label: "最近一次不动产登记日期")
        #expect(RulesFixture.outcome(rule, [:]).explanation == "缺少数据：最近一次不动产登记日期")
    }

    @Test("a mismatch never traps, even for rules built in code without validation",
          arguments: [FactValue.string("x"), 1, 2.5, true, .date(CalendarDate(year: 2025, month: 1, day: 1)), ["a"], .null])
    func mismatchesAreTotal(operand: FactValue) {
        let facts: Facts = ["f": .list([1, "a", .null])]
        for op in RuleOperator.allCases {
            let outcome = RulesFixture.outcome(RulesFixture.condition(op, operand), facts)
            #expect(!outcome.explanation.isEmpty)
        }
    }
}
