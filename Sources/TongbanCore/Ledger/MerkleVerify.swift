/// Checks proofs from any RFC 9162 log, ours or another platform's, without access to the tree.
/// Each check returns normally when the proof holds and throws the reason it does not.
public enum MerkleVerify {
    /// RFC 9162 section 2.1.3.2: `proof` shows the leaf at `leafIndex` is in the tree with `root`.
    public static func inclusion(leafHash: MerkleHash, leafIndex: Int, treeSize: Int,
                                 proof: [MerkleHash], root: MerkleHash) throws(LedgerError) {
        guard leafIndex >= 0, leafIndex < treeSize else {
            throw .indexOutOfRange(index: leafIndex, treeSize: treeSize)
        }
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { throw .proofLengthMismatch }
            if fn & 1 == 1 || fn == sn {
                r = .node(p, r)
                // A right-edge node with no right sibling: skip the levels where it is carried up as is.
                while fn & 1 == 0, fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = .node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .proofLengthMismatch }
        guard r == root else { throw .rootMismatch }
    }

    /// RFC 9162 section 2.1.4.2: `proof` shows the tree with `root2` and `size2` entries extends
    /// the tree with `root1` and `size1` entries.
    public static func consistency(size1: Int, size2: Int, root1: MerkleHash, root2: MerkleHash,
                                   proof: [MerkleHash]) throws(LedgerError) {
        guard try needsProof(size1: size1, size2: size2) else {
            guard proof.isEmpty else { throw .proofLengthMismatch }
            guard root1 == root2 else { throw .rootMismatch }
            return
        }
        guard var first = proof.first else { throw .proofLengthMismatch }
        var path = proof[...]
        // When the old tree is a perfect subtree the proof omits its root, which the verifier has.
        if size1 & (size1 - 1) == 0 { first = root1 } else { path = path.dropFirst() }
        var fn = size1 - 1
        var sn = size2 - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = first
        var sr = first
        for c in path {
            guard sn != 0 else { throw .proofLengthMismatch }
            if fn & 1 == 1 || fn == sn {
                fr = .node(c, fr)
                sr = .node(c, sr)
                while fn & 1 == 0, fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = .node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .proofLengthMismatch }
        guard fr == root1, sr == root2 else { throw .rootMismatch }
    }

    /// The size rules around the RFC's algorithm: a tree only grows, nothing can be proven about the
    /// empty tree, and equal sizes need no proof (`false`), only equal roots.
    static func needsProof(size1: Int, size2: Int) throws(LedgerError) -> Bool {
        guard size1 > 0, size1 <= size2 else { throw .invalidSizes(size1: size1, size2: size2) }
        return size1 != size2
    }
}
