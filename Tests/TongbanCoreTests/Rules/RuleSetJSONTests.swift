import Foundation
import Testing
import TongbanCore

@Suite("Rule set JSON")
struct RuleSetJSONTests {
    /// Exercises every value form, both group kinds, nesting and reject rules.
    static let rich = RuleSet(rules: [
        Rule(id: "contributor", description: "缴存职工", fact: "fund.isContributor", op: .isTrue, onFail: .reject),
        Rule(id: "status", description: "账户正常", fact: "fund.accountStatus", op: .oneOf, value: ["正常", "缓缴"],
             factLabel: "公积金账户状态"),
        Rule(id: "balance", description: "余额", fact: "fund.balance", op: .greaterThan, value: 2.5, unit: "元"),
        Rule(id: "opened", description: "开户日期", fact: "fund.openedOn", op: .lessOrEqual,
             value: .date(CalendarDate(year: 2025, month: 1, day: 31))),
        Rule(id: "residence", description: "本市户籍或居住证", anyOf: [
            Rule(id: "hukou", description: "本市户籍", fact: "applicant.hukouCity", op: .equals, value: "上海市"),
            Rule(id: "permit", description: "居住证", allOf: [
                Rule(id: "permit_held", description: "持有居住证", fact: "applicant.permit", op: .exists),
                Rule(id: "permit_recent", description: "居住证有效", fact: "applicant.permitIssued", op: .notWithinLastDays, value: 30),
            ]),
        ], onFail: .reject),
        Rule(id: "no_note", description: "无备注", fact: "applicant.note", op: .notExists, value: .null),
    ])

    @Test("decoding the canonical JSON gives back an equal rule set", arguments: [rich, RuleSet.housingFundPurchaseExample])
    func roundTrip(set: RuleSet) throws {
        let decoded = try RuleSet.decode(json: set.json)
        #expect(decoded == set)
        #expect(decoded.json == set.json)
    }

    @Test("canonical JSON has sorted keys, keeps Chinese readable and states onFail explicitly")
    func canonicalForm() throws {
        let json = RuleSet.housingFundPurchaseExample.json
        let first = try #require(json.range(of: "\"description\"")).lowerBound
        let fact = try #require(json.range(of: "\"fact\"")).lowerBound
        let id = try #require(json.range(of: "\"id\"")).lowerBound
        #expect(first < fact && fact < id)
        #expect(json.contains("公积金账户状态正常"))
        #expect(json.components(separatedBy: "\"onFail\"").count == 6)
        #expect(!json.contains("6.0"))
    }

    @Test("hand-written JSON with defaults decodes as intended")
    func handWritten() throws {
        let json = """
        {"rules": [
          {"id": "account_active", "description": "公积金账户状态正常",
           "fact": "fund.accountStatus", "op": "equals", "value": "正常"},
          {"id": "recent", "description": "近一年登记", "fact": "realestate.latestRegistrationDate",
           "op": "withinLastDays", "value": 365, "onFail": "refer"},
          {"id": "any", "description": "任一", "anyOf": [
             {"id": "a", "description": "甲", "fact": "x", "op": "greaterOrEqual", "value": {"date": "2025-01-31"}},
             {"id": "b", "description": "乙", "fact": "y", "op": "isFalse", "onFail": "reject"}]}
        ]}
        """
        let set = try RuleSet.decode(json: json)
        #expect(set.version == 1)
        #expect(set.rules[0] == Rule(id: "account_active", description: "公积金账户状态正常",
                                     fact: "fund.accountStatus", op: .equals, value: "正常"))
        #expect(set.rules[1].value == .number(365))
        #expect(set.rules[2].anyOf?[0].value == .date(CalendarDate(year: 2025, month: 1, day: 31)))
        #expect(set.rules[2].anyOf?[1].onFail == .reject)
        #expect(set.rules[2].onFail == .refer)
    }

    @Test("requiredFacts lists every fact read, nested ones included")
    func requiredFacts() {
        #expect(Self.rich.requiredFacts == ["fund.isContributor", "fund.accountStatus", "fund.balance", "fund.openedOn",
                                            "applicant.hukouCity", "applicant.permit", "applicant.permitIssued", "applicant.note"])
    }

    @Test("fact values use plain JSON forms", arguments: [
        ("\"x\"", FactValue.string("x")), ("3", .number(3)), ("2.5", .number(2.5)), ("true", .bool(true)),
        ("[\"a\",\"b\"]", .list(["a", "b"])), ("{\"date\":\"2025-01-31\"}", .date(CalendarDate(year: 2025, month: 1, day: 31))),
        ("null", .null), ("[1,[true,null]]", .list([1, .list([true, .null])])), ("\"2025-01-31\"", .string("2025-01-31")),
    ])
    func factValueJSON(json: String, value: FactValue) throws {
        let decoded = try JSONDecoder().decode([FactValue].self, from: Data("[\(json)]".utf8))
        #expect(decoded == [value])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode([value]), as: UTF8.self) == "[\(json)]")
    }

    @Test("facts from a registry response decode as a Facts dictionary")
    func factsDictionary() throws {
        let json = #"{"fund.accountStatus":"正常","fund.consecutiveMonths":8,"fund.outstandingLoan":false,"realestate.latestRegistrationDate":{"date":"2025-03-20"}}"#
        let facts = try JSONDecoder().decode(Facts.self, from: Data(json.utf8))
        #expect(facts["fund.consecutiveMonths"] == .number(8))
        #expect(facts["fund.outstandingLoan"] == .bool(false))
        #expect(facts["realestate.latestRegistrationDate"] == RulesFixture.date("2025-03-20"))
    }

    @Test("non-finite numbers are written as null so json never fails")
    func nonFinite() {
        let set = RuleSet(rules: [Rule(id: "a", description: "甲", fact: "x", op: .equals, value: .number(.infinity))])
        #expect(set.json.contains("null"))
    }
}
