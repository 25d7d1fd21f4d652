import Foundation
import Testing
import TongbanCore

@Suite("住房公积金提取 verdicts")
struct HousingFundDecisionTests {
    private let rules = RuleSet.housingFundPurchaseExample

    private func decide(_ changes: Facts = [:], removing removed: [String] = []) -> RuleDecision {
        var facts = RulesFixture.eligibleApplicant.merging(changes) { $1 }
        for key in removed { facts[key] = nil }
        return RuleEngine.evaluate(rules, facts: facts, today: RulesFixture.today)
    }

    @Test("the example is a valid rule set that reads the five registry facts")
    func exampleIsValid() throws {
        try rules.validate()
        #expect(rules.requiredFacts == ["fund.isContributor", "fund.accountStatus", "fund.consecutiveMonths",
                                        "fund.outstandingLoan", "realestate.latestRegistrationDate"])
        #expect(rules.rules.filter { $0.onFail == .reject }.map(\.id) == ["is_contributor"])
    }

    @Test("an applicant meeting every condition is approved, every outcome recorded in order")
    func approve() {
        let decision = decide()
        #expect(decision.verdict == .approve)
        #expect(decision.summary == "全部 5 项条件均满足，自动批准")
        #expect(decision.outcomes.map(\.ruleID) == rules.rules.map(\.id))
        #expect(decision.outcomes.allSatisfy { $0.status == .passed })
        #expect(decision.outcomes[2].explanation == "连续缴存时长为 8 个月，要求不少于 6 个月")
    }

    @Test("a sealed account is referred to a person with the reason attached")
    func referOnFailure() {
        let decision = decide(["fund.accountStatus": "封存"])
        #expect(decision.verdict == .refer)
        #expect(decision.summary == "1 项条件未满足，转人工审核")
        #expect(decision.outcomes[1].status == .failed)
        #expect(decision.outcomes[1].explanation == "公积金账户状态为“封存”，要求为“正常”")
    }

    @Test("missing registry data refers, never approves")
    func referOnMissing() {
        let decision = decide(removing: ["realestate.latestRegistrationDate"])
        #expect(decision.verdict == .refer)
        #expect(decision.summary == "1 项条件缺少数据，转人工审核")
        #expect(decision.outcomes[4].status == .missing)
    }

    @Test("failures and gaps are both counted")
    func referOnBoth() {
        let decision = decide(["fund.consecutiveMonths": 4, "fund.outstandingLoan": true], removing: ["fund.accountStatus"])
        #expect(decision.verdict == .refer)
        #expect(decision.summary == "2 项条件未满足，1 项缺少数据，转人工审核")
    }

    @Test("a non-contributor is rejected, even when other data is missing")
    func reject() {
        let decision = decide(["fund.isContributor": false], removing: ["fund.accountStatus", "fund.consecutiveMonths"])
        #expect(decision.verdict == .reject)
        #expect(decision.summary == "不符合申请条件：未满足“申请人为住房公积金缴存职工”")
        #expect(decision.outcomes.count == 5)
    }

    @Test("an unknown contributor status refers rather than rejects")
    func missingRejectRuleRefers() {
        let decision = decide(removing: ["fund.isContributor"])
        #expect(decision.verdict == .refer)
        #expect(decision.outcomes[0].status == .missing)
    }

    @Test("a mistyped registry value fails the rule, as the semantics say, with a reason")
    func mistypedRejectRule() {
        let decision = decide(["fund.isContributor": "是"])
        #expect(decision.outcomes[0].status == .failed)
        #expect(decision.outcomes[0].explanation.contains("数据格式不符"))
        #expect(decision.verdict == .reject)
    }

    @Test("an old purchase or a future registration date refers", arguments: ["2024-06-14", "2025-06-16"])
    func propertyOutsideWindow(iso: String) {
        let decision = decide(["realestate.latestRegistrationDate": RulesFixture.date(iso)])
        #expect(decision.verdict == .refer)
        #expect(decision.outcomes[4].status == .failed)
    }

    @Test("a purchase exactly 365 days ago still approves")
    func windowBoundary() {
        #expect(decide(["realestate.latestRegistrationDate": RulesFixture.date("2024-06-15")]).verdict == .approve)
    }

    @Test("no facts at all refers with every rule missing")
    func noFacts() {
        let decision = RuleEngine.evaluate(rules, facts: [:], today: RulesFixture.today)
        #expect(decision.verdict == .refer)
        #expect(decision.summary == "5 项条件缺少数据，转人工审核")
    }

    @Test("an empty rule set never approves")
    func emptyRuleSet() {
        let decision = RuleEngine.evaluate(RuleSet(rules: []), facts: RulesFixture.eligibleApplicant, today: RulesFixture.today)
        #expect(decision.verdict == .refer)
        #expect(decision.outcomes.isEmpty)
    }

    @Test("decisions are deterministic and survive a JSON round trip")
    func decisionCodable() throws {
        let decision = decide(["fund.accountStatus": "封存"])
        #expect(decision == decide(["fund.accountStatus": "封存"]))
        let data = try JSONEncoder().encode(decision)
        #expect(try JSONDecoder().decode(RuleDecision.self, from: data) == decision)
    }

    @Test("evaluating about ten rules takes microseconds")
    func speed() {
        var many = rules.rules
        many.append(Rule(id: "age", description: "年龄不超过 60 周岁", fact: "applicant.age", op: .lessOrEqual, value: 60))
        many.append(Rule(id: "region", description: "户籍在本市", anyOf: [
            Rule(id: "r1", description: "浦东", fact: "applicant.district", op: .oneOf, value: ["浦东新区", "徐汇区"]),
            Rule(id: "r2", description: "居住证", fact: "applicant.residencePermit", op: .isTrue),
        ]))
        many.append(Rule(id: "name", description: "姓名", fact: "applicant.name", op: .exists))
        let set = RuleSet(rules: many)
        var facts = RulesFixture.eligibleApplicant
        facts["applicant.age"] = 35
        facts["applicant.district"] = "徐汇区"
        facts["applicant.name"] = "张三"
        let rounds = 2_000
        let clock = ContinuousClock()
        var approved = 0
        let elapsed = clock.measure {
            for _ in 0..<rounds where RuleEngine.evaluate(set, facts: facts, today: RulesFixture.today).verdict == .approve {
                approved += 1
            }
        }
        #expect(approved == rounds)
        // Generous for unoptimised debug builds on a shared machine; release builds are far faster.
        #expect(elapsed / rounds < .microseconds(500))
    }
}
