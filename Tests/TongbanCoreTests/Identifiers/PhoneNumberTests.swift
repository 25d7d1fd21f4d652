import Foundation
import Testing
import TongbanCore

@Suite("Phone numbers")
struct PhoneNumberTests {
    static let mobile = "^1[3-9][0-9]{9}$"
    static let either = "^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$"

    @Test("examples", arguments: [
        ("13800000001", true, true), ("19912345678", true, true), ("12800000001", false, false), ("1380000000", false, false),
        ("138000000012", false, false), ("0564-3377001", false, true), ("05643377001", false, true), ("010-12345678", false, true),
        ("0564-337700", false, false), ("0564--3377001", false, false), ("564-3377001", false, false), ("１３８００００００01", false, false),
        ("", false, false), ("0564-337700a", false, false),
    ])
    func examples(text: String, mobile: Bool, either: Bool) {
        #expect(PhoneNumber.isMobile(text) == mobile)
        #expect(PhoneNumber.isMobileOrLandline(text) == either)
    }

    @Test("agree with the regular expressions they replace on 20,000 random strings")
    func agreesWithRegex() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-1a")
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...14, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(PhoneNumber.isMobile(text) == (text.range(of: Self.mobile, options: .regularExpression) != nil), "\(text)")
            #expect(PhoneNumber.isMobileOrLandline(text) == (text.range(of: Self.either, options: .regularExpression) != nil), "\(text)")
        }
    }
}
