import Testing
import TongbanCore

@Suite("Recommend: LifeStageRules")
struct RecommendLifeStageRulesTests {
    let rules = LifeStageRules()

    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso)! }

    @Test("age counts completed years; a 29 February birthday turns on 1 March in common years",
          arguments: [("1990-06-15", "2025-06-14", 34), ("1990-06-15", "2025-06-15", 35),
                      ("2000-02-29", "2018-02-28", 17), ("2000-02-29", "2018-03-01", 18), ("2000-02-29", "2020-02-29", 20)])
    func age(born: String, today: String, expected: Int) {
        #expect(LifeStageRules.age(born: Self.day(born), on: Self.day(today)) == expected)
    }

    @Test("the ID card is due from 90 days before it expires, and after",
          arguments: [("2025-05-30", "居民身份证将于 2025-05-30 到期（还有 90 天），可以办理换领"),
                      ("2025-03-01", "居民身份证今天到期，请尽快办理换领"),
                      ("2025-02-28", "居民身份证已于 2025-02-28 过期，请尽快办理换领")])
    func idCardDue(expiry: String, reason: String) {
        let due = rules.idCardRenewal(expiry: Self.day(expiry), today: Self.day("2025-03-01"))
        #expect(due == DueService(key: "居民身份证换领", reason: reason, dueBy: Self.day(expiry)))
    }

    @Test("an ID card 91 days from expiry is not due yet")
    func idCardNotYet() {
        #expect(rules.idCardRenewal(expiry: Self.day("2025-05-31"), today: Self.day("2025-03-01")) == nil)
    }

    @Test("statutory retirement age under the 2025 reform, at the edges of each step",
          arguments: [(RetirementGroup.men60, "1964-12-31", 60, 0), (.men60, "1965-01-01", 60, 1), (.men60, "1965-04-30", 60, 1),
                      (.men60, "1965-05-01", 60, 2), (.men60, "1976-08-15", 62, 11), (.men60, "1976-09-01", 63, 0),
                      (.men60, "1990-01-01", 63, 0),
                      (.women55, "1969-12-31", 55, 0), (.women55, "1970-01-01", 55, 1), (.women55, "1981-09-01", 58, 0),
                      (.women50, "1974-12-31", 50, 0), (.women50, "1975-01-01", 50, 1), (.women50, "1975-03-01", 50, 2),
                      (.women50, "1984-10-31", 54, 11), (.women50, "1984-11-01", 55, 0)])
    func statutoryAge(group: RetirementGroup, born: String, years: Int, months: Int) {
        let age = group.statutoryAge(born: Self.day(born))
        #expect(age.years == years)
        #expect(age.months == months)
    }

    @Test("retirement is due from 90 days before the statutory day until 180 days after",
          arguments: [("2025-01-09", nil), ("2025-01-10", "将于 2025-04-10 达到法定退休年龄（60 周岁 1 个月），可以提前准备办理退休"),
                      ("2025-10-07", "已于 2025-04-10 达到法定退休年龄（60 周岁 1 个月），可以办理退休"), ("2025-10-08", nil)])
    func retirementWindow(today: String, reason: String?) {
        // Born March 1965: 60 years and 1 month, so 10 April 2025.
        let due = rules.retirement(born: Self.day("1965-03-10"), group: .men60, today: Self.day(today))
        #expect(due?.reason == reason)
        #expect(due.map(\.key) == reason.map { _ in "退休" })
    }

    @Test("school is due the year a child turns 6 before 1 September",
          arguments: [("2019-08-31", true), ("2019-09-01", false), ("2018-09-01", true), ("2018-08-31", false)])
    func schoolCohort(born: String, due: Bool) {
        let result = rules.schoolEnrolment(childBorn: Self.day(born), today: Self.day("2025-03-01"))
        #expect((result != nil) == due)
        #expect(result?.dueBy == (due ? Self.day("2025-08-31") : nil))
    }

    @Test("school stops being due on 1 September; a 29 February child turns 6 on 1 March")
    func schoolDates() {
        #expect(rules.schoolEnrolment(childBorn: Self.day("2019-05-03"), today: Self.day("2025-08-31")) != nil)
        #expect(rules.schoolEnrolment(childBorn: Self.day("2019-05-03"), today: Self.day("2025-09-01")) == nil)
        #expect(rules.schoolEnrolment(childBorn: Self.day("2020-02-29"), today: Self.day("2026-05-01"))?.reason
            == "2020-02-29 出生的孩子在今年 9 月 1 日前年满 6 周岁，可以报名今年秋季入学")
    }

    @Test("the annual report is due 1 January to 30 June for companies founded before this year",
          arguments: [("2024-12-31", "2025-01-01", true), ("2024-12-31", "2025-06-30", true),
                      ("2024-12-31", "2025-07-01", false), ("2025-01-01", "2025-03-01", false)])
    func annualReport(founded: String, today: String, due: Bool) {
        let result = rules.due(for: Company(founded: Self.day(founded)), today: Self.day(today))
        #expect(result.map(\.key) == (due ? ["企业年报"] : []))
        #expect(result.first?.dueBy == (due ? Self.day("2025-06-30") : nil))
    }

    @Test("keys come from the caller, so the app gets its own catalogue codes back")
    func residentWithCodes() {
        var keys = LifeStageKeys()
        keys.idCardRenewal = "11110000-001"
        keys.retirement = "11110000-002"
        keys.schoolEnrolment = "11110000-003"
        let rules = LifeStageRules(keys: keys)
        // A woman born June 1970 with no group given is treated as a 55 one: 55 and 2 months, 2025-08-15.
        let resident = Resident(birthDate: Self.day("1970-06-15"), gender: .female, idCardExpiry: Self.day("2025-08-01"),
                                childrenBirthDates: [Self.day("2019-03-01"), Self.day("2021-03-01")])
        let due = rules.due(for: resident, today: Self.day("2025-07-01"))
        #expect(due.map(\.key) == ["11110000-001", "11110000-002", "11110000-003"])
        #expect(due[1].reason.contains("2025-08-15"))
        #expect(rules.due(for: Resident(), today: Self.day("2025-07-01")).isEmpty)
    }
}
