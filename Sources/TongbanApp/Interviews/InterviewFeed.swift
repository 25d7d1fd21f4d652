import Fluent
import Foundation
import Vapor

/// What the live page needs to know of an interview, read from the database at most once per poll interval per
/// interview however many pages are open on this instance. The database, not memory, is the source: several
/// instances serve one interview (README, "several instances"), and an answer posted through any of them reaches
/// every page within `pollInterval` plus a write. Reading one row by key, and the answers only when the revision
/// moved, costs the database little: a thousand viewers on four instances make ten small queries a second.
actor InterviewFeed {
    static let pollInterval: Duration = .milliseconds(400)
    /// One per process: it holds only public transcript text, keyed by interview id, and each call names its database.
    static let shared = InterviewFeed()

    struct Answer: Content, Sendable {
        var id: UUID
        var seq: Int
        var asker: String
        var question: String
        var answer: String
        var answeredAt: Date
        /// As the page prints it (Beijing time), so the script formats nothing.
        var answeredAtText: String

        init(_ question: InterviewQuestion) {
            (id, seq, asker, self.question) = (question.id ?? UUID(), question.answerSeq ?? 0, question.askerMasked, question.text)
            (answer, answeredAt) = (question.answer ?? "", question.answeredAt ?? Date(timeIntervalSince1970: 0))
            answeredAtText = TimeText.minute(question.answeredAt)
        }
    }

    struct Snapshot: Sendable {
        var state: InterviewState
        var revision: Int
        /// Every answer so far, in the order given.
        var answers: [Answer]
        var loadedAt: ContinuousClock.Instant
    }

    private var snapshots: [UUID: Snapshot] = [:]
    private var loading: [UUID: Task<Snapshot?, any Error>] = [:]

    /// The interview as of at most one poll interval ago; nil when there is no such interview.
    func snapshot(_ id: UUID, db: any Database) async throws -> Snapshot? {
        let now = ContinuousClock.now
        if let known = snapshots[id], now - known.loadedAt < Self.pollInterval - .milliseconds(50) { return known }
        if let running = loading[id] { return try await running.value }
        let previous = snapshots[id]
        let task = Task { try await Self.load(id, previous: previous, db: db) }
        loading[id] = task
        defer { loading[id] = nil }
        let loaded = try await task.value
        // Interviews nobody has watched for a minute are forgotten, so the cache holds only what is being watched.
        snapshots = snapshots.filter { now - $0.value.loadedAt < .seconds(60) }
        snapshots[id] = loaded
        return loaded
    }

    private static func load(_ id: UUID, previous: Snapshot?, db: any Database) async throws -> Snapshot? {
        guard let interview = try await Interview.find(id, on: db) else { return nil }
        var answers = previous?.answers ?? []
        if interview.revision != previous?.revision {
            answers = try await InterviewQuestion.query(on: db).filter(\.$interviewID == id).filter(\.$answerSeq != nil)
                .sort(\.$answerSeq).all().map(Answer.init)
        }
        return Snapshot(state: interview.interviewState, revision: interview.revision, answers: answers, loadedAt: .now)
    }
}
