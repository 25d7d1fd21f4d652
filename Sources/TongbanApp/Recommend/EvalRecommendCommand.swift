import Foundation
import TongbanCore
import Vapor

/// `tongban eval-recommend`: on the database's case history, holds out each applicant's last application and reports
/// hit-rate@5 of the next-service model beside the most-popular baseline (`RecommendEvaluation`).
struct EvalRecommendCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "k", help: "list length (default 5)") var k: Int?
    }

    var help: String { "Leave-last-out hit-rate@k of the recommendations against the most-popular baseline, on the database's history." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let k = signature.k ?? 5
        guard (1...50).contains(k) else { throw AppError.invalid("command.usage", "k 应在 1–50 之间") }
        let started = Date()
        let histories = try await ServiceHistories.all(on: context.application.db)
        let read = Date().timeIntervalSince(started)
        var options = RecommendEvaluation.Options()
        options.k = k
        let report = RecommendEvaluation.leaveLastOut(histories, options: options)
        context.console.print("\(histories.count) applicants, \(histories.reduce(0) { $0 + $1.events.count }) applications read in \(String(format: "%.1f", read)) s")
        context.console.print("\(report.applicants) with two or more; \(report.evaluated) held-out applications scored, \(report.repeatsSkipped) repeats skipped")
        context.console.print(String(format: "hit@%d model=%.3f popular=%.3f coverage model=%.2f popular=%.2f follow-up lists=%.2f training=%.2fs lists/s=%.0f",
                                     k, report.modelHitRate, report.popularityHitRate, report.modelCoverage, report.popularityCoverage,
                                     report.followUpCaseShare, report.trainingSeconds, report.recommendationsPerSecond))
    }
}
