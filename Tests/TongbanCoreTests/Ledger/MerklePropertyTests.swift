import Testing
@testable import TongbanCore

@Suite("Merkle log properties on random trees")
struct MerklePropertyTests {
    static func log(size: Int, seed: UInt64 = 1) -> MerkleLog {
        var rng = SplitMix64(seed: seed)
        var log = MerkleLog()
        for i in 0..<size {
            log.append(Array("案件-\(i)-\(rng.next())".utf8))
        }
        return log
    }

    @Test("the incremental root equals the recursive definition for every size 0 to 300")
    func rootsMatchDefinition() throws {
        let log = Self.log(size: 300)
        for size in 0...300 {
            #expect(try log.rootHash(size: size) == NaiveMerkle.root(log.leafHashes[..<size]), "size \(size)")
        }
    }

    @Test("every proof equals the recursive definition for every pair of sizes up to 40")
    func proofsMatchDefinition() throws {
        let log = Self.log(size: 40)
        for size2 in 1...40 {
            let leaves = log.leafHashes[..<size2]
            for m in 0..<size2 {
                #expect(try log.inclusionProof(leafIndex: m, treeSize: size2) == NaiveMerkle.inclusionProof(m, leaves))
                #expect(try log.consistencyProof(from: m + 1, to: size2) == NaiveMerkle.consistencyProof(m + 1, leaves))
            }
        }
    }

    @Test("inclusion proofs for leaves of random trees of up to 3000 entries verify against every earlier root")
    func inclusionProofsVerify() throws {
        var rng = SplitMix64(seed: 42)
        let log = Self.log(size: 3000, seed: 7)
        for _ in 0..<40 {
            let treeSize = Int.random(in: 1...3000, using: &rng)
            let root = try log.rootHash(size: treeSize)
            let leaves = treeSize <= 300 ? Array(0..<treeSize) : (0..<150).map { _ in Int.random(in: 0..<treeSize, using: &rng) }
            for index in leaves {
                let proof = try log.inclusionProof(leafIndex: index, treeSize: treeSize)
                try MerkleVerify.inclusion(leafHash: log.leafHash(at: index), leafIndex: index,
                                           treeSize: treeSize, proof: proof, root: root)
            }
        }
    }

    @Test("consistency proofs between random pairs of sizes up to 3000 verify")
    func consistencyProofsVerify() throws {
        var rng = SplitMix64(seed: 43)
        let log = Self.log(size: 3000, seed: 8)
        for _ in 0..<2000 {
            let size2 = Int.random(in: 1...3000, using: &rng)
            let size1 = Int.random(in: 1...size2, using: &rng)
            let proof = try log.consistencyProof(from: size1, to: size2)
            try MerkleVerify.consistency(size1: size1, size2: size2, root1: log.rootHash(size: size1),
                                         root2: log.rootHash(size: size2), proof: proof)
        }
    }

    @Test("flipping any bit of an inclusion proof, the leaf or the root rejects it")
    func tamperedInclusionRejected() throws {
        let log = Self.log(size: 1000, seed: 9)
        for (index, treeSize) in [(0, 1000), (513, 1000), (999, 1000), (6, 7), (1, 2)] {
            let leaf = try log.leafHash(at: index)
            let root = try log.rootHash(size: treeSize)
            let proof = try log.inclusionProof(leafIndex: index, treeSize: treeSize)
            func rejected(_ leaf: MerkleHash, _ proof: [MerkleHash], _ root: MerkleHash) -> Bool {
                (try? MerkleVerify.inclusion(leafHash: leaf, leafIndex: index, treeSize: treeSize, proof: proof, root: root)) == nil
            }
            #expect(!rejected(leaf, proof, root))
            for bit in 0..<256 {
                #expect(rejected(leaf.flipping(bit: bit), proof, root))
                #expect(rejected(leaf, proof, root.flipping(bit: bit)))
                for position in proof.indices {
                    var tampered = proof
                    tampered[position] = tampered[position].flipping(bit: bit)
                    #expect(rejected(leaf, tampered, root), "bit \(bit) of proof[\(position)]")
                }
            }
            #expect(rejected(leaf, proof + [root], root))
            #expect(rejected(leaf, Array(proof.dropLast()), root))
            #expect(throws: LedgerError.indexOutOfRange(index: treeSize, treeSize: treeSize)) {
                try MerkleVerify.inclusion(leafHash: leaf, leafIndex: treeSize, treeSize: treeSize, proof: proof, root: root)
            }
        }
    }

    @Test("flipping any bit of a consistency proof or either root rejects it")
    func tamperedConsistencyRejected() throws {
        let log = Self.log(size: 1000, seed: 10)
        for (size1, size2) in [(1, 1000), (512, 1000), (777, 1000), (999, 1000), (3, 4)] {
            let root1 = try log.rootHash(size: size1)
            let root2 = try log.rootHash(size: size2)
            let proof = try log.consistencyProof(from: size1, to: size2)
            func rejected(_ root1: MerkleHash, _ root2: MerkleHash, _ proof: [MerkleHash]) -> Bool {
                (try? MerkleVerify.consistency(size1: size1, size2: size2, root1: root1, root2: root2, proof: proof)) == nil
            }
            #expect(!rejected(root1, root2, proof))
            for bit in 0..<256 {
                #expect(rejected(root1.flipping(bit: bit), root2, proof))
                #expect(rejected(root1, root2.flipping(bit: bit), proof))
                for position in proof.indices {
                    var tampered = proof
                    tampered[position] = tampered[position].flipping(bit: bit)
                    #expect(rejected(root1, root2, tampered), "bit \(bit) of proof[\(position)]")
                }
            }
            #expect(rejected(root1, root2, proof + [root2]))
            #expect(rejected(root1, root2, Array(proof.dropLast())))
            #expect(rejected(root1, root2, []))
        }
    }

    @Test("a log resumed from its stored leaf hashes has the same nodes, roots and proofs, and grows the same")
    func resumedLogIsIdentical() throws {
        for size in [0, 1, 2, 3, 255, 256, 257, 2049] {
            var original = Self.log(size: size, seed: UInt64(size))
            var resumed = MerkleLog(leafHashes: original.leafHashes)
            #expect(resumed.levels == original.levels, "size \(size)")
            for extra in 0..<5 {
                original.append(Array("追加-\(extra)".utf8))
                resumed.append(Array("追加-\(extra)".utf8))
            }
            #expect(resumed.levels == original.levels)
            let grown = original.size
            #expect(try resumed.rootHash() == original.rootHash())
            for index in stride(from: 0, to: grown, by: max(1, grown / 20)) {
                #expect(try resumed.inclusionProof(leafIndex: index, treeSize: grown)
                    == original.inclusionProof(leafIndex: index, treeSize: grown))
                #expect(try resumed.consistencyProof(from: index + 1, to: grown)
                    == original.consistencyProof(from: index + 1, to: grown))
            }
        }
    }
}
