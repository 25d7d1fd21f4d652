import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Comments and 附议: taken only while the draft is open, from people with a real identity on their account, and
/// published or held back at once by `CommentScreening`.
extension ConsultationService {
    static let maxComment = 2000

    /// The person behind a comment or a support: an account with an ID number (实名), so "once per person" means
    /// once per person, and the masked name shown is a real one.
    func participant(_ person: Principal) async throws -> User {
        guard let user = try await User.find(person.userID, on: db), user.idNumberHash != nil else {
            throw AppError(.forbidden, "consultation.real_name_required", "发表意见需要实名账户（注册时填写身份证号码的市民账户）")
        }
        return user
    }

    func comment(on id: UUID, _ input: CommentInput, by person: Principal) async throws -> ConsultationComment {
        let user = try await participant(person)
        let body = (input.body ?? "").trimmed
        guard (5...Self.maxComment).contains(body.count) else {
            throw AppError.invalid("consultation.comment_invalid", "意见应为5–\(Self.maxComment)字", details: ["body": "意见应为5–\(Self.maxComment)字"])
        }
        let company = try await companyName(input.company, agent: person.userID)
        let findings = CommentScreening.findings(body)
        let comment = ConsultationComment()
        (comment.id, comment.sectionID, comment.authorID, comment.authorMask, comment.body) = (UUID(), input.sectionId, person.userID, Masking.name(user.realName), body)
        comment.status = (findings.isEmpty ? ConsultationComment.Status.published : .rejected).rawValue
        comment.rejectReason = findings.isEmpty ? nil : findings.map(\.reason).joined(separator: "；")
        (comment.companyName, comment.supports, comment.createdAt) = (company, 0, now)
        try await locked(id) { db, consultation in
            try Self.requireOpen(consultation, at: self.now)
            if let section = input.sectionId {
                let ours = try await ConsultationSection.query(on: db).filter(\.$id == section).filter(\.$consultation.$id == id).count() > 0
                guard ours else {
                    throw AppError.invalid("consultation.comment_invalid", "草案中没有这一节", details: ["sectionId": "请从草案的章节中选择"])
                }
            }
            comment.$consultation.id = id
            try await comment.create(on: db)
        }
        return comment
    }

    /// The company's name when the person is its registered agent; nil for a comment in one's own name.
    func companyName(_ creditCode: String?, agent: UUID) async throws -> String? {
        guard let code = creditCode?.trimmed.uppercased().nilIfEmpty else { return nil }
        let link = try await CompanyAgent.query(on: db).join(Company.self, on: \CompanyAgent.$company.$id == \Company.$id)
            .filter(\.$user.$id == agent).filter(Company.self, \.$creditCode == code).first()
        guard let link else {
            throw AppError.invalid("consultation.not_company_agent", "您不是该企业的经办人，不能以企业名义发表意见", details: ["company": "请选择您经办的企业"])
        }
        return try link.joined(Company.self).name
    }

    /// Companies the person may speak for, for the form's choice.
    func companies(of user: UUID) async throws -> [(value: String, title: String)] {
        try await CompanyAgent.query(on: db).filter(\.$user.$id == user).with(\.$company).all()
            .map { (value: $0.company.creditCode, title: $0.company.name) }
    }

    static func requireOpen(_ consultation: Consultation, at now: Date) throws {
        switch consultation.phase(at: now) {
        case .open: return
        case .upcoming: throw AppError(.conflict, "consultation.not_open", "意见征集尚未开始（\(TimeText.minute(consultation.opensAt)) 开始）")
        case .closed, .reported: throw AppError(.conflict, "consultation.closed", "意见征集已于 \(TimeText.minute(consultation.closesAt)) 截止")
        }
    }

    /// What `viewer` may see: published comments, plus their own held-back ones; the department sees everything.
    func comments(_ consultation: Consultation, viewer: Principal?) async throws -> [CommentView] {
        let query = ConsultationComment.query(on: db).filter(\.$consultation.$id == (try consultation.requireID()))
        if !Self.canManage(viewer, department: consultation.departmentCode) {
            query.group(.or) { group in
                group.filter(\.$status == ConsultationComment.Status.published.rawValue)
                if let viewer { group.filter(\.$authorID == viewer.userID) }
            }
        }
        return try await views(query.sort(\.$createdAt).sort(\.$id).all(), viewer: viewer)
    }

