/// The three kinds of characters search keeps; everything else (punctuation, spaces, emoji, symbols) only separates.
enum ScalarClass: Sendable {
    case cjk, letter, digit

    /// Folds full-width forms and upper-case latin first, so "ＣＡ１２３４" and "ca1234" index alike.
    /// Only ASCII letters count as latin: the catalogue and tickets carry codes (flight, plate, licence numbers),
    /// and treating other scripts as letters would glue kana or hangul sentences into single huge terms.
    static func fold(_ scalar: Unicode.Scalar) -> (scalar: Unicode.Scalar, kind: ScalarClass)? {
        var value = scalar.value
        if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
        switch value {
        case 0x30...0x39: return (Unicode.Scalar(UInt8(value)), .digit)
        case 0x61...0x7A: return (Unicode.Scalar(UInt8(value)), .letter)
        case 0x41...0x5A: return (Unicode.Scalar(UInt8(value + 0x20)), .letter)
        default: return isIdeograph(value) ? (scalar, .cjk) : nil
        }
    }

    private static func isIdeograph(_ value: UInt32) -> Bool {
        switch value {
        case 0x3007,              // 〇, written as a digit in dates and addresses
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0x20000...0x2FA1F, 0x30000...0x323AF:
            return true
        default:
            return false
        }
    }
}
