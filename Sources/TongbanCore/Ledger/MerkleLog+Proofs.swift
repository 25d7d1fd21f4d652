extension MerkleLog {
    /// RFC 9162 section 2.1.3.1 PATH(m, D[n]): the sibling hashes from the leaf up to the root of
    /// the tree of the first `treeSize` entries.
    public func inclusionProof(leafIndex: Int, treeSize: Int) throws(LedgerError) -> [MerkleHash] {
        guard treeSize >= 0, treeSize <= size else { throw .sizeOutOfRange(size: treeSize, logSize: size) }
        guard leafIndex >= 0, leafIndex < treeSize else {
            throw .indexOutOfRange(index: leafIndex, treeSize: treeSize)
        }
        // Walk down from the root, collecting the sibling of each subtree holding the leaf; the RFC
        // lists them bottom-up, hence the reversal.
        var proof: [MerkleHash] = []
        proof.reserveCapacity(Int.bitWidth - treeSize.leadingZeroBitCount)
        var start = 0
        var count = treeSize
        while count > 1 {
            let k = splitPoint(count)
            if leafIndex - start < k {
                proof.append(subtreeHash(start: start + k, count: count - k))
                count = k
            } else {
                proof.append(perfectSubtree(start: start, count: k))
                start += k
                count -= k
            }
        }
        proof.reverse()
        return proof
    }

    /// RFC 9162 section 2.1.4.1 PROOF(m, D[n]): shows the tree of `size2` entries extends the tree of
    /// `size1` entries. Empty when the sizes are equal; undefined (an error) from the empty tree.
    public func consistencyProof(from size1: Int, to size2: Int) throws(LedgerError) -> [MerkleHash] {
        guard size2 >= 0, size2 <= size else { throw .sizeOutOfRange(size: size2, logSize: size) }
        guard size1 > 0, size1 <= size2 else { throw .invalidSizes(size1: size1, size2: size2) }
        // SUBPROOF(m, D[start..<start+count], startsAtOldRoot), unrolled from the root downwards.
        var proof: [MerkleHash] = []
        proof.reserveCapacity(Int.bitWidth - size2.leadingZeroBitCount + 1)
        var start = 0
        var count = size2
        var m = size1
        var startsAtOldRoot = true
        while m != count {
            let k = splitPoint(count)
            if m <= k {
                proof.append(subtreeHash(start: start + k, count: count - k))
                count = k
            } else {
                proof.append(perfectSubtree(start: start, count: k))
                start += k
                count -= k
                m -= k
                startsAtOldRoot = false
            }
        }
        // The old tree's root is a node the verifier already has; any other subtree it ends in is not.
        if !startsAtOldRoot { proof.append(perfectSubtree(start: start, count: count)) }
        proof.reverse()
        return proof
    }
}
