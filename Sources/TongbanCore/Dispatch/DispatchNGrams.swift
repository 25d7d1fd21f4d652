/// Character n-grams over lightly normalised text. Unlike search's tokenizer, punctuation and spacing are kept
/// (folded to one form): "？" at the end of a title or "：" after a salutation says something about the message.
enum DispatchNGrams {
    /// Full-width → half-width, ASCII lower-cased, every whitespace run one space, and optionally every digit "0":
    /// house numbers and phone numbers vary per message but their shape (an address, a date) carries over.
    static func normalizedScalars(_ text: String, collapseDigits: Bool) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.unicodeScalars.count)
        var lastWasSpace = true // also drops leading whitespace
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if isSpace(value) {
                if !lastWasSpace { out.append(0x20) }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if (0x41...0x5A).contains(value) { value += 0x20 }
            if collapseDigits, (0x30...0x39).contains(value) { value = 0x30 }
            out.append(value)
        }
        if out.last == 0x20 { out.removeLast() }
        return out
    }

    /// The common spaces spelled out: `Unicode.Scalar.Properties.isWhitespace` costs a table lookup per character,
    /// a quarter of the time it takes to classify a message.
    @inline(__always)
    static func isSpace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return value == 0x3000 || value == 0xA0 || value == 0x85 || (0x2000...0x200A).contains(value)
            || value == 0x2028 || value == 0x2029 || value == 0x202F || value == 0x205F || value == 0x1680
    }

    /// Packs an n-gram of up to three scalars into one key, each scalar shifted up by one so the key is never 0
    /// (the vocabulary's empty-slot marker) and "a" never equals the trigram "\0\0a". 0x10FFFF + 1 fits 21 bits.
    @inline(__always)
    static func key(_ a: UInt32?, _ b: UInt32?, _ c: UInt32) -> UInt64 {
        var key = UInt64(c) + 1
        if let b { key |= (UInt64(b) + 1) << 21 }
        if let a { key |= (UInt64(a) + 1) << 42 }
        return key
    }

    /// Calls `body` once per n-gram occurrence, for every length in `lengths`.
    @inline(__always)
    static func forEachKey(_ scalars: [UInt32], lengths: ClosedRange<Int>, _ body: (UInt64) -> Void) {
        for end in scalars.indices {
            let c = scalars[end]
            if lengths.contains(1) { body(key(nil, nil, c)) }
            if end >= 1, lengths.contains(2) { body(key(nil, scalars[end - 1], c)) }
            if end >= 2, lengths.contains(3) { body(key(scalars[end - 2], scalars[end - 1], c)) }
        }
    }
}
