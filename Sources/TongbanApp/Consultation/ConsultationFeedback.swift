import Fluent
import Foundation
import TongbanCore
import Vapor

/// After the period: answers to every published comment (one answer may cover a group of similar ones), then the
/// feedback report, which tells everyone who took part.
extension ConsultationService {
    /// Published comments still without an answer, grouped by `CommentGrouping` as a proposal the staff can split.
    func proposedGroups(_ consultation: Consultation) async throws -> [[ConsultationComment]] {
        let open = try await ConsultationComment.query(on: db).filter(\.$consultation.$id == consultation.requireID())
            .filter(\.$status == ConsultationComment.Status.published.rawValue).filter(\.$answerID == nil)
            .sort(\.$createdAt).sort(\.$id).all()
        return CommentGrouping.groups(open.map(\.body), index: catalog.index).map { $0.map { open[$0] } }
    }

    func answer(_ consultationID: UUID, _ input: AnswerInput, by person: Principal) async throws -> ConsultationAnswer {
        var problems: [String: String] = [:]
        let ids = Set(input.commentIds ?? [])
        let reason = (input.reason ?? "").trimmed
        let verdict = ConsultationAnswer.Verdict(rawValue: input.verdict ?? "")
        if ids.isEmpty { problems["commentIds"] = "请选择要答复的意见" }
        if verdict == nil { problems["verdict"] = "请选择采纳、部分采纳或未采纳" }
        if !(2...1000).contains(reason.count) { problems["reason"] = "请写明理由（2–1000字）" }
        let found = problems
        return try await locked(consultationID) { db, consultation in
            _ = try Self.requireManager(person, department: consultation.departmentCode)
            guard found.isEmpty, let verdict else {
                throw AppError.invalid("consultation.answer_invalid", found.count == 1 ? found.values.first! : "答复信息有误", details: found)
            }
            try Self.requireClosed(consultation, at: self.now)
            let comments = try await ConsultationComment.query(on: db).filter(\.$id ~~ Array(ids)).filter(\.$consultation.$id == consultationID)
                .filter(\.$status == ConsultationComment.Status.published.rawValue).all()
            guard comments.count == ids.count else {
                throw AppError.invalid("consultation.answer_invalid", "所选意见中有不属于本次征集或未公开的", details: ["commentIds": "请只选择本次征集中已公开的意见"])
            }
            guard comments.allSatisfy({ $0.answerID == nil }) else {
                throw AppError(.conflict, "consultation.comment_answered", "所选意见中有已经答复的，请刷新后重试")
            }
            let answer = ConsultationAnswer()
            (answer.id, answer.$consultation.id, answer.verdict, answer.reason) = (UUID(), consultationID, verdict.rawValue, reason)
            (answer.answeredBy, answer.answeredAt) = (person.realName, self.now)
            try await answer.create(on: db)
            try await ConsultationComment.query(on: db).filter(\.$id ~~ Array(ids)).set(\.$answerID, to: answer.id).update()
            return answer
        }
    }

    static func requireClosed(_ consultation: Consultation, at now: Date) throws {
        switch consultation.phase(at: now) {
        case .closed: return
        case .upcoming, .open: throw AppError(.conflict, "consultation.still_open", "意见征集截止后才能答复和发布反馈")
        case .reported: throw AppError(.conflict, "consultation.reported", "反馈报告已经发布")
        }
    }

    /// Publishes the report once every published comment has its answer, and tells each participant (commenters,
    /// held back or not, and supporters) once, in-app and by SMS, in the same transaction.
    func publishReport(_ consultationID: UUID, _ input: ReportInput, by person: Principal) async throws -> Consultation {
        let summary = (input.summary ?? "").trimmed
        guard summary.count <= 5000 else {
            throw AppError.invalid("consultation.report_invalid", "总体情况不超过5000字", details: ["summary": "不超过5000字"])
        }
        let department = catalog
        return try await locked(consultationID) { db, consultation in
            _ = try Self.requireManager(person, department: consultation.departmentCode)
            try Self.requireClosed(consultation, at: self.now)
            let unanswered = try await ConsultationComment.query(on: db).filter(\.$consultation.$id == consultationID)
                .filter(\.$status == ConsultationComment.Status.published.rawValue).filter(\.$answerID == nil).count()
            guard unanswered == 0 else {
                throw AppError(.conflict, "consultation.unanswered", "还有 \(unanswered) 条公开的意见没有答复，答复全部意见后才能发布反馈报告")
            }
            (consultation.reportPublishedAt, consultation.reportSummary) = (self.now, summary)
            try await consultation.save(on: db)
            let authors = try await ConsultationComment.query(on: db).filter(\.$consultation.$id == consultationID).all().map(\.authorID)
            let supporters = try await CommentSupport.query(on: db).join(ConsultationComment.self, on: \CommentSupport.$comment.$id == \ConsultationComment.$id)
                .filter(ConsultationComment.self, \.$consultation.$id == consultationID).all().map(\.userID)
            let name = department.department(consultation.departmentCode)?.name ?? "发布部门"
            let notices = NotificationService(db: db, now: self.now)
            for slice in Array(Set(authors + supporters)).sorted(by: { $0.uuidString < $1.uuidString }).chunked(500) {
                var outbox = NotificationService.Outbox()
                for user in slice {
                    outbox.append(notices.notice(user, title: "意见采纳情况已公布：\(consultation.title)",
                                                 body: "您参与的“\(consultation.title)”意见征集，\(name)已公布意见采纳情况，可查看对每条意见的答复。",
                                                 link: ConsultationURL.report(consultationID), sms: true))
                }
                try await outbox.insert(on: db)
            }
            return consultation
        }
    }

    /// The published report; before publication there is none to read.
    func report(_ consultation: Consultation, viewer: Principal?) async throws -> ReportView {
        guard let published = consultation.reportPublishedAt else {
            throw AppError.notFound("反馈报告", code: "consultation.report_not_published")
        }
        let id = try consultation.requireID()
        let answers = try await ConsultationAnswer.query(on: db).filter(\.$consultation.$id == id).sort(\.$answeredAt).sort(\.$id).all()
        let comments = try await ConsultationComment.query(on: db).filter(\.$consultation.$id == id).filter(\.$answerID != nil)
            .sort(\.$createdAt).sort(\.$id).all()
        let views = Dictionary(grouping: try await self.views(comments, viewer: viewer), by: { $0.answerId! })
        let count = { (verdict: ConsultationAnswer.Verdict) in
            answers.filter { $0.verdict == verdict.rawValue }.reduce(0) { $0 + (views[$1.id!]?.count ?? 0) }
        }
        return ReportView(
            consultation: try await view(consultation), summary: consultation.reportSummary ?? "", publishedAt: published,
            comments: comments.count, adopted: count(.adopted), partlyAdopted: count(.partlyAdopted), notAdopted: count(.notAdopted),
            answers: answers.map { Self.answerView($0, comments: views[$0.id!] ?? []) })
    }

    static func answerView(_ answer: ConsultationAnswer, comments: [CommentView]) -> AnswerView {
        let verdict = ConsultationAnswer.Verdict(rawValue: answer.verdict) ?? .notAdopted
        return AnswerView(id: answer.id!, verdict: answer.verdict, verdictTitle: verdict.title, reason: answer.reason,
                          answeredAt: answer.answeredAt, comments: comments)
    }
}
