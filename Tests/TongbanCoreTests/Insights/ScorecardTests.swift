import Testing
import TongbanCore

@Suite("考核 scorecard")
struct ScorecardTests {
    @Test("weighted score, missing measures left out, ties share a rank, departments without data last")
    func scoring() {
        let weights: [Scorecard.Measure: Double] = [.caseOnTime: 50, .satisfaction: 50, .hotlineOnTime: 0]
        let card = Scorecard(weights: weights, rates: [
            "a": [.caseOnTime: 1.0, .satisfaction: 0.8],
            "b": [.caseOnTime: 0.9],                       // satisfaction unknown: judged on time only
            "c": [.caseOnTime: 0.8, .satisfaction: 0.9],
            "d": [:],
            "e": [.hotlineOnTime: 0.5],                    // only a measure weighted 0
        ])
        #expect(card.lines.map(\.department) == ["a", "b", "c", "d", "e"])
        #expect(card.lines.map(\.score) == [90.0, 90.0, 85.0, nil, nil])
        #expect(card.lines.map(\.rank) == [1, 1, 3, nil, nil])
        let second = Scorecard(weights: weights, rates: ["x": [.caseOnTime: 0.5, .satisfaction: 0.5], "y": [.caseOnTime: 1.2, .satisfaction: -1]])
        #expect(second.lines.map(\.score) == [50.0, 50.0], "rates are clamped to 0…1")
        #expect(Scorecard.score([.caseOnTime: 1], weights: [:]) == nil)
    }
}
