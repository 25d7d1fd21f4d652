import Testing
import TongbanCore

@Suite("SearchBenchmark")
struct SearchBenchmarkTests {
    @Test("runs on a small synthetic catalogue and reports ordered percentiles")
    func smoke() {
        let result = SearchBenchmark.run(documents: 200, queries: 50)
        #expect(result.p50Micros > 0)
        #expect(result.p50Micros <= result.p99Micros)
        #expect(SearchBenchmark.run(documents: 0, queries: 0) == (0, 0))
    }
}
