/// Leave-last-out: would the model have suggested what each applicant actually applied for next,
/// and does it beat simply showing the most popular services?
///
/// Trains once on every history without its last application, then asks, for each applicant with at
/// least two, for the top `k` given the earlier ones. Services already in the applicant's history are
/// excluded from the suggestions by default, because the platform suggests services someone has not used
/// yet; a held-out application that repeats one of them cannot be hit by either side, so it is counted in
/// `repeatsSkipped` and left out of the hit rates. With `excludeSeen` off nothing is excluded or skipped.
public enum RecommendEvaluation {
    public struct Options: Sendable {
        public var k = 5
        public var excludeSeen = true
        public var model = NextServiceModel.Options()

        public init() {}
    }

    public struct Report: Sendable {
        public var k: Int
        /// Applicants with at least two applications.
        public var applicants: Int
        /// Held-out applications scored (applicants minus repeats skipped).
        public var evaluated: Int
        public var repeatsSkipped: Int
        public var modelHits: Int
        public var popularityHits: Int
        /// Share of evaluated cases whose top k held at least one follow-up rather than only popularity fill.
        public var followUpCaseShare: Double
        /// Share of the services in the training data that appear in at least one top-k list.
        public var modelCoverage: Double
        public var popularityCoverage: Double
        public var trainingSeconds: Double
        /// Model lists per second (the popularity lists are precomputed and not timed).
        public var recommendationsPerSecond: Double

        public var modelHitRate: Double { evaluated == 0 ? 0 : Double(modelHits) / Double(evaluated) }
        public var popularityHitRate: Double { evaluated == 0 ? 0 : Double(popularityHits) / Double(evaluated) }
    }

    public static func leaveLastOut(_ histories: [ServiceHistory], options: Options = .init()) -> Report {
        let clock = ContinuousClock()
        let training = histories.map(\.droppingLast)
        var trained: NextServiceModel?
        let trainingTime = clock.measure { trained = NextServiceModel.train(training, options: options.model) }
        let model = trained!
        let catalogue = Set(training.lazy.flatMap(\.events).map(\.code))

        var report = Report(k: options.k, applicants: 0, evaluated: 0, repeatsSkipped: 0, modelHits: 0, popularityHits: 0,
                            followUpCaseShare: 0, modelCoverage: 0, popularityCoverage: 0,
                            trainingSeconds: trainingTime.seconds, recommendationsPerSecond: 0)
        var modelShown = Set<String>(), popularShown = Set<String>()
        var withFollowUps = 0
        var scoringTime = Duration.zero
        for (history, earlier) in zip(histories, training) where history.events.count >= 2 {
            report.applicants += 1
            let target = history.events.last!.code
            let seen = options.excludeSeen ? Set(earlier.events.map(\.code)) : []
            if seen.contains(target) {
                report.repeatsSkipped += 1
                continue
            }
            report.evaluated += 1
            var suggested: [Recommendation] = []
            scoringTime += clock.measure {
                suggested = model.recommend(history: earlier.events, district: history.district, exclude: seen, limit: options.k)
            }
            let popular = model.popularity.top(district: history.district, exclude: seen, limit: options.k)
            if suggested.contains(where: { $0.code == target }) { report.modelHits += 1 }
            if popular.contains(where: { $0.code == target }) { report.popularityHits += 1 }
            if suggested.contains(where: { if case .followsUp = $0.basis { true } else { false } }) { withFollowUps += 1 }
            modelShown.formUnion(suggested.map(\.code))
            popularShown.formUnion(popular.map(\.code))
        }
        let cases = Double(max(report.evaluated, 1))
        report.followUpCaseShare = Double(withFollowUps) / cases
        report.modelCoverage = catalogue.isEmpty ? 0 : Double(modelShown.count) / Double(catalogue.count)
        report.popularityCoverage = catalogue.isEmpty ? 0 : Double(popularShown.count) / Double(catalogue.count)
        report.recommendationsPerSecond = report.evaluated == 0 ? 0 : Double(report.evaluated) / max(scoringTime.seconds, 1e-9)
        return report
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
