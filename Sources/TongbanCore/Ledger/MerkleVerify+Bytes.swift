extension MerkleVerify {
    /// Inclusion check on hashes as received (e.g. decoded from base64): any hash that is not
    /// 32 bytes rejects the proof.
    public static func inclusion(leafHash: [UInt8], leafIndex: Int, treeSize: Int,
                                 proof: [[UInt8]], root: [UInt8]) throws(LedgerError) {
        try inclusion(leafHash: MerkleHash(bytes: leafHash), leafIndex: leafIndex, treeSize: treeSize,
                      proof: hashes(proof), root: MerkleHash(bytes: root))
    }

    /// Consistency check on hashes as received. Equal sizes compare the two roots as given, whatever
    /// their length, as RFC 9162 and the transparency-dev vectors do; otherwise every hash must be
    /// 32 bytes.
    public static func consistency(size1: Int, size2: Int, root1: [UInt8], root2: [UInt8],
                                   proof: [[UInt8]]) throws(LedgerError) {
        guard try needsProof(size1: size1, size2: size2) else {
            guard proof.isEmpty else { throw .proofLengthMismatch }
            guard root1 == root2 else { throw .rootMismatch }
            return
        }
        try consistency(size1: size1, size2: size2, root1: MerkleHash(bytes: root1),
                        root2: MerkleHash(bytes: root2), proof: hashes(proof))
    }

    private static func hashes(_ proof: [[UInt8]]) throws(LedgerError) -> [MerkleHash] {
        var hashes: [MerkleHash] = []
        hashes.reserveCapacity(proof.count)
        for bytes in proof { hashes.append(try MerkleHash(bytes: bytes)) }
        return hashes
    }
}
