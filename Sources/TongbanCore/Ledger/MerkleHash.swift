import Crypto

/// A SHA-256 value in the ledger's Merkle tree (RFC 9162 section 2.1).
///
/// Stored as four words rather than `[UInt8]` so an array of hashes is one contiguous allocation of
/// 32 bytes per element, with no per-hash heap object: the log keeps about two of these per entry.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    // A tuple, not four properties: tuple layout is guaranteed, so the raw bytes can be loaded and
    // read back in memory order.
    var words: (UInt64, UInt64, UInt64, UInt64)

    /// SHA-256 of the empty string: the root of the empty tree.
    public static let emptyTree = MerkleHash(SHA256.hash(data: [UInt8]()))

    init(_ digest: SHA256Digest) {
        words = digest.withUnsafeBytes { $0.loadUnaligned(as: (UInt64, UInt64, UInt64, UInt64).self) }
    }

    /// Accepts exactly 32 bytes, as received from another party; anything else is not a hash.
    public init(bytes: some Collection<UInt8>) throws(LedgerError) {
        guard bytes.count == 32 else { throw .malformedHash(byteCount: bytes.count) }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { _ = $0.initializeMemory(as: UInt8.self, from: bytes) }
        self.words = words
    }

    public var bytes: [UInt8] { withUnsafeBytes(of: words) { Array($0) } }

    public var description: String { hex }

    public static func == (lhs: MerkleHash, rhs: MerkleHash) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1
            && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

extension MerkleHash {
    /// Leaf hash: SHA-256(0x00 || entry). The prefix keeps a leaf from passing for an inner node.
    public static func leaf(_ entry: some Sequence<UInt8>) -> MerkleHash {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        let hashedInPlace: Void? = entry.withContiguousStorageIfAvailable {
            hasher.update(bufferPointer: UnsafeRawBufferPointer($0))
        }
        if hashedInPlace == nil { Array(entry).withUnsafeBytes { hasher.update(bufferPointer: $0) } }
        return MerkleHash(hasher.finalize())
    }

    /// Inner node hash: SHA-256(0x01 || left || right). Copied into one 65-byte stack buffer and
    /// hashed in a single update, because this runs about once per append and every update call
    /// has a fixed cost larger than the copy.
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 1
            withUnsafeBytes(of: left.words) { buffer.baseAddress!.advanced(by: 1).copyMemory(from: $0.baseAddress!, byteCount: 32) }
            withUnsafeBytes(of: right.words) { buffer.baseAddress!.advanced(by: 33).copyMemory(from: $0.baseAddress!, byteCount: 32) }
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return MerkleHash(hasher.finalize())
        }
    }
}
