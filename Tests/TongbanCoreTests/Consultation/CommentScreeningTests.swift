import Testing
import TongbanCore

@Suite("CommentScreening")
struct CommentScreeningTests {
    static let id = ResidentID.make(region: "341502", year: 1985, month: 6, day: 18, order: 123).value

    @Test("an ID number, however it is typed, holds a comment back", arguments: [
        "我的身份证号是\(id)，请联系我",
        "身份证\(id.prefix(6)) \(id.dropFirst(6).prefix(8)) \(id.suffix(4))",
        String(id.unicodeScalars.map { s in Character(Unicode.Scalar(s.value + 0xFF10 - 0x30)!) }),
    ])
    func residentID(_ text: String) {
        #expect(CommentScreening.findings(text) == [.residentID])
    }

    @Test("a mobile number holds a comment back; a landline-free policy text with other numbers does not", arguments: [
        ("有问题打我电话13800000001", [CommentScreening.Finding.mobilePhone]),
        ("电话 138-0000-0001", [.mobilePhone]),
        ("+86 13800000001", [.mobilePhone]),
        ("第十二条规定的2026年停车位应不少于1500个", []),
        ("订单号 20261126123456789012 不是身份证", []),
        ("123456789012345678 校验位不对", []),
    ])
    func phone(_ text: String, _ expected: [CommentScreening.Finding]) {
        #expect(CommentScreening.findings(text) == expected)
    }

    @Test("abuse is found through spaces and punctuation, ordinary policy words are not")
    func abuse() {
        #expect(CommentScreening.findings("写这个方案的都是脑 残") == [.abuse])
        #expect(CommentScreening.findings("狗，官！") == [.abuse])
        #expect(CommentScreening.findings("建议加强固体废物分类处置，过去死角要清理") == [])
    }

    @Test("several findings are all reported, each once, with a reason to act on")
    func several() {
        let findings = CommentScreening.findings("混蛋！我电话13800000001，身份证\(Self.id)，再打13800000002")
        #expect(findings == [.residentID, .mobilePhone, .abuse])
        #expect(findings.allSatisfy { !$0.reason.isEmpty })
    }
}
