@testable import TongbanCore

/// RFC 9162 section 2.1 written as literally as the text: recursive, slow and obviously right,
/// to check the incremental log against. Shares only the two hash primitives, which the published
/// reference roots check on their own.
enum NaiveMerkle {
    static func root(_ leaves: ArraySlice<MerkleHash>) -> MerkleHash {
        switch leaves.count {
        case 0: return .emptyTree
        case 1: return leaves.first!
        default:
            let k = largestPowerOfTwo(below: leaves.count)
            let mid = leaves.startIndex + k
            return .node(root(leaves[..<mid]), root(leaves[mid...]))
        }
    }

    /// PATH(m, D[n]).
    static func inclusionProof(_ m: Int, _ leaves: ArraySlice<MerkleHash>) -> [MerkleHash] {
        guard leaves.count > 1 else { return [] }
        let k = largestPowerOfTwo(below: leaves.count)
        let mid = leaves.startIndex + k
        return m < k
            ? inclusionProof(m, leaves[..<mid]) + [root(leaves[mid...])]
            : inclusionProof(m - k, leaves[mid...]) + [root(leaves[..<mid])]
    }

    /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
    static func consistencyProof(_ m: Int, _ leaves: ArraySlice<MerkleHash>, _ startsAtOldRoot: Bool = true) -> [MerkleHash] {
        if m == leaves.count { return startsAtOldRoot ? [] : [root(leaves)] }
        let k = largestPowerOfTwo(below: leaves.count)
        let mid = leaves.startIndex + k
        return m <= k
            ? consistencyProof(m, leaves[..<mid], startsAtOldRoot) + [root(leaves[mid...])]
            : consistencyProof(m - k, leaves[mid...], false) + [root(leaves[..<mid])]
    }

    private static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }
}

extension MerkleHash {
    /// The same hash with one bit inverted, for tamper tests.
    func flipping(bit: Int) -> MerkleHash {
        var raw = bytes
        raw[bit / 8] ^= 1 << (bit % 8)
        return try! MerkleHash(bytes: raw)
    }
}
