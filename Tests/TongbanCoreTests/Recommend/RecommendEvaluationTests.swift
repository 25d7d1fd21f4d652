import Testing
import TongbanCore

@Suite("Recommend: leave-last-out evaluation")
struct RecommendEvaluationTests {
    static func person(_ who: String, _ events: [(String, Int)]) -> ServiceHistory {
        ServiceHistory(applicant: who, events: events.map { ServiceEvent(code: $0.0, day: $0.1) })
    }

    /// Trained on everyone's history without its last event:
    ///   p1–p3 [A, B]   p4–p5 [A]   p6 [C]   p7 [D]   p9–p12 [E]
    /// (p8 has nothing left), so popularity is A 5, E 4, B 3, C 1, D 1 of 11 applicants, and B follows A for 3 of A's 5.
    static let histories: [ServiceHistory] =
        (1...3).map { person("p\($0)", [("A", 0), ("B", 5), ("C", 100)]) }
        + (4...5).map { person("p\($0)", [("A", 0), ("B", 5)]) }
        + [person("p6", [("C", 0), ("A", 10)]), person("p7", [("D", 0), ("D", 50)]), person("p8", [("C", 0)])]
        + (9...12).map { person("p\($0)", [("E", 0), ("F", 1)]) }

    static var options: RecommendEvaluation.Options {
        var options = RecommendEvaluation.Options()
        options.k = 1
        // Without smoothing the numbers can be followed by hand: P(B | A) = 3/5, base(B) = 3/11, lift 2.2.
        options.model.priorStrength = 0
        options.model.minPairApplicants = 2
        return options
    }

    @Test("hit rate, repeats and coverage on a dataset small enough to check by hand")
    func tiny() {
        let report = RecommendEvaluation.leaveLastOut(Self.histories, options: Self.options)
        // p8 has one event; p7's held-out D repeats its history.
        #expect(report.applicants == 11)
        #expect(report.repeatsSkipped == 1)
        #expect(report.evaluated == 10)
        // Model: p4, p5 get B (the follow-up of A beats the more popular E), p6 gets A. Others miss:
        // p1–p3 (C) get E, p9–p12 (F, never seen) get A.
        #expect(report.modelHits == 3)
        #expect(report.modelHitRate == 0.3)
        // Most popular: only p6 (A); p4, p5 get E.
        #expect(report.popularityHits == 1)
        #expect(report.popularityHitRate == 0.1)
        #expect(report.followUpCaseShare == 0.2)
        // Of A–E the model showed A, B, E; the baseline A, E.
        #expect(report.modelCoverage == 0.6)
        #expect(report.popularityCoverage == 0.4)
    }

    @Test("with repeats allowed nothing is skipped or excluded")
    func repeatsAllowed() {
        var options = Self.options
        options.excludeSeen = false
        let report = RecommendEvaluation.leaveLastOut(Self.histories, options: options)
        #expect(report.repeatsSkipped == 0)
        #expect(report.evaluated == 11)
    }

    @Test("no applicant with two applications gives an empty report, not a division by zero")
    func empty() {
        let report = RecommendEvaluation.leaveLastOut([Self.person("p", [("A", 0)])])
        #expect(report.evaluated == 0)
        #expect(report.modelHitRate == 0)
        #expect(report.modelCoverage == 0)
    }
}
