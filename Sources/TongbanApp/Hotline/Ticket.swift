import Fluent
import Foundation
import TongbanCore

/// 12345 工单: one request by one caller, from any channel, until the department's reply is confirmed.
final class Ticket: Model, @unchecked Sendable {
    static let schema = "tickets"

    @ID(key: .id) var id: UUID?
    /// Public number read out on the phone and printed in SMS, e.g. 12345-20261125-7KQ3M9.
    @Field(key: "number") var number: String
    /// Lets a caller without an account (or an anonymous reporter) follow the ticket with its number.
    @Field(key: "access_code") var accessCode: String
    /// `TicketType`, `TicketChannel`, `TicketState` raw values.
    @Field(key: "type") var type: String
    @Field(key: "channel") var channel: String
    @Field(key: "state") var state: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @OptionalField(key: "district_code") var districtCode: String?
    /// Where the matter is (a street light, a building site): not the caller's home, so kept in clear for duplicates and maps.
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    /// The signed-in citizen who filed it, or whose account matches the caller's phone.
    @OptionalField(key: "citizen_id") var citizenID: UUID?
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalField(key: "contact_phone_cipher") var contactPhoneCipher: String?
    /// Keyed hash of the phone: the caller's history and repeat complaints are found by it.
    @OptionalField(key: "contact_phone_hash") var contactPhoneHash: String?
    @Field(key: "anonymous") var anonymous: Bool
    /// The head whose mailbox it was written to (部门负责人信箱), when it came that way.
    @OptionalField(key: "mailbox_department_id") var mailboxDepartmentID: UUID?
    @OptionalField(key: "operator_id") var operatorID: UUID?
    /// The department responsible now (and the one that replied, once closed).
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// The classifier's best department code: duplicates are looked for among tickets on the same topic.
    @OptionalField(key: "topic") var topic: String?
    /// The classifier's top three as JSON `[DispatchSuggestion]`.
    @Field(key: "suggestions") var suggestionsJSON: String
    /// "auto" when the classifier dispatched on its own, "manual" after a person chose, "mailbox" for a head's mailbox.
    @OptionalField(key: "dispatch_mode") var dispatchMode: String?
    @Field(key: "limit_days") var limitDays: Int
    @OptionalField(key: "dispatched_at") var dispatchedAt: Date?
    @OptionalField(key: "signed_at") var signedAt: Date?
    @OptionalField(key: "deadline_at") var deadlineAt: Date?
    @OptionalField(key: "at_risk_at") var atRiskAt: Date?
    @Field(key: "at_risk_notified") var atRiskNotified: Bool
    /// Set when the overdue ticket was escalated to the supervisors (督办), so that happens once per deadline.
    @Field(key: "escalated") var escalated: Bool
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "replied_at") var repliedAt: Date?
    /// Working days from filing to the reply, fixed when the reply is given so indicators can average it in SQL.
    @OptionalField(key: "reply_workdays") var replyWorkdays: Double?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// 满意 / 基本满意 / 不满意 from the last callback.
    @OptionalField(key: "satisfaction") var satisfaction: String?
    @Field(key: "return_count") var returnCount: Int
    @Field(key: "reopen_count") var reopenCount: Int
    @Field(key: "extension_days") var extensionDays: Int
    /// A pending request for more time: days asked and why.
    @OptionalField(key: "extension_request_days") var extensionRequestDays: Int?
    @OptionalField(key: "extension_reason") var extensionReason: String?
    /// 一次办结: answered while the caller was still on the line.
    @Field(key: "first_contact") var firstContact: Bool
    @OptionalField(key: "parent_id") var parentID: UUID?
    /// A likely duplicate proposed for merging, with its similarity.
    @OptionalField(key: "duplicate_of") var duplicateOf: UUID?
    @OptionalField(key: "duplicate_score") var duplicateScore: Double?
    /// An earlier ticket by the same caller about the same matter (重复投诉).
    @OptionalField(key: "repeat_of") var repeatOf: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// 社区报修: the community a resident's work order was filed with, kept after it is escalated so the community
    /// sees what became of it; its `RepairCategory`; and when it was escalated into a 12345 ticket. Added by `TicketAddCommunity`.
    @OptionalField(key: "community_code") var communityCode: String?
    @OptionalField(key: "community_category") var communityCategory: String?
    @OptionalField(key: "community_escalated_at") var communityEscalatedAt: Date?

    init() {}

    var ticketType: TicketType { TicketType(rawValue: type) ?? .consult }
    var ticketState: TicketState { TicketState(rawValue: state) ?? .pending }
    var text: String { title + "\n" + body }
    /// The community handling this work order now (not escalated): it has no department and is on no 12345 list.
    var handlingCommunity: String? { communityEscalatedAt == nil ? communityCode : nil }
}

extension QueryBuilder where Model == Ticket {
    /// The 12345 hotline's own tickets: everything but the work orders a community still handles.
    @discardableResult
    func onHotline() -> Self {
        group(.or) { $0.filter(\.$communityCode == nil).filter(\.$communityEscalatedAt != nil) }
    }
}

/// One step in a ticket's life, shown on its timeline to staff (and, without internal notes, to the caller).
final class TicketEvent: Model, @unchecked Sendable {
    static let schema = "ticket_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "at") var at: Date
    /// Order within the ticket: several steps can share one instant (a scan reminds and escalates at once).
    @Field(key: "seq") var seq: Int
    @Field(key: "actor_name") var actorName: String
    @Field(key: "kind") var kind: String
    @Field(key: "message") var message: String
    /// Shown to the caller too; internal steps (reminders, escalations) are staff-only.
    @Field(key: "public") var isPublic: Bool
    /// The department a dispatch sent the ticket to, or that returned it: what 退单率 is counted from.
    @OptionalField(key: "department_code") var departmentCode: String?

    init() {}
}

/// A text with the department that turned out to be responsible: what the dispatcher learns from.
/// Corrections (退单, 改派), imported history and `train-dispatch`'s harvest of closed tickets land here.
final class DispatchExample: Model, @unchecked Sendable {
    static let schema = "dispatch_examples"

    @ID(key: .id) var id: UUID?
    @Field(key: "text") var text: String
    @Field(key: "department_code") var departmentCode: String
    /// "correction", "import" or "history".
    @Field(key: "source") var source: String
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A reply to a caller without an account: the SMS goes to the phone on the ticket.
final class TicketSMS: Model, @unchecked Sendable {
    static let schema = "ticket_sms"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "body") var body: String
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One inbound call from the telephone system's records: what 接通率 is computed from.
final class CallRecord: Model, @unchecked Sendable {
    static let schema = "call_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "answered") var answered: Bool
    @Field(key: "wait_seconds") var waitSeconds: Int
    @Field(key: "talk_seconds") var talkSeconds: Int

    init() {}
}

struct DispatchSuggestion: Codable, Sendable, Hashable {
    var department: String
    var confidence: Double
}
