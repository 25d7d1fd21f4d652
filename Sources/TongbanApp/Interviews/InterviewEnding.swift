import Fluent
import Foundation
import TongbanCore
import Vapor

/// 直播中 → 已结束. A question the guest did not reach (selected or still waiting) is not dropped: it becomes a 12345
/// consultation sent straight to the interview's department, the asker as the contact, who is told its number as
/// every citizen filing a ticket is. The tickets and the end commit in one transaction, so an interview never ends
/// without them and ending twice (two staff, two instances) files nothing twice.
extension InterviewService {
    /// Returns the tickets filed, by question.
    @discardableResult
    func end(_ id: UUID?, by person: Principal) async throws -> [UUID: String] {
        let interview = try await find(id)
        try requireModerator(person, interview)
        // An answer posted while the tickets were being prepared changes what is unanswered; prepare again.
        for _ in 0..<3 {
            do { return try await endOnce(try interview.requireID()) } catch is QuestionsChanged { continue }
        }
        throw AppError(.conflict, "interview.busy", "访谈刚有更新，请再点一次结束")
    }

    private struct QuestionsChanged: Error {}

    private func endOnce(_ interviewID: UUID) async throws -> [UUID: String] {
        let interview = try await find(interviewID)
        guard interview.interviewState == .live else { throw Self.notLive }
        let open = try await Self.unanswered(interviewID, on: db)
        let askers = try await User.query(on: db).filter(\.$id ~~ Array(Set(open.map(\.askerID)))).all()
        let byID = Dictionary(askers.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { first, _ in first })
        let filed = open.filter { byID[$0.askerID] != nil }
        let inputs = filed.map { question in (consultation(question, of: interview), TicketFiler.interview(byID[question.askerID]!)) }
        let expected = open.map(\.id), now = self.now
        let tickets = try await self.tickets.fileTogether(inputs) { db, tickets in
            let interview = try await Self.lock(interviewID, on: db, now: now)
            guard interview.interviewState == .live else { throw Self.notLive }
            guard try await Self.unanswered(interviewID, on: db).map(\.id) == expected else { throw QuestionsChanged() }
            (interview.state, interview.endedAt) = (InterviewState.ended.rawValue, now)
            (interview.revision, interview.updatedAt) = (interview.revision + 1, now)
            try await interview.save(on: db)
            for (question, ticket) in zip(filed, tickets) {
                (question.ticketNumber, question.updatedAt) = (ticket.number, now)
                try await question.save(on: db)
            }
        }
        return Dictionary(zip(filed.compactMap(\.id), tickets.map(\.number)), uniquingKeysWith: { first, _ in first })
    }

    static let notLive = AppError(.conflict, "interview.not_live", "访谈不在直播中，无法结束")

    /// Selected or waiting, never answered, not yet a ticket: in the order they were asked.
    static func unanswered(_ id: UUID, on db: any Database) async throws -> [InterviewQuestion] {
        try await InterviewQuestion.query(on: db).filter(\.$interviewID == id)
            .filter(\.$state ~~ [QuestionState.pending.rawValue, QuestionState.selected.rawValue])
            .filter(\.$answeredAt == nil).filter(\.$ticketNumber == nil).sort(\.$createdAt).sort(\.$id).all()
    }

    func consultation(_ question: InterviewQuestion, of interview: Interview) -> TicketInput {
        let excerpt = question.text.count > 40 ? String(question.text.prefix(40)) + "…" : question.text
        return TicketInput(type: TicketType.consult.rawValue, title: "在线访谈提问：" + excerpt,
                           body: "在线访谈“\(interview.title)”（\(interview.guest)，\(TimeText.minute(interview.startsAt))）中未及现场答复的提问：\(question.text)",
                           district: nil, address: nil, latitude: nil, longitude: nil, contactName: nil, contactPhone: nil,
                           anonymous: nil, channel: nil, mailboxDepartment: nil, answer: nil, department: interview.departmentCode)
    }
}
