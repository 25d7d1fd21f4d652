import Fluent
import Foundation

/// 意见征集: a department's draft (policy, plan, regulation) put to the public for a period. It is published when
/// created; comments are taken between `opensAt` and `closesAt`; the feedback report (意见采纳情况) ends it.
final class Consultation: Model, @unchecked Sendable {
    static let schema = "consultations"

    @ID(key: .id) var id: UUID?
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "title") var title: String
    /// 政策, 规划, 规章, 其他
    @Field(key: "kind") var kind: String
    /// Why the draft is put out and what is asked of people (起草说明).
    @Field(key: "summary") var summary: String
    /// How to reach the drafters otherwise (电话、邮箱、地址): the law asks for more than one channel.
    @Field(key: "contact") var contact: String
    @Field(key: "opens_at") var opensAt: Date
    @Field(key: "closes_at") var closesAt: Date
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "report_published_at") var reportPublishedAt: Date?
    /// The department's closing words above the answers (总体情况).
    @OptionalField(key: "report_summary") var reportSummary: String?
    /// Touched first by every answer and by publishing the report, so the two never interleave (row lock on PostgreSQL).
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    enum Phase: String, Codable, Sendable {
        case upcoming, open, closed, reported

        var title: String {
            switch self {
            case .upcoming: "未开始"
            case .open: "征集中"
            case .closed: "已截止，待反馈"
            case .reported: "已反馈"
            }
        }
    }

    func phase(at now: Date) -> Phase {
        if reportPublishedAt != nil { return .reported }
        if now < opensAt { return .upcoming }
        return now < closesAt ? .open : .closed
    }
}

/// One part of the draft a comment can be about (第一章, 第三条 …), in the draft's order.
final class ConsultationSection: Model, @unchecked Sendable {
    static let schema = "consultation_sections"

    @ID(key: .id) var id: UUID?
    @Parent(key: "consultation_id") var consultation: Consultation
    @Field(key: "position") var position: Int
    @Field(key: "heading") var heading: String
    @Field(key: "text") var text: String

    init() {}
}
