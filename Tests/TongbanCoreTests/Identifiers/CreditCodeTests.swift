import Testing
@testable import TongbanCore

@Suite("统一社会信用代码")
struct CreditCodeTests {
    @Test("accepts published real codes", arguments: ["91110108551385082Q", "91110000600037341L", "12440600MB2C07549J"])
    func publishedCodes(code: String) throws {
        #expect(try CreditCode.parse(code).value == code)
    }

    @Test("upper-cases and trims input")
    func normalises() throws {
        #expect(try CreditCode.parse(" 91110108551385082q\u{3000}").value == "91110108551385082Q")
    }

    @Test("accepts every registration authority in use", arguments: Array("123456789ANY"))
    func registrationAuthorities(authority: Character) throws {
        let first17 = String(authority) + "1340100MA2C07549"
        _ = try CreditCode.parse(first17 + String(CreditCode.checkCharacter(forFirst17: first17)!))
    }

    @Test("rejects wrong lengths", arguments: ["", "91110108551385082", "91110108551385082Q1"])
    func wrongLength(text: String) {
        #expect(throws: IdentifierError.wrongLength(expected: "18", actual: text.count)) {
            try CreditCode.parse(text)
        }
    }

    @Test("rejects characters outside the alphabet or out of place", arguments: [
        ("01110108551385082Q", 1, Character("0")),
        ("B1110108551385082Q", 1, "B"),
        ("9A110108551385082Q", 2, "A"),
        ("9111010A551385082Q", 8, "A"),
        ("91110108551385O82Q", 15, "O"),
        ("91110108551385082I", 18, "I"),
        ("91110108-51385082Q", 9, "-"),
    ])
    func invalidCharacter(text: String, position: Int, character: Character) {
        #expect(throws: IdentifierError.invalidCharacter(position: position, character: character)) {
            try CreditCode.parse(text)
        }
    }

    @Test("rejects a changed check character and says which one was expected")
    func badCheck() {
        #expect(throws: IdentifierError.badCheckCharacter(expected: "Q", actual: "R")) {
            try CreditCode.parse("91110108551385082R")
        }
    }

    @Test("checkCharacter returns nil for input it cannot weigh", arguments: ["", "9111010855138508", "9111010855138508I"])
    func checkCharacterNil(input: String) {
        #expect(CreditCode.checkCharacter(forFirst17: input) == nil)
    }

    @Test("make builds enterprise codes with a valid GB 11714 organisation code")
    func make() throws {
        let code = CreditCode.make(region: "340100", serial: 12_345)
        #expect(code.value.hasPrefix("91340100MA"))
        #expect(try CreditCode.parse(code.value) == code)
        let organisation = Array(code.value.dropFirst(8).prefix(9))
        #expect(CreditCode.organizationCheckCharacter(forFirst8: String(organisation.prefix(8))) == organisation[8])
        #expect(CreditCode.make(region: "340100", serial: 12_346) != code)
        #expect("\(code)" == code.value)
    }

    @Test("GB 11714 check agrees with the organisation codes inside published credit codes",
          arguments: ["551385082", "600037341", "MB2C07549"])
    func organisationCheck(organisation: String) {
        #expect(CreditCode.organizationCheckCharacter(forFirst8: String(organisation.prefix(8))) == organisation.last)
    }

    @Test("every single-character change at every position is rejected")
    func singleChangesRejected() {
        var rng = SplitMix64(seed: 4)
        let regions = ["110000", "110108", "310115", "340100", "440300", "650102"]
        var accepted: [String] = []
        for _ in 0..<300 {
            let code = CreditCode.make(
                region: regions.randomElement(using: &rng)!, serial: Int.random(in: 0..<887_503_681, using: &rng))
            #expect(throws: Never.self) { try CreditCode.parse(code.value) }
            let original = Array(code.value)
            for position in original.indices {
                for replacement in CreditCode.alphabet where replacement != original[position] {
                    var changed = original
                    changed[position] = replacement
                    if (try? CreditCode.parse(String(changed))) != nil { accepted.append(String(changed)) }
                }
            }
        }
        #expect(accepted.isEmpty, "accepted: \(accepted.prefix(5))")
    }
}
