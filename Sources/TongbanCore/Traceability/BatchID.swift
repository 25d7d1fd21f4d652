import Foundation

/// One batch (lot) of one product: a GTIN-14 and a lot number, as GS1 identifies a batch.
///
/// EPCIS names a batch by its product class, either as a pure-identity URN
/// (`urn:epc:class:lgtin:6901234.012345.LOT1`) or as a GS1 Digital Link
/// (`https://id.gs1.org/01/06901234123450/10/LOT1`). Both spellings of one batch must meet in one
/// chain, so both are reduced to the same GTIN-14 and lot here.
public struct BatchID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let gtin: String
    public let lot: String

    /// Lots are limited to letters, digits and `-._`: they travel in URLs and QR codes unescaped.
    /// GS1 allows more punctuation in AI (10); we have not met a food or medicine lot that uses it.
    static let lotCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._")

    public init(gtin: String, lot: String) throws(TraceFieldError) {
        guard gtin.count == 14, gtin.allSatisfy({ $0.asciiDigitValue != nil }) else {
            throw TraceFieldError("GTIN 应为 14 位数字（不足 14 位的请在前面补 0）")
        }
        guard Self.checkDigit(gtin.dropLast()) == gtin.last?.asciiDigitValue else {
            throw TraceFieldError("GTIN \(gtin) 的校验位不正确")
        }
        guard (1...20).contains(lot.count), lot.allSatisfy(Self.lotCharacters.contains) else {
            throw TraceFieldError("批号应为 1–20 位字母、数字或 - . _")
        }
        self.gtin = gtin
        self.lot = lot
    }

    /// Reads an EPCIS `epcClass`: an LGTIN URN or a GS1 Digital Link URI with a lot.
    public init(epcClass: String) throws(TraceFieldError) {
        let lgtinPrefix = "urn:epc:class:lgtin:"
        if epcClass.hasPrefix(lgtinPrefix) {
            let parts = epcClass.dropFirst(lgtinPrefix.count).split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count + parts[1].count == 13, let indicator = parts[1].first else {
                throw TraceFieldError("LGTIN 应为 urn:epc:class:lgtin:厂商识别代码.商品项目代码.批号，且前两段共 13 位")
            }
            // The item reference carries the indicator digit in front; the GTIN puts it first.
            let body = String(indicator) + parts[0] + parts[1].dropFirst()
            guard let check = Self.checkDigit(Substring(body)) else { throw TraceFieldError("LGTIN 的厂商识别代码和商品项目代码只能是数字") }
            try self.init(gtin: body + String(check), lot: String(parts[2]).removingPercentEncoding ?? String(parts[2]))
            return
        }
        let segments = epcClass.split(separator: "/").map(String.init)
        if let gtinAt = segments.firstIndex(of: "01"), segments.count > gtinAt + 3, segments[gtinAt + 2] == "10" {
            let gtin = String(repeating: "0", count: max(0, 14 - segments[gtinAt + 1].count)) + segments[gtinAt + 1]
            try self.init(gtin: gtin, lot: segments[gtinAt + 3])
            return
        }
        throw TraceFieldError("无法识别的批次标识：应为 urn:epc:class:lgtin:… 或 GS1 数字链接 …/01/GTIN/10/批号")
    }

    /// The GS1 mod-10 check digit of the digits before it (weights 3 and 1 from the right); nil for non-digits.
    public static func checkDigit(_ digits: Substring) -> Int? {
        var sum = 0
        for (offset, character) in digits.reversed().enumerated() {
            guard let value = character.asciiDigitValue else { return nil }
            sum += value * (offset % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    /// The stored key, and the path of the batch page after /trace (GS1 Digital Link shape).
    public var key: String { "01/\(gtin)/10/\(lot)" }
    public var description: String { key }

    /// The batch of a stored key.
    public init(key: String) throws(TraceFieldError) {
        let parts = key.split(separator: "/")
        guard parts.count == 4, parts[0] == "01", parts[2] == "10" else { throw TraceFieldError("批次键应为 01/GTIN/10/批号") }
        try self.init(gtin: String(parts[1]), lot: String(parts[3]))
    }

    public static func < (a: BatchID, b: BatchID) -> Bool { a.key < b.key }
}

/// What is wrong with one field, in words for the person who sent it.
public struct TraceFieldError: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
