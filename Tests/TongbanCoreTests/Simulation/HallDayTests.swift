import Testing
@testable import TongbanCore

@Suite("A day at the windows: first come first served by the first free window")
struct HallDayTests {
    @Test("two windows, three people at once: two are called at once, the third when the quicker window frees")
    func queue() {
        let visits = HallDay.play(arrivals: [(540, 10), (540, 20), (541, 5), (600, 5)], windows: 2)
        #expect(visits.map(\.called) == [540, 540, 550, 600])
        #expect(visits.map(\.finished) == [550, 560, 555, 605])
        #expect(visits[2].window == 1 && visits.allSatisfy { $0.called >= $0.arrived })
    }

    @Test("arrivals fall inside opening hours, most in the morning")
    func arrivals() {
        var rng = SplitMix64(seed: 7)
        let minutes = (0..<5000).map { _ in HallDay.arrivalMinute(using: &rng) }
        #expect(minutes.allSatisfy { (540..<720).contains($0) || (810..<1020).contains($0) })
        #expect(minutes.filter { $0 < 720 }.count > minutes.count / 2)
    }
}
