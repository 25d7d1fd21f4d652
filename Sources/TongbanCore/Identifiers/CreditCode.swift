import Foundation

/// 统一社会信用代码 (unified social credit code) per GB 32100-2015.
///
/// Layout: registration authority, organisation type, 6-digit region, 9-character
/// organisation code (GB 11714), MOD 31 check character.
///
/// Only the final MOD 31 check is verified, not the GB 11714 check inside the organisation
/// code: MOD 31 already catches every single-character error (31 is prime and no weight is
/// a multiple of it), so the inner check would add no typo protection, and we could not
/// confirm that every code in circulation carries a conforming inner check — some registries
/// issued nonconforming codes before 2016. Turning a real enterprise away costs more than
/// that check could save. `make` still embeds a correct one so seeds look genuine.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    private init(validated value: String) {
        self.value = value
    }

    /// Unmasked: credit codes are public by design (printed on business licences and shown
    /// in the national enterprise credit publicity system).
    public var description: String { value }
}

extension CreditCode {
    /// Digits and capitals without I, O, Z, S, V, which are easily misread as 1, 0, 2, 5, U.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let alphabetValues: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// 登记管理部门代码 in use: 1-9 (机构编制, 外交, 司法行政, 文化, 民政, 旅游, 宗教, 工会, 工商),
    /// A (中央军委改革和编制办公室), N (农业, rural collectives) and Y (其他).
    static let registrationAuthorities: Set<Character> = Set("123456789ANY")

    public static func parse(_ text: String) throws(IdentifierError) -> CreditCode {
        // Upper-case per ASCII character so positions in errors match what was typed
        // (`uppercased()` on the whole string can change its length, e.g. ß → SS).
        let characters = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .map { $0.isASCII ? Character($0.uppercased()) : $0 }
        guard characters.count == 18 else {
            throw .wrongLength(expected: "18", actual: characters.count)
        }
        for (index, character) in characters.enumerated() {
            let allowed = switch index {
            case 0: registrationAuthorities.contains(character)
            // 机构类别代码 (position 2) is a digit in every authority's published table, so a
            // letter there is a typo rather than an unknown category; 3-8 are the region.
            case 1...7: character.asciiDigitValue != nil
            default: alphabetValues[character] != nil
            }
            if !allowed { throw .invalidCharacter(position: index + 1, character: character) }
        }
        let code = String(characters)
        // Cannot be nil: all 17 characters were just checked against the alphabet.
        let expected = checkCharacter(forFirst17: String(code.prefix(17)))!
        guard characters[17] == expected else {
            throw .badCheckCharacter(expected: expected, actual: characters[17])
        }
        return CreditCode(validated: code)
    }

    /// The MOD 31 check character, or nil unless `s` is 17 characters of the code alphabet.
    public static func checkCharacter(forFirst17 s: String) -> Character? {
        let values = s.compactMap { alphabetValues[$0] }
        guard values.count == 17, s.count == 17 else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// An enterprise code (`91`) that `parse` accepts, for seeds and tests. The organisation
    /// code is "MA" plus `serial` in base 31, like codes issued since 2015, followed by its
    /// GB 11714 check. Traps unless `region` is 6 digits and `serial` is in 0..<31⁶.
    public static func make(region: String, serial: Int) -> CreditCode {
        precondition(region.count == 6 && region.allSatisfy { $0.asciiDigitValue != nil }, "region must be 6 digits")
        precondition((0..<887_503_681).contains(serial), "serial must be in 0..<31^6")
        var remaining = serial
        var tail: [Character] = []
        for _ in 0..<6 {
            tail.insert(alphabet[remaining % 31], at: 0)
            remaining /= 31
        }
        let body = "MA" + String(tail)
        let first17 = "91" + region + body + String(organizationCheckCharacter(forFirst8: body))
        return CreditCode(validated: first17 + String(checkCharacter(forFirst17: first17)!))
    }

    /// GB 11714-1997 check for an 8-character organisation code body: weights 3,7,9,10,5,8,4,2,
    /// letters valued A=10 … Z=35, result 11 − (sum mod 11) with 10 → X and 11 → 0.
    static func organizationCheckCharacter(forFirst8 body: String) -> Character {
        let values = body.map { character -> Int in
            if let digit = character.asciiDigitValue { return digit }
            guard let ascii = character.asciiValue, (65...90).contains(ascii) else {
                preconditionFailure("organisation code body must be digits and capitals: \(body)")
            }
            return Int(ascii) - 55
        }
        precondition(values.count == 8, "organisation code body must be 8 characters")
        let sum = zip(values, [3, 7, 9, 10, 5, 8, 4, 2]).reduce(0) { $0 + $1.0 * $1.1 }
        switch 11 - sum % 11 {
        case 10: return "X"
        case 11: return "0"
        case let check: return Character(String(check))
        }
    }
}
