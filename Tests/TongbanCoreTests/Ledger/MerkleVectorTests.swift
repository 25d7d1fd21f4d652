import Testing
@testable import TongbanCore

@Suite("Merkle log against the RFC 9162 test vectors")
struct MerkleVectorTests {
    /// The 8-leaf reference tree the happy-path vectors were generated from.
    static func referenceLog() throws -> (log: MerkleLog, roots: [[UInt8]]) {
        let reference = try MerkleVectors.reference()
        var log = MerkleLog()
        for input in reference.leafInputs { log.append(input) }
        return (log, reference.roots)
    }

    @Test("the reference tree has the published root at every size from 0 to 8")
    func referenceRoots() throws {
        let (log, roots) = try Self.referenceLog()
        #expect(roots.count == 9)
        for (size, root) in roots.enumerated() {
            #expect(try log.rootHash(size: size).bytes == root, "size \(size)")
        }
        #expect(MerkleHash.emptyTree.bytes == roots[0])
    }

    @Test("every inclusion vector verifies or is rejected as published, and our proofs match the published ones")
    func inclusionVectors() throws {
        let (log, roots) = try Self.referenceLog()
        let cases = try MerkleVectors.inclusion()
        #expect(cases.count >= 98, "expected the full vector set, found \(cases.count) files")
        var comparedProofs = 0
        for (file, v) in cases.map({ ($0.file, $0.vector) }) {
            let proof = (v.proof ?? []).map(MerkleVectors.bytes(base64:))
            let verified = Result { () throws(LedgerError) in
                try MerkleVerify.inclusion(leafHash: MerkleVectors.bytes(base64: v.leafHash), leafIndex: v.leafIndex,
                                           treeSize: v.size, proof: proof, root: MerkleVectors.bytes(base64: v.root))
            }
            if v.wantErr {
                #expect(throws: LedgerError.self, "\(file): \(v.desc)") { try verified.get() }
                continue
            }
            #expect(throws: Never.self, "\(file): \(v.desc)") { try verified.get() }
            if v.size < roots.count, MerkleVectors.bytes(base64: v.root) == roots[v.size] {
                #expect(try log.inclusionProof(leafIndex: v.leafIndex, treeSize: v.size).map(\.bytes) == proof, "\(file)")
                #expect(try log.leafHash(at: v.leafIndex).bytes == MerkleVectors.bytes(base64: v.leafHash), "\(file)")
                comparedProofs += 1
            }
        }
        #expect(comparedProofs == 5)
    }

    @Test("every consistency vector verifies or is rejected as published, and our proofs match the published ones")
    func consistencyVectors() throws {
        let (log, roots) = try Self.referenceLog()
        let cases = try MerkleVectors.consistency()
        #expect(cases.count >= 98, "expected the full vector set, found \(cases.count) files")
        var comparedProofs = 0
        for (file, v) in cases.map({ ($0.file, $0.vector) }) {
            let proof = (v.proof ?? []).map(MerkleVectors.bytes(base64:))
            let verified = Result { () throws(LedgerError) in
                try MerkleVerify.consistency(size1: v.first, size2: v.second, root1: MerkleVectors.bytes(base64: v.root1),
                                             root2: MerkleVectors.bytes(base64: v.root2), proof: proof)
            }
            if v.wantErr {
                #expect(throws: LedgerError.self, "\(file): \(v.desc)") { try verified.get() }
                continue
            }
            #expect(throws: Never.self, "\(file): \(v.desc)") { try verified.get() }
            if v.second < roots.count, MerkleVectors.bytes(base64: v.root1) == roots[v.first], MerkleVectors.bytes(base64: v.root2) == roots[v.second] {
                #expect(try log.consistencyProof(from: v.first, to: v.second).map(\.bytes) == proof, "\(file)")
                comparedProofs += 1
            }
        }
        #expect(comparedProofs == 5)
    }
}
