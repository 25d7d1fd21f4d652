/// Phone numbers as forms take them, checked by hand: a regular expression is compiled anew on every call
/// through `range(of:options:)`, and on the application form that cost about as much as its SQL (issue 3).
public enum PhoneNumber {
    /// 11 digits starting 13–19: `^1[3-9][0-9]{9}$`.
    public static func isMobile(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 11 && bytes[0] == one && (three...nine).contains(bytes[1]) && bytes.allSatisfy(isDigit)
    }

    /// A mobile number, or a landline with its area code: `^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$`.
    public static func isMobileOrLandline(_ text: some StringProtocol) -> Bool {
        if isMobile(text) { return true }
        let bytes = Array(text.utf8)
        guard bytes.first == zero else { return false }
        for areaLength in 3...4 where bytes.count > areaLength && bytes[..<areaLength].allSatisfy(isDigit) {
            var number = bytes[areaLength...]
            if number.first == hyphen { number = number.dropFirst() }
            if (7...8).contains(number.count) && number.allSatisfy(isDigit) { return true }
        }
        return false
    }

    private static let (zero, one, three, nine, hyphen) = (UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "3"), UInt8(ascii: "9"), UInt8(ascii: "-"))
    private static func isDigit(_ byte: UInt8) -> Bool { (zero...nine).contains(byte) }
}
