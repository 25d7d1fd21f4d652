/// Lower-case hex of bytes, as digests are stored and compared. Foundation's `String(format: "%02x")`
/// per byte costs a formatter call each on Linux, which showed on pages that hash a hundred records.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lower<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Sequence where Element == UInt8 {
    /// `Hex.lower(self)`, for digests and MACs.
    public var hexLower: String { Hex.lower(self) }
}
