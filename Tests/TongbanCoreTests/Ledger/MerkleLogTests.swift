import Testing
@testable import TongbanCore

@Suite("Merkle log API")
struct MerkleLogTests {
    @Test("an empty log has the SHA-256 of nothing as its root and no leaves")
    func emptyLog() throws {
        let log = MerkleLog()
        #expect(log.size == 0)
        #expect(try log.rootHash() == MerkleHash.emptyTree)
        #expect(MerkleHash.emptyTree.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(throws: LedgerError.indexOutOfRange(index: 0, treeSize: 0)) { try log.leafHash(at: 0) }
    }

    @Test("append returns consecutive indices and accepts entries or precomputed leaf hashes alike")
    func appendIndices() throws {
        var byEntry = MerkleLog()
        var byHash = MerkleLog()
        for i in 0..<10 {
            let entry = Array("受理-\(i)".utf8)
            #expect(byEntry.append(entry) == i)
            #expect(byHash.appendLeafHash(.leaf(entry)) == i)
            #expect(try byEntry.leafHash(at: i) == MerkleHash.leaf(entry))
        }
        #expect(try byEntry.rootHash() == byHash.rootHash())
        // A lazily produced sequence hashes the same as the contiguous bytes it yields.
        #expect(MerkleHash.leaf("受理-0".utf8.lazy.map { $0 }) == MerkleHash.leaf(Array("受理-0".utf8)))
    }

    @Test("the root of entry-0 … entry-999 equals the one pymerkle 7 computes (scripts/bench-ledger.py)")
    func agreesWithPymerkle() throws {
        var log = MerkleLog()
        for i in 0..<1000 { log.append(Array("entry-\(i)".utf8)) }
        #expect(try log.rootHash().hex == "d03d63b772af99019817ee3e018286d36a26161bdb5bfe8228e92c02abe9115d")
    }

    @Test("queries beyond the log's size or with impossible sizes are errors, not wrong answers")
    func outOfRange() throws {
        var log = MerkleLog()
        for i in 0..<5 { log.append([UInt8(i)]) }
        #expect(throws: LedgerError.sizeOutOfRange(size: 6, logSize: 5)) { try log.rootHash(size: 6) }
        #expect(throws: LedgerError.sizeOutOfRange(size: -1, logSize: 5)) { try log.rootHash(size: -1) }
        #expect(throws: LedgerError.indexOutOfRange(index: 3, treeSize: 3)) { try log.inclusionProof(leafIndex: 3, treeSize: 3) }
        #expect(throws: LedgerError.indexOutOfRange(index: -1, treeSize: 5)) { try log.inclusionProof(leafIndex: -1, treeSize: 5) }
        #expect(throws: LedgerError.sizeOutOfRange(size: 9, logSize: 5)) { try log.inclusionProof(leafIndex: 0, treeSize: 9) }
        #expect(throws: LedgerError.invalidSizes(size1: 0, size2: 5)) { try log.consistencyProof(from: 0, to: 5) }
        #expect(throws: LedgerError.invalidSizes(size1: 4, size2: 3)) { try log.consistencyProof(from: 4, to: 3) }
        #expect(throws: LedgerError.sizeOutOfRange(size: 6, logSize: 5)) { try log.consistencyProof(from: 1, to: 6) }
        #expect(try log.consistencyProof(from: 5, to: 5).isEmpty)
        #expect(try log.inclusionProof(leafIndex: 0, treeSize: 1).isEmpty)
    }

    @Test("equal sizes are consistent only with an empty proof and equal roots")
    func equalSizes() throws {
        let root = MerkleHash.leaf([1])
        try MerkleVerify.consistency(size1: 3, size2: 3, root1: root, root2: root, proof: [])
        #expect(throws: LedgerError.proofLengthMismatch) {
            try MerkleVerify.consistency(size1: 3, size2: 3, root1: root, root2: root, proof: [root])
        }
        #expect(throws: LedgerError.rootMismatch) {
            try MerkleVerify.consistency(size1: 3, size2: 3, root1: root, root2: .emptyTree, proof: [])
        }
        #expect(throws: LedgerError.invalidSizes(size1: 0, size2: 0)) {
            try MerkleVerify.consistency(size1: 0, size2: 0, root1: .emptyTree, root2: .emptyTree, proof: [])
        }
    }

    @Test("hashes round-trip through hex and raw bytes; wrong lengths are refused")
    func hashEncoding() throws {
        let hash = MerkleHash.leaf(Array("entry-0".utf8))
        #expect(try MerkleHash(hex: hash.hex) == hash)
        #expect(try MerkleHash(hex: hash.hex.uppercased()) == hash)
        #expect(try MerkleHash(bytes: hash.bytes) == hash)
        #expect(hash.description == hash.hex)
        #expect(throws: LedgerError.malformedHash(byteCount: 31)) { try MerkleHash(bytes: [UInt8](repeating: 0, count: 31)) }
        #expect(throws: LedgerError.self) { try MerkleHash(hex: String(repeating: "g", count: 64)) }
        #expect(Set([hash, hash, .emptyTree]).count == 2)
    }

    @Test("every ledger error has a stable code and a Chinese message")
    func errorTexts() {
        let errors: [LedgerError] = [
            .indexOutOfRange(index: 9, treeSize: 3), .sizeOutOfRange(size: 9, logSize: 3),
            .invalidSizes(size1: 0, size2: 3), .proofLengthMismatch, .rootMismatch, .malformedHash(byteCount: 12),
        ]
        #expect(Set(errors.map(\.code)).count == errors.count)
        for error in errors {
            #expect(error.code.hasPrefix("ledger."))
            #expect(error.message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(error.code)")
        }
        #expect(LedgerError.indexOutOfRange(index: 9, treeSize: 3).code == "ledger.index_out_of_range")
    }
}
