import Fluent
import Foundation

/// 办件: one application for one service item or one life event, by one applicant.
final class Case: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    /// Public case number printed on the receipt, e.g. LA20261125-7KQ3M9.
    @Field(key: "number") var number: String
    @Parent(key: "applicant_id") var applicant: User
    @OptionalParent(key: "company_id") var company: Company?
    /// The clerk who registered it at the counter for the applicant (代办), if any.
    @OptionalParent(key: "agent_id") var agent: User?
    /// Exactly one of these is set.
    @OptionalField(key: "item_code") var itemCode: String?
    @OptionalField(key: "life_event_code") var lifeEventCode: String?
    @Field(key: "title") var title: String
    /// `CaseState` raw value.
    @Field(key: "state") var state: String
    @Field(key: "channel") var channel: String
    /// The applicant's answers, JSON object of field key → string.
    @Field(key: "form") var formJSON: String
    @Field(key: "promised_limit_days") var promisedLimitDays: Int
    @Field(key: "submitted_at") var submittedAt: Date
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "deadline_at") var deadlineAt: Date?
    @OptionalField(key: "concluded_at") var concludedAt: Date?
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    /// Why it was refused, not approved or withdrawn, in words the applicant sees.
    @OptionalField(key: "outcome_reason") var outcomeReason: String?
    /// Supplement pauses as JSON `[Pause]`: the clock stops while the applicant owes material.
    @Field(key: "pauses") var pausesJSON: String
    @Field(key: "district_code") var districtCode: String
    /// 智能审批's `RuleDecision` as JSON, when the item has rules; added by `CaseAddAutoDecision`.
    @OptionalField(key: "auto_decision") var autoDecisionJSON: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var form: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(formJSON.utf8))) ?? [:]
    }
}

/// 审批任务: one department's part of a case.
final class ReviewTask: Model, @unchecked Sendable {
    static let schema = "review_tasks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var serviceCase: Case
    /// The item this task decides; also its key in the case's task graph.
    @Field(key: "item_code") var itemCode: String
    @Field(key: "item_name") var itemName: String
    @Parent(key: "department_id") var department: Department
    /// `TaskState` raw value.
    @Field(key: "state") var state: String
    /// Keys (item codes) this task waits for, comma-delimited.
    @Field(key: "depends_on") var dependsOn: String
    @Field(key: "limit_days") var limitDays: Int
    @OptionalField(key: "opened_at") var openedAt: Date?
    /// Kept in columns (recomputed on every change) so queues can sort and filter by index.
    @OptionalField(key: "deadline_at") var deadlineAt: Date?
    @OptionalField(key: "at_risk_at") var atRiskAt: Date?
    @Field(key: "at_risk_notified") var atRiskNotified: Bool
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalParent(key: "decided_by") var decidedBy: User?
    @OptionalField(key: "note") var note: String?
    /// Materials asked for in a 补正 request, newline-separated.
    @OptionalField(key: "supplement_request") var supplementRequest: String?
    @Field(key: "pauses") var pausesJSON: String

    init() {}
}

/// 材料 of a case: an uploaded file, or a note that shared data or an e-certificate stands in for it.
final class CaseMaterial: Model, @unchecked Sendable {
    static let schema = "case_materials"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var serviceCase: Case
    @Field(key: "name") var name: String
    /// `upload`, or the guide's `replaceableBy` source (`certificate:…`, `data:…`) for 免提交.
    @Field(key: "source") var source: String
    @OptionalParent(key: "upload_id") var upload: Upload?
    @OptionalField(key: "task_id") var taskID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One line of the case's timeline, in plain Chinese.
final class CaseEvent: Model, @unchecked Sendable {
    static let schema = "case_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var serviceCase: Case
    @Field(key: "at") var at: Date
    @Field(key: "actor_name") var actorName: String
    @Field(key: "kind") var kind: String
    @Field(key: "message") var message: String

    init() {}
    init(caseID: UUID, at: Date, actorName: String, kind: String, message: String) {
        $serviceCase.id = caseID
        self.at = at
        self.actorName = actorName
        self.kind = kind
        self.message = message
    }
}

/// A file a person uploaded, stored once by content hash under `<data>/uploads`.
final class Upload: Model, @unchecked Sendable {
    static let schema = "uploads"

    @ID(key: .id) var id: UUID?
    @Parent(key: "owner_id") var owner: User
    @Field(key: "sha256") var sha256: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
