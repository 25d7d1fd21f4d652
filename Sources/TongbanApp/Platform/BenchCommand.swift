import Foundation
import TongbanCore
import Vapor

/// `tongban bench search [--items 5000] [--rounds 200]`, `tongban bench ledger [--items 1000000]` and
/// `tongban bench dispatch [--rounds 200]`:
/// in-process measurements for BENCHMARKS.md.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "search, ledger or dispatch") var what: String
        @Option(name: "items", help: "catalogue size (default 5000)") var items: Int?
        @Option(name: "rounds", help: "rounds over the query list (default 200)") var rounds: Int?
    }

    var help: String { "Measures the platform's algorithms in-process (release builds for real figures)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.what {
        case "search":
            let size = signature.items ?? 5000, rounds = signature.rounds ?? 200
            let result = CatalogBenchmark.run(seed: try CatalogSeed.bundled(), size: size, rounds: rounds)
            context.console.print(String(format: "catalogue search: %d documents, %d queries: p50 %.1f µs, p99 %.1f µs",
                                         result.items, rounds * CatalogBenchmark.queries.count, result.p50, result.p99))
        case "ledger":
            let entries = signature.items ?? 1_000_000
            let r = LedgerBenchmark.run(entries: entries)
            func line(_ name: String, _ l: LedgerBenchmark.Latency) -> String {
                String(format: "  %@ mean %.1f µs, p50 %.1f µs, p99 %.1f µs", name, l.meanMicros, l.p50Micros, l.p99Micros)
            }
            context.console.print(String(format: "ledger: %d entries, %.0f appends/s, %.1f bytes per entry", r.entries, r.appendsPerSecond, r.bytesPerEntry))
            for (name, latency) in [("inclusion proof   ", r.inclusionProof), ("inclusion verify  ", r.inclusionVerify),
                                    ("consistency proof ", r.consistencyProof), ("consistency verify", r.consistencyVerify)] {
                context.console.print(line(name, latency))
            }
        case "dispatch":
            // The 12345 model as shipped (19 departments), classifying the shipped requests over and over on this one thread.
            let classifier = DispatchModel.bundledClassifier
            let texts = DispatchModel.bundled.map(\.text)
            let rounds = signature.rounds ?? 200
            var routed = 0
            let started = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds {
                for text in texts where classifier.predict(text).first != nil { routed += 1 }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            context.console.print(String(format: "dispatch: %d labels, %d messages classified (top-3 with confidences) in %.2f s on one thread = %.0f messages/s",
                                         classifier.labels.count, routed, seconds, Double(routed) / seconds))
        default:
            context.console.error("unknown benchmark \(signature.what); try: search, ledger, dispatch")
        }
    }
}
