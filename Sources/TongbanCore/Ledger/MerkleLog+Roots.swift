extension MerkleLog {
    /// The tree head for the first `size` entries (the current size by default).
    public func rootHash(size treeSize: Int? = nil) throws(LedgerError) -> MerkleHash {
        let treeSize = treeSize ?? size
        guard treeSize >= 0, treeSize <= size else { throw .sizeOutOfRange(size: treeSize, logSize: size) }
        return treeSize == 0 ? .emptyTree : subtreeHash(start: 0, count: treeSize)
    }

    /// MTH of the `count` leaves from `start`, where `start` is aligned as in the RFC's recursion
    /// (a multiple of the largest power of two below `count`, or of `count` itself if it is one).
    /// The left part of every split is a stored perfect subtree; only the right edge recurses.
    func subtreeHash(start: Int, count: Int) -> MerkleHash {
        if count & (count - 1) == 0 { return perfectSubtree(start: start, count: count) }
        // Fold the perfect subtrees of `count`'s binary decomposition from the smallest (rightmost).
        var remaining = count
        var lowest = remaining & -remaining
        var hash = perfectSubtree(start: start + remaining - lowest, count: lowest)
        remaining -= lowest
        while remaining > 0 {
            lowest = remaining & -remaining
            hash = .node(perfectSubtree(start: start + remaining - lowest, count: lowest), hash)
            remaining -= lowest
        }
        return hash
    }

    /// A stored perfect subtree: `count` is a power of two and `start` a multiple of it.
    @inline(__always)
    func perfectSubtree(start: Int, count: Int) -> MerkleHash {
        let level = count.trailingZeroBitCount
        return levels[level][start >> level]
    }
}

/// The largest power of two strictly below `n` (n > 1): where RFC 9162 splits a tree of n leaves.
@inline(__always)
func splitPoint(_ n: Int) -> Int {
    1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
}
