import Testing
@testable import TongbanCore

@Suite("居民身份证号码 properties")
struct ResidentIDPropertyTests {
    static let provinces = ResidentID.provincePrefixes.sorted()
    static let allowed = Array("0123456789X")

    /// Random but reproducible numbers over every province and the full accepted date range.
    static func samples(count: Int, seed: UInt64, years: ClosedRange<Int> = 1800...2024) -> [ResidentID] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let year = Int.random(in: years, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            return ResidentID.make(
                region: provinces.randomElement(using: &rng)! + String(Int.random(in: 1000...9999, using: &rng)),
                year: year, month: month,
                day: Int.random(in: 1...CivilDate.daysIn(month: month, year: year), using: &rng),
                order: Int.random(in: 0...999, using: &rng))
        }
    }

    @Test("every made number parses back to itself, also in lower case with spaces")
    func madeNumbersParse() throws {
        for id in Self.samples(count: 500, seed: 1) {
            #expect(try ResidentID.parse(id.value) == id)
            #expect(try ResidentID.parse(" \(id.value.lowercased()) ") == id)
        }
    }

    @Test("every single-character change at every position is rejected")
    func singleChangesRejected() {
        var accepted: [String] = []
        for id in Self.samples(count: 400, seed: 2) {
            let original = Array(id.value)
            for position in original.indices {
                for replacement in Self.allowed where replacement != original[position] {
                    var changed = original
                    changed[position] = replacement
                    if (try? ResidentID.parse(String(changed))) != nil { accepted.append(String(changed)) }
                }
            }
        }
        #expect(accepted.isEmpty, "accepted: \(accepted.prefix(5))")
    }

    @Test("a 15-digit number upgrades to the 18-digit number with the same fields")
    func legacyNumbersUpgrade() throws {
        for id in Self.samples(count: 300, seed: 3, years: 1900...1999) {
            let legacy = id.regionCode + id.value.dropFirst(8).prefix(9)
            #expect(try ResidentID.parse(String(legacy)) == id)
        }
    }
}
