import Fluent
import Foundation

/// A signed-in person's comment on a draft or one of its sections. Published unless the check finds personal data or
/// abuse; a held-back comment is kept with the reason and shown to its author only.
final class ConsultationComment: Model, @unchecked Sendable {
    static let schema = "consultation_comments"

    enum Status: String, Codable, Sendable { case published, rejected }

    @ID(key: .id) var id: UUID?
    @Parent(key: "consultation_id") var consultation: Consultation
    @OptionalField(key: "section_id") var sectionID: UUID?
    @Field(key: "author_id") var authorID: UUID
    /// Masked when written (张*): the public never needs more, and the page never holds more.
    @Field(key: "author_mask") var authorMask: String
    /// The company the author spoke for as its agent (企业经办人); a company's name is public, so it is shown whole.
    @OptionalField(key: "company_name") var companyName: String?
    @Field(key: "body") var body: String
    @Field(key: "status") var status: String
    @OptionalField(key: "reject_reason") var rejectReason: String?
    /// The staff member who last published or held it back by hand; nil while only the automatic check has decided.
    @OptionalField(key: "moderated_by") var moderatedBy: String?
    @Field(key: "supports") var supports: Int
    /// The department's answer that covers it, once given.
    @OptionalField(key: "answer_id") var answerID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var isPublished: Bool { status == Status.published.rawValue }
}

/// 附议: one person's support of someone else's comment, at most once (a unique index says so to both databases).
final class CommentSupport: Model, @unchecked Sendable {
    static let schema = "consultation_supports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "comment_id") var comment: ConsultationComment
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The department's answer to one comment or a group of similar ones: 采纳, 部分采纳 or 未采纳, with the reason.
final class ConsultationAnswer: Model, @unchecked Sendable {
    static let schema = "consultation_answers"

    enum Verdict: String, Codable, CaseIterable, Sendable {
        case adopted, partlyAdopted = "partly_adopted", notAdopted = "not_adopted"

        var title: String {
            switch self {
            case .adopted: "采纳"
            case .partlyAdopted: "部分采纳"
            case .notAdopted: "未采纳"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "consultation_id") var consultation: Consultation
    @Field(key: "verdict") var verdict: String
    @Field(key: "reason") var reason: String
    @Field(key: "answered_by") var answeredBy: String
    @Field(key: "answered_at") var answeredAt: Date

    init() {}
}
