/// Maps what people say ("开公司", "社保卡丢了") to how the catalogue names it ("企业开办", "社会保障卡补领").
///
/// Keys match anywhere in the normalised query, longest first, and a matched stretch is not matched again:
/// "社保卡丢了" wins over "社保卡" so that only the more specific meaning is added.
public struct SynonymTable: Sendable {
    private struct Entry: Sendable {
        let text: String
        let key: [Unicode.Scalar]
        let phrases: [String]
    }

    /// Longest key first; ties by key text so that expansion order does not depend on dictionary order.
    private let entries: [Entry]
    /// Lets a query look only at keys starting with the character in hand instead of trying every key.
    private let byFirstScalar: [Unicode.Scalar: [Int]]
    /// Most query characters start no key; this answers that without hashing.
    private let firstScalars: ScalarFilter

    public init(_ entries: [String: [String]]) {
        var merged: [String: [String]] = [:]
        // Sorted so that keys merging after normalisation ("ＡＢ", "ab") list their phrases in a fixed order.
        for (key, phrases) in entries.sorted(by: { $0.key < $1.key }) {
            let key = Tokenizer.normalize(key)
            let phrases = phrases.filter { !Tokenizer.normalize($0).isEmpty }
            guard !key.isEmpty, !phrases.isEmpty else { continue }
            merged[key, default: []].append(contentsOf: phrases)
        }
        let sorted = merged
            .map { Entry(text: $0.key, key: Array($0.key.unicodeScalars), phrases: $0.value) }
            .sorted { $0.key.count != $1.key.count ? $0.key.count > $1.key.count : $0.text < $1.text }
        var index: [Unicode.Scalar: [Int]] = [:]
        for (position, entry) in sorted.enumerated() { index[entry.key[0], default: []].append(position) }
        self.entries = sorted
        self.byFirstScalar = index
        self.firstScalars = ScalarFilter(index.keys)
    }

    public func expand(_ query: String) -> [String] {
        expand(normalized: Tokenizer.normalizedScalars(query.unicodeScalars.prefix(SearchIndex.queryCharacterLimit)))
    }

    func expand(normalized text: [Unicode.Scalar]) -> [String] {
        guard !entries.isEmpty else { return [] }
        var found: [(entry: Int, start: Int)] = []
        for start in text.indices where firstScalars.mayContain(text[start]) {
            for entry in byFirstScalar[text[start]] ?? [] where Self.occurs(entries[entry].key, in: text, at: start) {
                found.append((entry, start))
            }
        }
        // Entry order is already longest-first, so sorting by it settles who owns an overlapping stretch.
        found.sort { ($0.entry, $0.start) < ($1.entry, $1.start) }
        var taken = [Bool](repeating: false, count: text.count)
        var phrases: [String] = []
        var seen: Set<String> = []
        for (entry, start) in found {
            let span = start..<(start + entries[entry].key.count)
            guard !span.contains(where: { taken[$0] }) else { continue }
            for position in span { taken[position] = true }
            for phrase in entries[entry].phrases where seen.insert(phrase).inserted { phrases.append(phrase) }
        }
        return phrases
    }

    private static func occurs(_ key: [Unicode.Scalar], in text: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + key.count <= text.count else { return false }
        for offset in key.indices where text[start + offset] != key[offset] { return false }
        return true
    }
}

/// A one-hash Bloom filter over characters: false means certainly absent.
private struct ScalarFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 64)

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars { bits[Self.word(scalar)] |= Self.bit(scalar) }
    }

    func mayContain(_ scalar: Unicode.Scalar) -> Bool { bits[Self.word(scalar)] & Self.bit(scalar) != 0 }

    private static func word(_ scalar: Unicode.Scalar) -> Int { Int(scalar.value >> 6 & 63) }
    private static func bit(_ scalar: Unicode.Scalar) -> UInt64 { 1 << UInt64(scalar.value & 63) }
}
