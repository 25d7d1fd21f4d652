import Foundation

/// Display forms of personal data for screens, receipts and logs (个人信息保护法 minimisation).
///
/// Every function accepts any string and never traps: masking runs on data that failed or
/// skipped validation, and a crash there would be worse than a clumsy mask.
public enum Masking {
    /// First 4 and last 4 kept ("3401**********1234", also for 15-digit numbers); shorter
    /// input keeps less so that at least half of it is always hidden.
    public static func residentID(_ s: String) -> String {
        let characters = Array(trimmed(s))
        return maskMiddle(characters, keep: characters.count >= 15 ? 4 : characters.count / 4)
    }

    /// Mobiles keep 3 + 4 ("138****5678"); landlines keep the area code and the last 2-4
    /// digits ("010-****5678"). Separators and a +86 prefix are tolerated.
    public static func phone(_ s: String) -> String {
        let text = trimmed(s)
        var digits = Array(text.filter { $0.asciiDigitValue != nil })
        guard !digits.isEmpty else { return text.isEmpty ? "" : "****" }
        var country = ""
        if digits.count == 13, digits.starts(with: "861") {
            country = "+86 "
            digits.removeFirst(2)
        }
        if digits.count == 11, digits[0] == "1" {
            return country + String(digits.prefix(3)) + "****" + String(digits.suffix(4))
        }
        // Area codes are 010 and 02x (3 digits) or 0xxx (4 digits); local numbers are 7-8.
        if digits.count >= 10, digits[0] == "0" {
            let areaLength = digits[1] == "1" || digits[1] == "2" ? 3 : 4
            return String(digits.prefix(areaLength)) + "-" + maskHead(Array(digits.dropFirst(areaLength)))
        }
        return maskHead(digits)
    }

    /// Surname's first character kept, one star per remaining character ("张*", "欧***").
    public static func name(_ s: String) -> String {
        let characters = Array(trimmed(s))
        guard let first = characters.first else { return "" }
        guard characters.count > 1 else { return "*" }
        return String(first) + String(repeating: "*", count: characters.count - 1)
    }

    /// Returned unchanged: a credit code identifies an organisation, not a person, and is
    /// public by law (printed on the business licence, searchable in the national enterprise
    /// credit publicity system), so masking would only stop people from checking it.
    public static func creditCode(_ s: String) -> String {
        s
    }

    /// Keeps the administrative part (province, city, district/county, town/street) and
    /// replaces the rest with a fixed "****" so that the length does not leak either.
    /// Without a recognisable administrative part, keeps at most 9 characters and never more
    /// than half.
    public static func address(_ s: String) -> String {
        let characters = Array(trimmed(s))
        let kept = AdministrativePrefix.length(in: characters)
        let keep = kept > 0 ? kept : min(9, characters.count / 2)
        guard keep < characters.count else { return String(characters) }
        return String(characters.prefix(keep)) + "****"
    }

    private static func trimmed(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func maskMiddle(_ characters: [Character], keep: Int) -> String {
        String(characters.prefix(keep))
            + String(repeating: "*", count: max(0, characters.count - 2 * keep))
            + String(characters.suffix(keep))
    }

    /// Hides all but the last few digits: 4 of 8, 3 of 7, never more than half.
    private static func maskHead(_ digits: [Character]) -> String {
        let keep = min(4, digits.count / 2)
        return String(repeating: "*", count: digits.count - keep) + String(digits.suffix(keep))
    }
}
