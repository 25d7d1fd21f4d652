/// An in-memory BM25F index over short Chinese texts: the service catalogue now, FAQ questions and 12345 tickets later.
///
/// A term's postings stay sorted by document slot with that document's fields adjacent, so a query sums a term's
/// fields per document in one pass (BM25F) and removal finds a document's postings by binary search.
/// Freed slots are reused, which keeps slot numbers dense however often the catalogue is reloaded.
public struct SearchIndex: Sendable {
    /// Longer input is pasted text rather than a search; the cap bounds what one request can cost.
    /// Counted in Unicode scalars, which for CJK text are characters.
    static let queryCharacterLimit = 200

    struct Posting: Sendable {
        var slot: UInt32
        var field: UInt16
        var frequency: UInt16
        /// Length and weight travel with the posting so that scoring never has to look the document up.
        var length: UInt32
        var weight: Float
    }

    struct Document: Sendable {
        let id: String
        let fieldLengths: [Int]
        let terms: [UInt32]
    }

    struct FieldStatistics: Sendable {
        var totalLength = 0
        var documents = 0
    }

    let synonyms: SynonymTable
    private(set) var termIDs: [SearchTermKey: UInt32] = [:]
    private(set) var postings: [[Posting]] = []
    private(set) var documentFrequency: [Int] = []
    private(set) var documents: [Document?] = []
    /// Apart from `documents` because ranking reads these for many candidates and the rest only for the top few.
    private(set) var boosts: [Double] = []
    /// Normalised first fields, for the exact-phrase bonus.
    private(set) var names: [[Unicode.Scalar]] = []
    private(set) var fieldStatistics: [FieldStatistics] = []
    private var slots: [String: UInt32] = [:]
    private var freeSlots: [UInt32] = []

    public init(synonyms: SynonymTable = SynonymTable([:])) {
        self.synonyms = synonyms
    }

    public var count: Int { slots.count }

    /// Fields with a non-positive weight are not indexed. `boost` multiplies the score: 0 hides the document,
    /// a non-finite boost is ignored.
    public mutating func upsert(id: String, fields: [SearchField], boost: Double = 1.0) {
        remove(id: id)
        let slot = freeSlots.popLast() ?? UInt32(documents.count)
        if Int(slot) == documents.count {
            documents.append(nil)
            boosts.append(0)
            names.append([])
        }

        var added: [UInt32: [Posting]] = [:]
        var lengths: [Int] = []
        for (position, field) in fields.prefix(Int(UInt16.max)).enumerated() {
            let tokens = field.weight > 0 && field.weight.isFinite ? Tokenizer.tokens(field.text) : []
            lengths.append(tokens.count)
            guard !tokens.isEmpty else { continue }
            var frequencies: [SearchTermKey: Int] = [:]
            for token in tokens { frequencies[token.key, default: 0] += 1 }
            // Appending field by field keeps each term's postings for this document in field order.
            for (key, frequency) in frequencies {
                added[termID(key), default: []].append(Posting(
                    slot: slot, field: UInt16(position), frequency: UInt16(min(frequency, Int(UInt16.max))),
                    length: UInt32(tokens.count), weight: Float(field.weight)))
            }
            recordFieldLength(tokens.count, at: position, sign: 1)
        }
        for (term, list) in added {
            postings[Int(term)].insert(contentsOf: list, at: Self.firstPosting(in: postings[Int(term)], atOrAfter: slot))
            documentFrequency[Int(term)] += 1
        }

        documents[Int(slot)] = Document(id: id, fieldLengths: lengths, terms: Array(added.keys))
        boosts[Int(slot)] = boost.isFinite ? max(0, boost) : 1
        names[Int(slot)] = Array(Tokenizer.normalize(fields.first?.text ?? "").unicodeScalars)
        slots[id] = slot
    }

    public mutating func remove(id: String) {
        guard let slot = slots.removeValue(forKey: id), let document = documents[Int(slot)] else { return }
        for term in document.terms.map(Int.init) {
            let start = Self.firstPosting(in: postings[term], atOrAfter: slot)
            var end = start
            while end < postings[term].count && postings[term][end].slot == slot { end += 1 }
            postings[term].removeSubrange(start..<end)
            documentFrequency[term] -= 1
        }
        for (position, length) in document.fieldLengths.enumerated() where length > 0 {
            recordFieldLength(length, at: position, sign: -1)
        }
        documents[Int(slot)] = nil
        boosts[Int(slot)] = 0
        names[Int(slot)] = []
        freeSlots.append(slot)
    }

    private mutating func termID(_ key: SearchTermKey) -> UInt32 {
        if let id = termIDs[key] { return id }
        let id = UInt32(postings.count)
        termIDs[key] = id
        postings.append([])
        documentFrequency.append(0)
        return id
    }

    private mutating func recordFieldLength(_ length: Int, at position: Int, sign: Int) {
        while fieldStatistics.count <= position { fieldStatistics.append(FieldStatistics()) }
        fieldStatistics[position].totalLength += sign * length
        fieldStatistics[position].documents += sign
    }

    static func firstPosting(in list: [Posting], atOrAfter slot: UInt32) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].slot < slot { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
