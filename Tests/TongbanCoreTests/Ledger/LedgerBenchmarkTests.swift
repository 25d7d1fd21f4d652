import Testing
import TongbanCore

@Suite("LedgerBenchmark")
struct LedgerBenchmarkTests {
    @Test("runs on a small log, checks every proof it times and reports ordered percentiles")
    func smoke() {
        let result = LedgerBenchmark.run(entries: 2_000, samples: 100)
        #expect(result.entries == 2_000)
        #expect(result.appendsPerSecond > 0)
        // At least the leaf and inner-node hashes (~64 bytes), at most that with spare array capacity.
        #expect(result.bytesPerEntry >= 60 && result.bytesPerEntry < 200)
        for latency in [result.inclusionProof, result.inclusionVerify, result.consistencyProof, result.consistencyVerify] {
            #expect(latency.p50Micros > 0)
            #expect(latency.p50Micros <= latency.p99Micros)
        }
    }
}
