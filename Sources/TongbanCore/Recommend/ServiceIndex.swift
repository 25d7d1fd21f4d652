/// Service codes as dense Ints, so training counts into arrays and Int-keyed dictionaries
/// instead of hashing the same strings millions of times.
struct ServiceIndex: Sendable {
    private(set) var codes: [String] = []
    private var ids: [String: Int] = [:]

    var count: Int { codes.count }

    mutating func intern(_ code: String) -> Int {
        if let id = ids[code] { return id }
        let id = codes.count
        ids[code] = id
        codes.append(code)
        return id
    }

    func id(of code: String) -> Int? { ids[code] }
}

/// Marks which ids one applicant has already been counted for, without clearing a set per applicant:
/// a slot holds the number of the last applicant that touched it.
struct SeenStamps {
    private var stamps: [Int] = []
    private var current = 0

    /// Starts a new applicant; earlier marks become stale in O(1).
    mutating func next() { current += 1 }

    /// True the first time `id` is seen for the current applicant.
    mutating func firstTime(_ id: Int) -> Bool {
        if id >= stamps.count { stamps.append(contentsOf: repeatElement(0, count: id - stamps.count + 1)) }
        if stamps[id] == current { return false }
        stamps[id] = current
        return true
    }
}
