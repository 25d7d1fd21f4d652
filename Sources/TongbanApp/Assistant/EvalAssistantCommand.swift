import Foundation
import TongbanCore
import Vapor

/// `tongban eval-assistant FILE.csv`: top-1 and top-3 accuracy and the must-mention rate of the assistant on a
/// labelled question set (`question,expected,must_mention`), with every failure listed and the latency per question.
struct EvalAssistantCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "UTF-8 CSV with the columns question,expected,must_mention") var file: String
        @Flag(name: "quiet", help: "only the summary, no failures") var quiet: Bool
        @Flag(name: "answers", help: "print each failure's answer text too") var answers: Bool
    }

    var help: String { "Scores the assistant on a labelled question set (top-1, top-3, must-mention, latency)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let text = try? String(contentsOfFile: signature.file, encoding: .utf8) else {
            throw AppError.invalid("command.file_unreadable", "读不到文件 \(signature.file)（应为 UTF-8 的 question,expected,must_mention 表）")
        }
        let rows = try AssistantEvaluation.parse(csv: text)
        let assistant = try await context.application.assistantCache.assistant(context.application)
        _ = AssistantEvaluation.run(assistant, rows: Array(rows.prefix(20)))  // warm up before timing
        let result = AssistantEvaluation.run(assistant, rows: rows)
        if !signature.quiet {
            for failure in result.failures {
                let answered = failure.answeredWith ?? "—"
                let missing = failure.missing.isEmpty ? "" : "  缺少：\(failure.missing.joined(separator: "、"))"
                context.console.print("✗ \(failure.row.question)  期望：\(failure.row.expected.joined(separator: "|"))  答：\(answered)\(missing)")
                if signature.answers { context.console.print("    " + assistant.reply(to: failure.row.question).text.replacingOccurrences(of: "\n", with: "\n    ")) }
            }
        }
        context.console.print("\(signature.file): \(result.questions) questions")
        context.console.print(String(format: "top1=%.1f%% top3=%.1f%% must_mention=%.1f%% (%d rows) p50=%.0fµs p99=%.0fµs",
                                     result.top1Rate * 100, result.top3Rate * 100, result.mentionRate * 100, result.mentionRows,
                                     result.percentile(0.5), result.percentile(0.99)))
    }
}
