/// Why a 身份证号码 or 统一社会信用代码 was rejected.
///
/// `code` is for programs (stable, safe to persist and switch on); `message` is for the
/// person who typed the number, so it names the exact position or value to fix.
public enum IdentifierError: Error, Equatable, Sendable {
    /// `expected` is the accepted length(s) as digits, e.g. "18" or "18或15".
    case wrongLength(expected: String, actual: Int)
    /// `position` is 1-based, counted after surrounding spaces are trimmed, as a person counts.
    case invalidCharacter(position: Int, character: Character)
    case unknownRegion(String)
    /// The eight YYYYMMDD digits as entered (after a 15-digit number gained its "19").
    case invalidBirthDate(String)
    case badCheckCharacter(expected: Character, actual: Character)

    /// `expected` value for resident ID numbers, which may be of either generation.
    static let residentIDLengths = "18或15"

    public var code: String {
        switch self {
        case .wrongLength: "identifier.wrong_length"
        case .invalidCharacter: "identifier.invalid_character"
        case .unknownRegion: "identifier.unknown_region"
        case .invalidBirthDate: "identifier.invalid_birth_date"
        case .badCheckCharacter: "identifier.bad_check_character"
        }
    }

    public var message: String {
        switch self {
        case .wrongLength(let expected, let actual) where expected == Self.residentIDLengths:
            "身份证号码应为18位（或旧版15位），您输入了\(actual)位"
        case .wrongLength(let expected, let actual):
            "号码应为\(expected)位，您输入了\(actual)位"
        case .invalidCharacter(let position, let character) where character.isWhitespace:
            // Numbers pasted from documents often carry spaces between groups; an invisible
            // character in quotes would leave the person guessing.
            "第\(position)位是空格，请删除号码中间的空格"
        case .invalidCharacter(let position, let character):
            "第\(position)位的“\(character)”不是有效字符"
        case .unknownRegion(let region):
            "地区代码 \(region) 不是有效的行政区划代码"
        case .invalidBirthDate(let date):
            "出生日期 \(date) 不是有效日期"
        case .badCheckCharacter(let expected, let actual):
            "校验位错误：最后一位应为 \(expected)，实际为 \(actual)，请核对号码"
        }
    }
}
