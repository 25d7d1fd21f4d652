import Testing
import TongbanCore

@Suite("Rule groups")
struct RuleGroupTests {
    typealias Status = RuleOutcome.Status

    /// A leaf whose status is chosen through its fact: true passes, false fails, absent is missing.
    private static func leaf(_ index: Int) -> Rule {
        Rule(id: "c\(index)", description: "条件\(index)", fact: "f\(index)", op: .isTrue, factLabel: "数据\(index)")
    }

    private static func facts(_ statuses: [Status], offset: Int = 0) -> Facts {
        var facts: Facts = [:]
        for (i, status) in statuses.enumerated() {
            switch status {
            case .passed: facts["f\(i + offset)"] = true
            case .failed: facts["f\(i + offset)"] = false
            case .missing: break
            }
        }
        return facts
    }

    /// Every combination of three child statuses.
    static let combinations: [[Status]] = {
        let all: [Status] = [.passed, .failed, .missing]
        return all.flatMap { a in all.flatMap { b in all.map { c in [a, b, c] } } }
    }()

    @Test("allOf: failed if any child failed, else missing if any missing, else passed", arguments: combinations)
    func allOf(children: [Status]) {
        let group = Rule(id: "g", description: "组", allOf: (0..<3).map(Self.leaf))
        let expected: Status = children.contains(.failed) ? .failed : children.contains(.missing) ? .missing : .passed
        #expect(RulesFixture.outcome(group, Self.facts(children)).status == expected)
    }

    @Test("anyOf: passed if any child passed, else missing if any missing, else failed", arguments: combinations)
    func anyOf(children: [Status]) {
        let group = Rule(id: "g", description: "组", anyOf: (0..<3).map(Self.leaf))
        let expected: Status = children.contains(.passed) ? .passed : children.contains(.missing) ? .missing : .failed
        #expect(RulesFixture.outcome(group, Self.facts(children)).status == expected)
    }

    /// allOf[ anyOf[ allOf[c0, c1], c2 ], c3 ]
    private static let nested = Rule(id: "outer", description: "外层", allOf: [
        Rule(id: "middle", description: "中层", anyOf: [
            Rule(id: "inner", description: "内层", allOf: [leaf(0), leaf(1)]),
            leaf(2),
        ]),
        leaf(3),
    ])

    @Test("groups nest three levels deep", arguments: [
        ([Status.passed, .passed, .failed, .passed], Status.passed),
        ([.failed, .passed, .passed, .passed], .passed),
        ([.failed, .passed, .failed, .passed], .failed),
        ([.missing, .passed, .failed, .passed], .missing),
        ([.missing, .passed, .failed, .failed], .failed),
        ([.passed, .passed, .missing, .missing], .missing),
    ])
    func nestedGroups(children: [Status], expected: Status) {
        #expect(RulesFixture.outcome(Self.nested, Self.facts(children)).status == expected)
    }

    @Test("group explanations carry the children's explanations")
    func groupExplanations() {
        let facts = Self.facts([.failed, .passed, .failed, .passed])
        #expect(RulesFixture.outcome(Self.nested, facts).explanation
                == "未满足：中层（以下条件均未满足：内层（未满足：数据0：“否”，要求为“是”）；数据2：“否”，要求为“是”）")
        let anyOf = Rule(id: "g", description: "组", anyOf: [Self.leaf(0), Self.leaf(1)])
        #expect(RulesFixture.outcome(anyOf, Self.facts([.missing, .passed])).explanation == "满足其中一项：数据1：“是”，要求为“是”")
        #expect(RulesFixture.outcome(anyOf, Self.facts([.missing, .failed])).explanation
                == "以下条件均未满足或缺少数据：缺少数据：数据0；数据1：“否”，要求为“是”")
    }

    @Test("only a top-level rule's onFail decides: a failing reject child inside a group only refers")
    func nestedRejectDoesNotReject() {
        var child = Self.leaf(0)
        child.onFail = .reject
        let group = Rule(id: "g", description: "组", allOf: [child, Self.leaf(1)])
        let decision = RuleEngine.evaluate(RuleSet(rules: [group]), facts: Self.facts([.failed, .passed]), today: RulesFixture.today)
        #expect(decision.verdict == .refer)

        let rejectingGroup = Rule(id: "g", description: "组", anyOf: [Self.leaf(0), Self.leaf(1)], onFail: .reject)
        let rejected = RuleEngine.evaluate(RuleSet(rules: [rejectingGroup]), facts: Self.facts([.failed, .failed]), today: RulesFixture.today)
        #expect(rejected.verdict == .reject)
    }

    @Test("a malformed rule built in code is missing, never failed, so it cannot reject", arguments: [
        Rule(id: "x", description: "无运算符", fact: "f0", onFail: .reject),
        Rule(id: "x", description: "缺少比较值", fact: "f0", op: .equals, onFail: .reject),
        Rule(id: "x", description: "空组", anyOf: [], onFail: .reject),
        Rule(id: "x", description: "两者皆无", onFail: .reject),
        Rule(id: "x", description: "天数非整数", fact: "f0", op: .withinLastDays, value: 1.5, onFail: .reject),
        Rule(id: "x", description: "天数过大", fact: "f0", op: .withinLastDays, value: 1e300, onFail: .reject),
    ])
    func malformedRule(rule: Rule) {
        let decision = RuleEngine.evaluate(RuleSet(rules: [rule]), facts: ["f0": true], today: RulesFixture.today)
        #expect(decision.outcomes[0].status == .missing)
        #expect(decision.outcomes[0].explanation.hasPrefix("规则配置有误"))
        #expect(decision.verdict == .refer)
    }
}
