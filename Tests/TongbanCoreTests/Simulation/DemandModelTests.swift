import Testing
@testable import TongbanCore

@Suite("Demand model for simulated history")
struct DemandModelTests {
    @Test("Mondays are busiest, rest days quiet, the pre-festival January busier than February")
    func shapes() {
        let monday = CalendarDay(year: 2025, month: 4, day: 7), friday = CalendarDay(year: 2025, month: 4, day: 11)
        let sunday = CalendarDay(year: 2025, month: 4, day: 13)
        #expect(DemandModel.expected(on: monday, isWorkday: true, base: 100) > DemandModel.expected(on: friday, isWorkday: true, base: 100))
        #expect(DemandModel.expected(on: sunday, isWorkday: false, base: 100) < 10)
        let january = CalendarDay(year: 2025, month: 1, day: 6), february = CalendarDay(year: 2025, month: 2, day: 10)
        #expect(DemandModel.expected(on: january, isWorkday: true, base: 100) > DemandModel.expected(on: february, isWorkday: true, base: 100))
    }

    @Test("Poisson draws average to their mean, small and large")
    func poisson() {
        var rng = SplitMix64(seed: 42)
        for mean in [3.0, 250.0] {
            let draws = (0..<4000).map { _ in DemandModel.poisson(mean, using: &rng) }
            let average = Double(draws.reduce(0, +)) / Double(draws.count)
            #expect(abs(average - mean) < mean * 0.05 + 0.2, "mean \(mean): \(average)")
            #expect(draws.allSatisfy { $0 >= 0 })
        }
    }

    @Test("most tasks finish inside their limit, a few percent run over")
    func processing() {
        var rng = SplitMix64(seed: 7)
        let shares = (0..<10000).map { _ in DemandModel.processingShare(using: &rng) }
        let over = Double(shares.filter { $0 >= 1 }.count) / Double(shares.count)
        #expect(over > 0.02 && over < 0.07)
    }

    @Test("the same seed gives the same city")
    func deterministic() {
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
    }
}
