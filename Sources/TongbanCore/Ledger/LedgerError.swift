/// Why a ledger query or a proof check failed. A rejected proof is an expected outcome when checking
/// what another party sent, so each reason has its own stable code for logs and API responses.
public enum LedgerError: Error, Equatable, Sendable {
    /// A leaf index that is negative or not below the tree size it is asked about.
    case indexOutOfRange(index: Int, treeSize: Int)
    /// A tree size the log has not reached yet (or a negative one).
    case sizeOutOfRange(size: Int, logSize: Int)
    /// Consistency between these two sizes is undefined: the first is empty or after the second.
    case invalidSizes(size1: Int, size2: Int)
    /// The proof has too few or too many hashes for the sizes it claims to cover.
    case proofLengthMismatch
    /// The proof does not lead to the expected root.
    case rootMismatch
    /// A hash that is not 32 bytes, or hex/base64 text that does not decode to one.
    case malformedHash(byteCount: Int)

    public var code: String {
        switch self {
        case .indexOutOfRange: "ledger.index_out_of_range"
        case .sizeOutOfRange: "ledger.size_out_of_range"
        case .invalidSizes: "ledger.invalid_sizes"
        case .proofLengthMismatch: "ledger.proof_length_mismatch"
        case .rootMismatch: "ledger.root_mismatch"
        case .malformedHash: "ledger.malformed_hash"
        }
    }

    /// Read by auditors and staff checking a receipt, hence Chinese and naming what to compare.
    public var message: String {
        switch self {
        case let .indexOutOfRange(index, treeSize):
            "记录序号 \(index) 不在账本前 \(treeSize) 条记录范围内"
        case let .sizeOutOfRange(size, logSize):
            "账本目前只有 \(logSize) 条记录，无法给出第 \(size) 条时的状态"
        case let .invalidSizes(size1, size2):
            "无法证明账本从 \(size1) 条到 \(size2) 条的一致性：起点须大于 0 且不大于终点"
        case .proofLengthMismatch:
            "证明中的哈希个数与声称的账本规模不符，证明无效"
        case .rootMismatch:
            "按证明计算出的根哈希与账本公布的根哈希不一致，记录可能被篡改"
        case let .malformedHash(byteCount):
            "哈希值长度应为 32 字节，实际为 \(byteCount) 字节"
        }
    }
}
