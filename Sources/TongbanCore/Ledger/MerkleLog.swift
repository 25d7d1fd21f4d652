/// The ledger's append-only Merkle tree (RFC 9162 section 2.1), kept in memory.
///
/// Every perfect subtree is stored once it is complete: `levels[k][i]` is the hash of the 2^k leaves
/// starting at `i << k`, so `levels[0]` holds the leaf hashes and `levels[k].count == size >> k`.
/// Perfect subtrees never change, so any root or proof for any earlier size is assembled from them and
/// only the imperfect right edge is rehashed: O(log n) hashes per query, about two hashes per append,
/// and about 64 bytes per entry.
public struct MerkleLog: Sendable {
    private(set) var levels: [[MerkleHash]] = [[]]

    public init() {}

    /// Resumes a log from its stored leaf hashes without the entries themselves: the inner nodes are
    /// rebuilt (one hash per leaf), the leaves are not rehashed.
    public init(leafHashes: some Sequence<MerkleHash>) {
        levels[0].append(contentsOf: leafHashes)
        var level = 0
        while levels[level].count > 1 {
            let below = levels[level]
            let parents = (0..<below.count / 2).map { MerkleHash.node(below[2 * $0], below[2 * $0 + 1]) }
            levels.append(parents)
            level += 1
        }
    }

    /// Number of entries appended so far.
    public var size: Int { levels[0].count }

    /// The leaf hashes in order: what to persist so `init(leafHashes:)` can resume the log.
    public var leafHashes: [MerkleHash] { levels[0] }

    public func leafHash(at index: Int) throws(LedgerError) -> MerkleHash {
        guard index >= 0, index < size else { throw .indexOutOfRange(index: index, treeSize: size) }
        return levels[0][index]
    }

    /// Appends an entry's leaf hash and returns its index.
    @discardableResult
    public mutating func append(_ entry: some Sequence<UInt8>) -> Int {
        appendLeafHash(.leaf(entry))
    }

    /// Appends an already computed leaf hash, e.g. when the entry was hashed elsewhere.
    @discardableResult
    public mutating func appendLeafHash(_ leafHash: MerkleHash) -> Int {
        let index = size
        levels[0].append(leafHash)
        // Each trailing one bit of the new size completes one more perfect subtree.
        var level = 0
        var completed = index + 1
        var node = leafHash
        while completed & 1 == 0 {
            node = .node(levels[level][levels[level].count - 2], node)
            level += 1
            if level == levels.count { levels.append([]) }
            levels[level].append(node)
            completed >>= 1
        }
        return index
    }

    /// Bytes held for hashes (including spare array capacity), for capacity planning.
    public var storageBytes: Int {
        levels.reduce(0) { $0 + $1.capacity * MemoryLayout<MerkleHash>.stride }
    }
}
