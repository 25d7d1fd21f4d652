import Foundation

/// `tongban eval-assistant`: a labelled question set scored against the assistant. A row is right at top-1 when the
/// name of the service the answer is about contains one of the expected phrases; must-mention checks the answer's words.
public struct AssistantEvaluation: Sendable {
    public struct Row: Sendable, Equatable {
        public var question: String
        public var expected: [String]
        public var mustMention: [String]
        public init(question: String, expected: [String], mustMention: [String]) {
            (self.question, self.expected, self.mustMention) = (question, expected, mustMention)
        }
    }

    public struct Failure: Sendable {
        public var row: Row
        public var answeredWith: String?
        public var missing: [String]
    }

    public var questions = 0
    public var top1 = 0
    public var top3 = 0
    public var mentionRows = 0
    public var mentioned = 0
    public var failures: [Failure] = []
    public var latenciesMicroseconds: [Double] = []

    public static func parse(csv text: String) throws -> [Row] {
        let records = try CSVRows.parse(text).map(\.fields)
        guard let header = records.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              let q = header.firstIndex(of: "question"), let e = header.firstIndex(of: "expected") else {
            throw EvaluationError.header
        }
        let m = header.firstIndex(of: "must_mention")
        let split: (String) -> [String] = { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        return records.dropFirst().compactMap { fields in
            guard fields.count > max(q, e), !fields[q].trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return Row(question: fields[q], expected: split(fields[e]), mustMention: m.map { $0 < fields.count ? split(fields[$0]) : [] } ?? [])
        }
    }

    public enum EvaluationError: Error, CustomStringConvertible {
        case header
        public var description: String { "CSV 第一行应为表头，包含 question,expected,must_mention 列" }
    }

    public static func run(_ assistant: Assistant, rows: [Row]) -> AssistantEvaluation {
        var result = AssistantEvaluation()
        let clock = ContinuousClock()
        for row in rows {
            var reply: Assistant.Reply!
            let elapsed = clock.measure { reply = assistant.reply(to: row.question) }
            result.latenciesMicroseconds.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            result.questions += 1
            // The top-ranked service: the one answered, or the first offered when unsure.
            let answered = reply.subjectID.flatMap(assistant.entry).map { [$0.title] } ?? []
            let candidates = answered + reply.alternatives.map { assistant.subject(of: $0).title }
            let named = Array(candidates.prefix(1))
            let matches: (String) -> Bool = { title in row.expected.contains { title.contains($0) } }
            let first = named.first.map(matches) ?? false
            if first { result.top1 += 1 }
            if candidates.prefix(3).contains(where: matches) { result.top3 += 1 }
            var missing: [String] = []
            if !row.mustMention.isEmpty {
                result.mentionRows += 1
                missing = row.mustMention.filter { !reply.text.contains($0) }
                if missing.isEmpty { result.mentioned += 1 }
            }
            if !first || !missing.isEmpty {
                result.failures.append(Failure(row: row, answeredWith: (named.first ?? "—") + (reply.confident ? "" : "（不确定）")
                                               + String(format: " %.1f", reply.score), missing: missing))
            }
        }
        return result
    }

    public func percentile(_ p: Double) -> Double {
        let sorted = latenciesMicroseconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    public var top1Rate: Double { questions == 0 ? 0 : Double(top1) / Double(questions) }
    public var top3Rate: Double { questions == 0 ? 0 : Double(top3) / Double(questions) }
    public var mentionRate: Double { mentionRows == 0 ? 1 : Double(mentioned) / Double(mentionRows) }
}
