import Testing
@testable import TongbanCore

@Suite("居民身份证号码")
struct ResidentIDTests {
    /// Fixed so date-range tests do not drift with the clock.
    let today = CivilDate(year: 2025, month: 6, day: 15)

    /// Builds an 18-digit number with a correct check character around `first17`, so a
    /// rejection can only come from the rule under test.
    func withCheck(_ first17: String) -> String {
        first17 + String(ResidentID.checkCharacter(forFirst17: first17))
    }

    @Test("accepts the GB 11643 standard's own example and reads its fields")
    func standardExample() throws {
        let id = try ResidentID.parse("11010519491231002X")
        #expect(id.value == "11010519491231002X")
        #expect(id.regionCode == "110105")
        #expect((id.birthYear, id.birthMonth, id.birthDay) == (1949, 12, 31))
        #expect(!id.isMale)
    }

    @Test("accepts numbers born before 1900 (lower bound is 1800-01-01)")
    func bornIn1880() throws {
        let id = try ResidentID.parse("440524188001010014")
        #expect(id.birthYear == 1880)
        #expect(id.isMale)
    }

    @Test("upgrades a legacy 15-digit number by adding 19 and the check character")
    func legacyUpgrade() throws {
        #expect(try ResidentID.parse("110105491231002").value == "11010519491231002X")
    }

    @Test("trims surrounding spaces, including the full-width space of Chinese input methods")
    func trimsSpaces() throws {
        #expect(try ResidentID.parse("  11010519491231002X\n").value == "11010519491231002X")
        #expect(try ResidentID.parse("\u{3000}11010519491231002X").value == "11010519491231002X")
    }

    @Test("normalises a lower-case x check character")
    func lowerCaseX() throws {
        let id = try ResidentID.parse("11010519491231002x")
        #expect(id.value == "11010519491231002X")
        #expect(id == (try ResidentID.parse("11010519491231002X")))
    }

    @Test("rejects wrong lengths", arguments: ["", "1101051949123100", "11010519491231002", "11010519491231002X1"])
    func wrongLength(text: String) {
        #expect(throws: IdentifierError.wrongLength(expected: "18或15", actual: text.count)) {
            try ResidentID.parse(text)
        }
    }

    @Test("rejects letters, and X anywhere but last", arguments: [
        ("1101051949123100A2", 17, Character("A")),
        ("A1010519491231002X", 1, "A"),
        ("110105X9491231002X", 7, "X"),
        ("11010519491231002Y", 18, "Y"),
        ("110105 9491231002X", 7, " "),
        ("11010549123100X", 15, "X"),
        ("１10105194912310021", 1, "１"),
    ])
    func invalidCharacter(text: String, position: Int, character: Character) {
        #expect(throws: IdentifierError.invalidCharacter(position: position, character: character)) {
            try ResidentID.parse(text)
        }
    }

    @Test("rejects region codes outside the real province prefixes", arguments: ["000000", "100000", "160101", "720101", "990101"])
    func unknownRegion(region: String) {
        #expect(throws: IdentifierError.unknownRegion(region)) {
            try ResidentID.parse(withCheck(region + "19900101001"), today: today)
        }
    }

    @Test("accepts Hong Kong, Macau and Taiwan residence permit prefixes", arguments: ["810000", "820000", "830000"])
    func residencePermits(region: String) throws {
        _ = try ResidentID.parse(withCheck(region + "19900101001"), today: today)
    }

    @Test("rejects impossible or out-of-range birth dates", arguments: [
        "19901301", "19900230", "19900000", "19900431", "19000229", "17991231", "20250616", "30000101",
    ])
    func invalidBirthDate(date: String) {
        #expect(throws: IdentifierError.invalidBirthDate(date)) {
            try ResidentID.parse(withCheck("110105" + date + "001"), today: today)
        }
    }

    @Test("accepts boundary birth dates", arguments: ["18000101", "20000229", "20250615"])
    func boundaryBirthDates(date: String) throws {
        _ = try ResidentID.parse(withCheck("110105" + date + "001"), today: today)
    }

    @Test("rejects a legacy number whose birth date is impossible")
    func legacyBadDate() {
        #expect(throws: IdentifierError.invalidBirthDate("19491331")) {
            try ResidentID.parse("110105491331002")
        }
    }

    @Test("rejects a changed check character and says which one was expected")
    func badCheck() {
        #expect(throws: IdentifierError.badCheckCharacter(expected: "X", actual: "5")) {
            try ResidentID.parse("110105194912310025")
        }
    }

    @Test("the real clock accepts a birth today and rejects one a year ahead")
    func realToday() throws {
        let now = CivilDate.todayInChina()
        func number(_ date: CivilDate) -> String {
            withCheck("110105" + String(date.year) + (date.month < 10 ? "0" : "") + String(date.month)
                + (date.day < 10 ? "0" : "") + String(date.day) + "001")
        }
        _ = try ResidentID.parse(number(now))
        let nextYear = CivilDate(year: now.year + 1, month: now.month, day: min(now.day, 28))
        #expect(throws: IdentifierError.self) { try ResidentID.parse(number(nextYear)) }
    }

    @Test("computes ISO 7064 MOD 11-2 check characters", arguments: [
        ("11010519491231002", Character("X")), ("44052418800101001", "4"), ("36042619910101007", "1"),
    ])
    func checkCharacter(first17: String, expected: Character) {
        #expect(ResidentID.checkCharacter(forFirst17: first17) == expected)
    }

    @Test("make builds numbers that parse back with the same fields")
    func makeRoundTrip() throws {
        let id = ResidentID.make(region: "340102", year: 2000, month: 2, day: 29, order: 7)
        #expect(try ResidentID.parse(id.value) == id)
        #expect((id.regionCode, id.birthYear, id.birthMonth, id.birthDay, id.isMale) == ("340102", 2000, 2, 29, true))
        #expect(!ResidentID.make(region: "340102", year: 2000, month: 1, day: 1, order: 998).isMale)
    }

    @Test("age counts completed years", arguments: [
        (2024, 12, 30, 74), (2024, 12, 31, 75), (1949, 12, 31, 0), (2025, 1, 1, 75),
    ])
    func age(year: Int, month: Int, day: Int, expected: Int) throws {
        let id = try ResidentID.parse("11010519491231002X")
        #expect(id.age(onYear: year, month: month, day: day) == expected)
    }

    @Test("a 29 February birthday comes on 1 March in common years")
    func leapDayAge() {
        let id = ResidentID.make(region: "340102", year: 2000, month: 2, day: 29, order: 1)
        #expect(id.age(onYear: 2018, month: 2, day: 28) == 17)
        #expect(id.age(onYear: 2018, month: 3, day: 1) == 18)
        #expect(id.age(onYear: 2020, month: 2, day: 29) == 20)
    }

    @Test("description is masked so interpolation into logs does not leak the number")
    func maskedDescription() throws {
        let id = try ResidentID.parse("11010519491231002X")
        #expect("\(id)" == "1101**********002X")
    }
}
