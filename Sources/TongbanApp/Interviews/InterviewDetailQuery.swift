import Fluent
import Foundation

/// What one reader may see of an interview: the transcript and the questions coming up are public (askers masked);
/// a citizen also sees their own questions in every state; moderators see every question.
extension InterviewService {
    func detail(_ interview: Interview, for reader: Principal?) async throws -> InterviewDetail {
        let moderator = canModerate(reader, interview)
        let questions = try await InterviewQuestion.query(on: db).filter(\.$interviewID == interview.requireID()).sort(\.$createdAt).all()
        let transcript = questions.filter(\.isAnswered).sorted { ($0.answerSeq ?? 0) < ($1.answerSeq ?? 0) }
        // After the end nothing is coming: what was left became 12345 tickets.
        let upcoming = questions.filter { $0.questionState == .selected && !$0.isAnswered && $0.ticketNumber == nil }.sorted { ($0.position ?? 0) < ($1.position ?? 0) }
        func view(_ question: InterviewQuestion, full: Bool = false) -> QuestionView {
            let mine = question.askerID == reader?.userID
            return QuestionView(question, full: full || mine, mine: mine)
        }
        return InterviewDetail(
            interview: InterviewSummary(interview, departmentName: departmentName(interview.departmentCode)),
            transcript: transcript.map { view($0, full: moderator) }, upcoming: upcoming.map { view($0, full: moderator) },
            mine: reader == nil ? [] : questions.filter { $0.askerID == reader?.userID }.map { view($0) },
            moderation: moderator ? questions.map { view($0, full: true) } : nil, canModerate: moderator)
    }
}
