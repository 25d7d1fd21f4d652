/// Times `MerkleLog` on synthetic entries ("entry-0", "entry-1", …). Meaningful only in a release build.
public enum LedgerBenchmark {
    public struct Latency: Sendable, Equatable {
        public var meanMicros: Double
        public var p50Micros: Double
        public var p99Micros: Double
    }

    public struct Result: Sendable, Equatable {
        public var entries: Int
        public var appendsPerSecond: Double
        /// Hash storage divided by entries (array spare capacity included); the entries are not kept.
        public var bytesPerEntry: Double
        public var inclusionProof: Latency
        public var inclusionVerify: Latency
        public var consistencyProof: Latency
        public var consistencyVerify: Latency
    }

    /// Appends `entries` entries, then generates and verifies `samples` inclusion proofs (random leaf,
    /// full tree) and `samples` consistency proofs (random earlier size to the full tree).
    public static func run(entries: Int, samples: Int = 1_000, seed: UInt64 = 9162) -> Result {
        precondition(entries > 1 && samples > 0, "need at least two entries and one sample")
        let clock = ContinuousClock()
        var log = MerkleLog()
        var entry = Array("entry-".utf8)
        let prefixLength = entry.count
        let appending = clock.measure {
            for i in 0..<entries {
                entry.removeSubrange(prefixLength...)
                appendDecimal(i, to: &entry)
                log.append(entry)
            }
        }
        let root = try! log.rootHash()
        var rng = SplitMix64(seed: seed)

        let leaves = (0..<samples).map { _ in Int.random(in: 0..<entries, using: &rng) }
        var inclusionProofs: [[MerkleHash]] = []
        let inclusionProof = measure(leaves, clock) { inclusionProofs.append(try! log.inclusionProof(leafIndex: $0, treeSize: entries)) }
        let inclusionVerify = measure(Array(leaves.indices), clock) {
            try! MerkleVerify.inclusion(leafHash: log.leafHash(at: leaves[$0]), leafIndex: leaves[$0],
                                        treeSize: entries, proof: inclusionProofs[$0], root: root)
        }

        let oldSizes = (0..<samples).map { _ in Int.random(in: 1..<entries, using: &rng) }
        var consistencyProofs: [[MerkleHash]] = []
        let consistencyProof = measure(oldSizes, clock) { consistencyProofs.append(try! log.consistencyProof(from: $0, to: entries)) }
        let oldRoots = oldSizes.map { try! log.rootHash(size: $0) }
        let consistencyVerify = measure(Array(oldSizes.indices), clock) {
            try! MerkleVerify.consistency(size1: oldSizes[$0], size2: entries, root1: oldRoots[$0], root2: root,
                                          proof: consistencyProofs[$0])
        }

        return Result(entries: entries, appendsPerSecond: Double(entries) / seconds(appending),
                      bytesPerEntry: Double(log.storageBytes) / Double(entries),
                      inclusionProof: inclusionProof, inclusionVerify: inclusionVerify,
                      consistencyProof: consistencyProof, consistencyVerify: consistencyVerify)
    }

    /// Times `operation` once per input; every call is checked (`try!`), so a wrong proof stops the run.
    private static func measure(_ inputs: [Int], _ clock: ContinuousClock, _ operation: (Int) -> Void) -> Latency {
        var micros = inputs.map { input in seconds(clock.measure { operation(input) }) * 1e6 }
        micros.sort()
        return Latency(meanMicros: micros.reduce(0, +) / Double(micros.count),
                       p50Micros: percentile(micros, 0.50), p99Micros: percentile(micros, 0.99))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    // Hand-rolled so the timed loop measures hashing, not string formatting and allocation.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }
}