    func views(_ comments: [ConsultationComment], viewer: Principal?) async throws -> [CommentView] {
        var supported: Set<UUID> = []
        if let viewer, !comments.isEmpty {
            supported = Set(try await CommentSupport.query(on: db).filter(\.$userID == viewer.userID)
                .filter(\.$comment.$id ~~ comments.compactMap(\.id)).all().map { $0.$comment.id })
        }
        return comments.map { comment in
            let mine = viewer?.userID == comment.authorID
            return CommentView(
                id: comment.id!, sectionId: comment.sectionID, author: comment.authorMask, company: comment.companyName, body: comment.body, status: comment.status,
                rejectReason: comment.rejectReason, supports: comment.supports, mine: mine,
                supportedByMe: supported.contains(comment.id!), answerId: comment.answerID, createdAt: comment.createdAt)
        }
    }

    /// A comment `viewer` may see, found for an action on it; anything else is not found.
    func visibleComment(_ id: UUID?, viewer: Principal?) async throws -> (ConsultationComment, Consultation) {
        guard let id, let comment = try await ConsultationComment.find(id, on: db) else {
            throw AppError.notFound("意见", code: "consultation.comment_not_found")
        }
        let consultation = try await find(comment.$consultation.id)
        guard comment.isPublished || viewer?.userID == comment.authorID || Self.canManage(viewer, department: consultation.departmentCode) else {
            throw AppError.notFound("意见", code: "consultation.comment_not_found")
        }
        return (comment, consultation)
    }

    /// 附议, once per person, not one's own, while the draft is open.
    func support(_ commentID: UUID?, by person: Principal) async throws -> ConsultationComment {
        let (comment, consultation) = try await visibleComment(commentID, viewer: person)
        _ = try await participant(person)
        guard comment.isPublished else { throw AppError(.conflict, "consultation.comment_not_published", "未公开的意见不能附议") }
        guard comment.authorID != person.userID else { throw AppError(.conflict, "consultation.own_comment", "不能附议自己的意见") }
        let commentID = try comment.requireID()
        do {
            return try await locked(consultation.requireID()) { db, consultation in
                try Self.requireOpen(consultation, at: self.now)
                let already = try await CommentSupport.query(on: db).filter(\.$comment.$id == commentID).filter(\.$userID == person.userID).count()
                guard already == 0 else { throw AppError(.conflict, "consultation.already_supported", "您已附议过这条意见") }
                let support = CommentSupport()
                (support.$comment.id, support.userID, support.createdAt) = (commentID, person.userID, self.now)
                try await support.create(on: db)
                guard let fresh = try await ConsultationComment.find(commentID, on: db) else { throw AppError.notFound("意见") }
                fresh.supports += 1
                try await fresh.save(on: db)
                return fresh
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError(.conflict, "consultation.already_supported", "您已附议过这条意见")
        }
    }

    /// The department publishes a held-back comment (the check was wrong) or holds back a published one, with the reason.
    func moderate(_ commentID: UUID?, publish: Bool, reason: String?, by person: Principal) async throws -> ConsultationComment {
        let (comment, consultation) = try await visibleComment(commentID, viewer: person)
        _ = try Self.requireManager(person, department: consultation.departmentCode)
        let reason = (reason ?? "").trimmed
        if !publish, !(2...200).contains(reason.count) {
            throw AppError.invalid("consultation.reason_required", "请写明不予公开的理由（2–200字）", details: ["reason": "请写明理由（2–200字）"])
        }
        let commentID = try comment.requireID()
        return try await locked(consultation.requireID()) { db, _ in
            guard let comment = try await ConsultationComment.find(commentID, on: db) else { throw AppError.notFound("意见") }
            guard comment.answerID == nil else { throw AppError(.conflict, "consultation.comment_answered", "这条意见已经答复，不能再改变公开状态") }
            guard comment.isPublished != publish else {
                throw AppError(.conflict, "consultation.comment_unchanged", publish ? "这条意见已经公开" : "这条意见已经不予公开")
            }
            comment.status = (publish ? ConsultationComment.Status.published : .rejected).rawValue
            (comment.rejectReason, comment.moderatedBy) = (publish ? nil : reason, person.realName)
            try await comment.save(on: db)
            return comment
        }
    }
}
