import Testing
import TongbanCore

struct BadRulesCase: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    let code: String
    /// A fragment the Chinese message must contain, so it points the administrator at the problem.
    let mentions: String

    var testDescription: String { name }
}

/// Wraps one rule object in a rule set.
private func one(_ rule: String) -> String { #"{"version": 1, "rules": [\#(rule)]}"# }
private let ok = #"{"id": "ok", "description": "正常", "fact": "s", "op": "exists"}"#

let badRuleSets: [BadRulesCase] = [
    .init(name: "not JSON", json: "{ rules: [", code: "rules.invalid_json", mentions: "不是有效的 JSON"),
    .init(name: "empty text", json: "", code: "rules.invalid_json", mentions: "不是有效的 JSON"),
    .init(name: "top level is a list", json: "[]", code: "rules.invalid_json", mentions: "顶层应为对象"),
    .init(name: "rule is not an object", json: #"{"rules": [[]]}"#, code: "rules.invalid_json", mentions: "rules[0]"),
    .init(name: "rules is not a list", json: #"{"rules": {}}"#, code: "rules.invalid_json", mentions: "应为列表"),
    .init(name: "rules missing", json: #"{"version": 1}"#, code: "rules.invalid_json", mentions: "“rules”"),
    .init(name: "id missing", json: one(#"{"description": "甲", "fact": "s", "op": "exists"}"#),
          code: "rules.invalid_json", mentions: "缺少必填字段“id”（位置：rules[0]）"),
    .init(name: "id not text", json: one(#"{"id": 3, "description": "甲", "fact": "s", "op": "exists"}"#),
          code: "rules.invalid_json", mentions: "rules[0].id"),
    .init(name: "unknown operator", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "equal", "value": 1}"#),
          code: "rules.unknown_operator", mentions: "规则“a”使用了未知的运算符“equal”"),
    .init(name: "unknown operator nested",
          json: one(#"{"id": "g", "description": "组", "anyOf": [{"id": "b", "description": "乙", "fact": "s", "op": ">="}]}"#),
          code: "rules.unknown_operator", mentions: "规则“b”"),
    .init(name: "unknown field (typo)", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "exists", "onfail": "reject"}"#),
          code: "rules.unknown_field", mentions: "“onfail”"),
    .init(name: "unknown failure action", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "exists", "onFail": "deny"}"#),
          code: "rules.unknown_failure_action", mentions: "“deny”"),
    .init(name: "missing operand", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "equals"}"#),
          code: "rules.missing_operand", mentions: "需要比较值"),
    .init(name: "null operand", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "greaterThan", "value": null}"#),
          code: "rules.missing_operand", mentions: "规则“a”"),
    .init(name: "missing operator", json: one(#"{"id": "a", "description": "甲", "fact": "s", "value": 1}"#),
          code: "rules.missing_operator", mentions: "缺少运算符"),
    .init(name: "operand where none is taken", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "isTrue", "value": true}"#),
          code: "rules.invalid_operand", mentions: "不需要比较值"),
    .init(name: "ordering against text", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "greaterThan", "value": "6"}"#),
          code: "rules.invalid_operand", mentions: "数字或日期"),
    .init(name: "oneOf without a list", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "oneOf", "value": "正常"}"#),
          code: "rules.invalid_operand", mentions: "列表"),
    .init(name: "oneOf empty list", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "noneOf", "value": []}"#),
          code: "rules.invalid_operand", mentions: "不能为空"),
    .init(name: "fractional days", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "withinLastDays", "value": 1.5}"#),
          code: "rules.invalid_operand", mentions: "整数天数"),
    .init(name: "negative days", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "notWithinLastDays", "value": -1}"#),
          code: "rules.invalid_operand", mentions: "整数天数"),
    .init(name: "days as text", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "withinLastDays", "value": "365"}"#),
          code: "rules.invalid_operand", mentions: "整数天数"),
    .init(name: "contains a list", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "contains", "value": ["x"]}"#),
          code: "rules.invalid_operand", mentions: "单个值"),
    .init(name: "both fact and children",
          json: one(#"{"id": "g", "description": "组", "fact": "s", "op": "exists", "anyOf": [\#(ok)]}"#),
          code: "rules.invalid_group", mentions: "不能同时包含 fact 和子条件"),
    .init(name: "neither fact nor children", json: one(#"{"id": "g", "description": "组"}"#),
          code: "rules.invalid_group", mentions: "既没有 fact 也没有子条件"),
    .init(name: "both anyOf and allOf", json: one(#"{"id": "g", "description": "组", "anyOf": [\#(ok)], "allOf": []}"#),
          code: "rules.invalid_group", mentions: "anyOf 和 allOf"),
    .init(name: "empty group", json: one(#"{"id": "g", "description": "组", "allOf": []}"#),
          code: "rules.invalid_group", mentions: "allOf 不能为空"),
    .init(name: "group with operator", json: one(#"{"id": "g", "description": "组", "op": "exists", "anyOf": [\#(ok)]}"#),
          code: "rules.invalid_group", mentions: "不能设置 op 或 value"),
    .init(name: "duplicate ids", json: #"{"rules": [\#(ok), \#(ok)]}"#, code: "rules.duplicate_id", mentions: "“ok”重复"),
    .init(name: "duplicate id across nesting", json: one(#"{"id": "ok", "description": "组", "allOf": [\#(ok)]}"#),
          code: "rules.duplicate_id", mentions: "“ok”"),
    .init(name: "empty id", json: #"{"rules": [\#(ok), {"id": " ", "description": "甲", "fact": "s", "op": "exists"}]}"#,
          code: "rules.missing_id", mentions: "第2条规则"),
    .init(name: "empty description", json: one(#"{"id": "a", "description": "", "fact": "s", "op": "exists"}"#),
          code: "rules.missing_description", mentions: "规则“a”"),
    .init(name: "empty fact", json: one(#"{"id": "a", "description": "甲", "fact": "", "op": "exists"}"#),
          code: "rules.invalid_fact", mentions: "fact 不能为空"),
    .init(name: "impossible date", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "lessThan", "value": {"date": "2025-02-30"}}"#),
          code: "rules.invalid_value", mentions: "“2025-02-30”"),
    .init(name: "unsupported object value", json: one(#"{"id": "a", "description": "甲", "fact": "s", "op": "equals", "value": {"amount": 1}}"#),
          code: "rules.invalid_value", mentions: "rules[0].value"),
    .init(name: "unsupported version", json: #"{"version": 2, "rules": [\#(ok)]}"#, code: "rules.unsupported_version", mentions: "版本 2"),
    .init(name: "no rules", json: #"{"version": 1, "rules": []}"#, code: "rules.empty", mentions: "没有任何规则"),
    .init(name: "unknown top-level field", json: #"{"version": 1, "rule": [], "rules": [\#(ok)]}"#,
          code: "rules.unknown_field", mentions: "“rule”"),
]

@Suite("Rule set validation")
struct RuleValidationTests {
    @Test("bad rule JSON is refused with a code and a Chinese message that locates the problem", arguments: badRuleSets)
    func refuses(_ c: BadRulesCase) {
        let error = #expect(throws: RuleError.self) { try RuleSet.decode(json: c.json) }
        #expect(error?.code == c.code)
        #expect(error.map { RulesFixture.isChinese($0.message) } == true)
        #expect(error?.message.contains(c.mentions) == true, "\(error?.message ?? "")")
    }

    @Test("validate() applies the same checks to rule sets built in code")
    func validateInCode() {
        let rule = Rule(id: "a", description: "甲", fact: "s", op: .exists)
        let duplicate = #expect(throws: RuleError.self) { try RuleSet(rules: [rule, rule]).validate() }
        #expect(duplicate?.code == "rules.duplicate_id")
        let noOperand = #expect(throws: RuleError.self) {
            try RuleSet(rules: [Rule(id: "b", description: "乙", fact: "s", op: .equals)]).validate()
        }
        #expect(noOperand == RuleError(code: "rules.missing_operand", message: "规则“b”的运算符“equals”需要比较值（value）"))
    }

    @Test("a valid set passes validation", arguments: [RuleSet.housingFundPurchaseExample, RuleSetJSONTests.rich])
    func validPasses(set: RuleSet) throws {
        try set.validate()
    }
}
