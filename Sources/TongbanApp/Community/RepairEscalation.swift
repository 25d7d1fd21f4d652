import Fluent
import Foundation
import Vapor

/// 升级为12345工单: a matter beyond the community leaves it as the same ticket, with its number, text and timeline,
/// and enters 12345 as a new ticket would: dispatched by the classifier when it is sure enough, or waiting for a
/// dispatcher. The department's clock starts at that dispatch, as for any ticket. The community keeps reading it.
extension TicketService {
    func escalate(_ number: String, reason: String?, by person: Principal) async throws -> Ticket {
        let reason = try Self.requireText(reason, field: "reason", what: "升级理由")
        return try await locked(number) { db, ticket in
            guard let community = ticket.communityCode else { throw AppError.notFound("社区工单", code: "repair.not_found") }
            guard ticket.handlingCommunity != nil else {
                throw AppError(.conflict, "repair.already_escalated", "该工单已升级为12345工单")
            }
            guard RepairAudience(person, community: community).escalates(ticket) else {
                throw AppError(.forbidden, "repair.escalate_forbidden", "只有本社区的社区工作人员可以升级工单")
            }
            try Self.transition(ticket, .escalate)
            ticket.communityEscalatedAt = self.now
            (ticket.departmentID, ticket.dispatchMode, ticket.dispatchedAt, ticket.signedAt) = (nil, nil, nil, nil)
            (ticket.deadlineAt, ticket.atRiskAt, ticket.extensionRequestDays, ticket.extensionReason) = (nil, nil, nil, nil)
            // From now on it is on a department's topic like any 12345 ticket, so later reports of the same matter find it.
            let suggestions = self.suggestions(ticket)
            ticket.topic = suggestions.first?.department
            let next = try self.autoDispatch(ticket, suggestions)
            try await ticket.save(on: db)
            let id = try ticket.requireID()
            try await self.record(db, id, actor: "社区工作人员 \(person.realName)", kind: "community_escalated", "超出社区职责，升级为12345工单：\(reason)")
            try await self.record(db, id, actor: "12345", kind: next.kind, public: next.isPublic, department: next.department, next.message)
            try await self.tellCaller(db, ticket, title: "社区报修已转12345办理",
                                      "您报修的“\(ticket.title)”（\(ticket.number)）超出社区职责，已转为12345工单，由承办部门在规定时限内答复。")
            return ticket
        }
    }
}
