import Fluent
import Foundation

/// 在线访谈: a department head answers citizens' questions live on a public page. Published as 预告, then 直播中
/// while the head answers, then 已结束 with the transcript kept public for good.
final class Interview: Model, @unchecked Sendable {
    static let schema = "interviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "title") var title: String
    /// Who answers, as the page introduces them (市人社局局长 王某某).
    @Field(key: "guest") var guest: String
    @Field(key: "summary") var summary: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "state") var state: String
    /// Counts every change the live page shows (an answer, a change of state); an answer's `answerSeq` is the
    /// revision it made, so a page that has seen revision n needs only what came after it.
    @Field(key: "revision") var revision: Int
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "ended_at") var endedAt: Date?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var interviewState: InterviewState { InterviewState(rawValue: state) ?? .ended }
}

enum InterviewState: String, Codable, Sendable, CaseIterable {
    case scheduled, live, ended

    var title: String {
        switch self {
        case .scheduled: "预告"
        case .live: "直播中"
        case .ended: "已结束"
        }
    }
}

/// A citizen's question to an interview. Moderators select (and order) or reject it; a selected one may be answered
/// live. One still unanswered when the interview ends becomes a 12345 consultation (`ticketNumber`).
final class InterviewQuestion: Model, @unchecked Sendable {
    static let schema = "interview_questions"

    @ID(key: .id) var id: UUID?
    @Field(key: "interview_id") var interviewID: UUID
    @Field(key: "asker_id") var askerID: UUID
    /// As the public page shows the asker (张*); the full name stays on the account.
    @Field(key: "asker_masked") var askerMasked: String
    @Field(key: "text") var text: String
    @Field(key: "state") var state: String
    /// Place among the selected questions, 1 first; nil unless selected.
    @OptionalField(key: "position") var position: Int?
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answer_seq") var answerSeq: Int?
    @OptionalField(key: "ticket_number") var ticketNumber: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var questionState: QuestionState { QuestionState(rawValue: state) ?? .rejected }
    var isAnswered: Bool { answeredAt != nil }
}

enum QuestionState: String, Codable, Sendable, CaseIterable {
    case pending, selected, rejected

    var title: String {
        switch self {
        case .pending: "待审"
        case .selected: "已选"
        case .rejected: "未选"
        }
    }
}
