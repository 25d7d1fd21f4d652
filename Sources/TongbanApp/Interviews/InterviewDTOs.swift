import Foundation
import Vapor

/// A new interview, from the API or the department's form. Times as a `datetime-local` field gives them
/// ("2026-12-01T09:30"), Beijing time, as community events take them.
struct InterviewInput: Content {
    var department: String?
    var title: String?
    var guest: String?
    var summary: String?
    var startsAt: String?
    var endsAt: String?
}

struct QuestionInput: Content {
    var text: String?
}

/// select (to the end of the selected list, or to `position`), reject, or move a selected question to `position` (1 first).
struct InterviewModeration: Content {
    var decision: String?
    var position: Int?
}

struct InterviewAnswer: Content {
    var answer: String?
}

struct InterviewSummary: Content {
    var id: UUID
    var department: String
    var departmentName: String
    var title: String
    var guest: String
    var summary: String
    var startsAt: Date
    var endsAt: Date
    var state: String
    var stateTitle: String
    var revision: Int

    init(_ interview: Interview, departmentName: String) {
        (id, department, self.departmentName, title, guest) = (interview.id ?? UUID(), interview.departmentCode, departmentName, interview.title, interview.guest)
        (summary, startsAt, endsAt, state, stateTitle) = (interview.summary, interview.startsAt, interview.endsAt, interview.state, interview.interviewState.title)
        revision = interview.revision
    }
}

/// A question as its reader may see it: the asker masked always; the state, and the ticket a question became, only
/// for the asker and the moderators.
struct QuestionView: Content {
    var id: UUID
    var asker: String
    var text: String
    var state: String?
    var stateTitle: String?
    var position: Int?
    var answer: String?
    var answeredAt: Date?
    var seq: Int?
    var ticketNumber: String?
    var mine: Bool

    init(_ question: InterviewQuestion, full: Bool, mine: Bool) {
        (id, asker, text, self.mine) = (question.id ?? UUID(), question.askerMasked, question.text, mine)
        (answer, answeredAt, seq) = (question.answer, question.answeredAt, question.answerSeq)
        position = question.questionState == .selected ? question.position : nil
        if full {
            (state, stateTitle, ticketNumber) = (question.state, question.questionState.title, question.ticketNumber)
        }
    }
}

struct InterviewDetail: Content {
    var interview: InterviewSummary
    /// Answered questions in the order they were answered: the transcript.
    var transcript: [QuestionView]
    /// Selected, not yet answered, in the moderators' order.
    var upcoming: [QuestionView]
    /// The reader's own questions (every state).
    var mine: [QuestionView]
    /// Every question, for the interview's moderators only.
    var moderation: [QuestionView]?
    var canModerate: Bool
}

enum InterviewURL {
    static let list = "/interviews"
    static let new = "/interviews/new"
    static func page(_ id: UUID) -> String { "/interviews/\(id.uuidString)" }
    static func events(_ id: UUID) -> String { page(id) + "/events" }
    static func questions(_ id: UUID) -> String { page(id) + "/questions" }
    static func question(_ id: UUID, _ question: UUID, _ action: String) -> String { page(id) + "/questions/\(question.uuidString)/" + action }
    static func action(_ id: UUID, _ action: String) -> String { page(id) + "/" + action }
    static let script = "/static/interview.js"
}
