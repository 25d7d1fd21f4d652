extension MerkleHash {
    /// Lower-case hex, the form roots are published and logged in.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        withUnsafeBytes(of: words) { bytes in
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses 64 hex digits of either case; anything else is a malformed hash.
    public init(hex: String) throws(LedgerError) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { throw .malformedHash(byteCount: utf8.count / 2) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for pair in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(utf8[pair]), let low = Self.nibble(utf8[pair + 1]) else {
                throw .malformedHash(byteCount: utf8.count / 2)
            }
            bytes.append(high << 4 | low)
        }
        try self.init(bytes: bytes)
    }

    private static func nibble(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): ascii - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): ascii - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): ascii - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
