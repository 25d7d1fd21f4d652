extension Character {
    /// Only ASCII 0-9: `isNumber` would also admit full-width and other scripts' digits.
    var asciiDigitValue: Int? {
        guard let ascii = asciiValue, (48...57).contains(ascii) else { return nil }
        return Int(ascii) - 48
    }
}

/// Decimal digits, left-padded with zeros to `width`.
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
