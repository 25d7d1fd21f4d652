import Testing
import TongbanCore

@Suite("Recommend: ServiceHistory and reasons")
struct RecommendServiceHistoryTests {
    @Test("events are put oldest first, keeping the given order within a day")
    func chronological() {
        let history = ServiceHistory(applicant: "p", events: [
            .init(code: "C", day: 9), .init(code: "A", day: 3), .init(code: "B", day: 3),
        ])
        #expect(history.events.map(\.code) == ["A", "B", "C"])
        #expect(history.droppingLast.events.map(\.code) == ["A", "B"])
        #expect(ServiceHistory(applicant: "q", events: []).droppingLast.events.isEmpty)
    }

    @Test("a follow-up is 通常 only for most people; otherwise the share is said",
          arguments: [(0.5, "办理“出生登记”的人通常接着办理"), (0.3, "办理“出生登记”的人中约 30% 接着办理"),
                      (0.001, "办理“出生登记”的人中约 1% 接着办理")])
    func reasonWording(share: Double, expected: String) {
        let basis = Recommendation.Basis.followsUp(after: "A", share: share)
        #expect(basis.reason { $0 == "A" ? "出生登记" : $0 } == expected)
    }
}
