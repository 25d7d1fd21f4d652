import Testing
import TongbanCore

@Suite("IdentifierError")
struct IdentifierErrorTests {
    @Test("codes and messages are stable and say what to fix", arguments: [
        (IdentifierError.wrongLength(expected: "18或15", actual: 17),
         "identifier.wrong_length", "身份证号码应为18位（或旧版15位），您输入了17位"),
        (.wrongLength(expected: "18", actual: 20), "identifier.wrong_length", "号码应为18位，您输入了20位"),
        (.invalidCharacter(position: 7, character: "A"), "identifier.invalid_character", "第7位的“A”不是有效字符"),
        (.invalidCharacter(position: 7, character: " "), "identifier.invalid_character", "第7位是空格，请删除号码中间的空格"),
        (.unknownRegion("990101"), "identifier.unknown_region", "地区代码 990101 不是有效的行政区划代码"),
        (.invalidBirthDate("19901332"), "identifier.invalid_birth_date", "出生日期 19901332 不是有效日期"),
        (.badCheckCharacter(expected: "X", actual: "5"), "identifier.bad_check_character",
         "校验位错误：最后一位应为 X，实际为 5，请核对号码"),
    ])
    func codeAndMessage(error: IdentifierError, code: String, message: String) {
        #expect(error.code == code)
        #expect(error.message == message)
    }

    @Test("parsing a 17-digit ID yields the documented length message")
    func endToEndMessage() {
        do {
            _ = try ResidentID.parse("11010519491231002")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "身份证号码应为18位（或旧版15位），您输入了17位")
        }
    }
}
