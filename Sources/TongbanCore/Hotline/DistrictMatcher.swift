/// Finds the district a message is about from the places it names ("梅山路" → 金安区). The earliest mention wins,
/// and at the same position the longer name, so "金安区" is not mistaken for another district's "金安" street.
/// Matching runs on UTF-8 bytes: every intake asks, and a hundred `String.range(of:)` calls cost more than the
/// classification itself.
public struct DistrictMatcher: Sendable {
    private let places: [(bytes: [UInt8], district: String)]

    /// `names`: district code → its own name and the towns, streets and landmarks in it.
    public init(_ names: [String: [String]]) {
        var places: [(bytes: [UInt8], district: String)] = []
        for (code, list) in names.sorted(by: { $0.key < $1.key }) {
            for name in list where name.count >= 2 { places.append((bytes: Array(name.utf8), district: code)) }
        }
        self.places = places
    }

    public func district(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var best: (offset: Int, length: Int, district: String)?
        for place in places {
            guard let offset = Self.firstOffset(of: place.bytes, in: bytes) else { continue }
            if let current = best, offset > current.offset || (offset == current.offset && place.bytes.count <= current.length) { continue }
            best = (offset, place.bytes.count, place.district)
        }
        return best?.district
    }

    /// UTF-8 is self-synchronising: a match of whole characters' bytes can only start at a character boundary.
    static func firstOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
