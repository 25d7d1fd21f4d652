import Foundation

/// 居民身份证号码 (citizen identity number) per GB 11643-1999.
///
/// Layout: 6-digit region, 8-digit birth date, 3-digit order (odd = male), check character.
public struct ResidentID: Hashable, Sendable, CustomStringConvertible {
    /// 18 characters; a final lower-case `x` is stored as `X` so equal numbers compare equal.
    public let value: String

    private init(validated value: String) {
        self.value = value
    }

    /// Masked, because interpolating a person's ID into a log line or error report is the
    /// most common way such numbers leak. Use `value` where the full number is needed.
    public var description: String { Masking.residentID(value) }

    public var regionCode: String { String(value.prefix(6)) }
    public var birthYear: Int { number(at: 6, length: 4) }
    public var birthMonth: Int { number(at: 10, length: 2) }
    public var birthDay: Int { number(at: 12, length: 2) }
    public var isMale: Bool { number(at: 16, length: 1) % 2 == 1 }

    /// Completed years on the given date. Someone born on 29 February becomes a year older
    /// on 1 March in common years. Negative if the date is before the birth date.
    public func age(onYear year: Int, month: Int, day: Int) -> Int {
        let hadBirthday = (month, day) >= (birthMonth, birthDay)
        return year - birthYear - (hadBirthday ? 0 : 1)
    }

    private func number(at offset: Int, length: Int) -> Int {
        value.utf8.dropFirst(offset).prefix(length).reduce(0) { $0 * 10 + Int($1) - 48 }
    }
}

extension ResidentID {
    /// First two digits of GB/T 2260 provinces, plus 83: Taiwan residents' 居住证 use 830000
    /// (GB/T 2260 gives Taiwan 71, which mainland-issued numbers never carry in practice).
    static let provincePrefixes: Set<String> = Set(
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
         50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83].map(String.init))

    /// Old numbers include people born in the 1880s (e.g. 440524188001010014), so 1900 would
    /// reject real, still-circulating records; 1800 only excludes obvious typos.
    static let earliestBirthDate = CivilDate(year: 1800, month: 1, day: 1)

    public static func parse(_ text: String) throws(IdentifierError) -> ResidentID {
        try parse(text, today: .todayInChina())
    }

    static func parse(_ text: String, today: CivilDate) throws(IdentifierError) -> ResidentID {
        let characters = Array(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard characters.count == 18 || characters.count == 15 else {
            throw .wrongLength(expected: IdentifierError.residentIDLengths, actual: characters.count)
        }
        for (index, character) in characters.enumerated() {
            let checkPosition = characters.count == 18 && index == 17
            let allowed = character.asciiDigitValue != nil || (checkPosition && (character == "X" || character == "x"))
            if !allowed { throw .invalidCharacter(position: index + 1, character: character) }
        }
        let digits = String(characters)
        let region = String(digits.prefix(6))
        guard provincePrefixes.contains(String(region.prefix(2))) else { throw .unknownRegion(region) }

        // 15-digit numbers (issued before 1999) omit the century and the check character;
        // all their holders were born in the 1900s.
        let first17 = characters.count == 15 ? region + "19" + digits.dropFirst(6) : String(digits.prefix(17))
        let birth = String(first17.dropFirst(6).prefix(8))
        let birthDigits = birth.compactMap(\.asciiDigitValue)
        let date = CivilDate(
            year: birthDigits[0...3].reduce(0) { $0 * 10 + $1 },
            month: birthDigits[4] * 10 + birthDigits[5],
            day: birthDigits[6] * 10 + birthDigits[7])
        guard date.isReal, date >= earliestBirthDate, date <= today else { throw .invalidBirthDate(birth) }

        let expected = checkCharacter(forFirst17: first17)
        if characters.count == 18 {
            let actual = Character(characters[17].uppercased())
            guard actual == expected else { throw .badCheckCharacter(expected: expected, actual: actual) }
        }
        return ResidentID(validated: first17 + String(expected))
    }

    /// ISO 7064 MOD 11-2; `digits` must be exactly 17 ASCII digits.
    public static func checkCharacter(forFirst17 digits: String) -> Character {
        let values = digits.compactMap(\.asciiDigitValue)
        precondition(values.count == 17 && digits.count == 17, "expected 17 ASCII digits, got \(digits)")
        // Weight of position i (from the left, 0-based) is 2^(17-i) mod 11.
        var weight = 1
        var sum = 0
        for value in values.reversed() {
            weight = weight * 2 % 11
            sum += value * weight
        }
        let check = (12 - sum % 11) % 11
        return check == 10 ? "X" : Character(String(check))
    }

    /// A number that `parse` accepts, for seed data and tests. Traps on arguments `parse`
    /// would reject, except that a future birth date is allowed so fixtures never depend on
    /// the clock.
    public static func make(region: String, year: Int, month: Int, day: Int, order: Int) -> ResidentID {
        precondition(region.count == 6 && region.allSatisfy { $0.asciiDigitValue != nil }, "region must be 6 digits")
        precondition(provincePrefixes.contains(String(region.prefix(2))), "unknown province in \(region)")
        let date = CivilDate(year: year, month: month, day: day)
        precondition(date.isReal && date >= earliestBirthDate && year <= 9999, "invalid birth date")
        precondition((0...999).contains(order), "order must be 0...999")
        let first17 = region + zeroPadded(year, width: 4) + zeroPadded(month, width: 2)
            + zeroPadded(day, width: 2) + zeroPadded(order, width: 3)
        return ResidentID(validated: first17 + String(checkCharacter(forFirst17: first17)))
    }
}
