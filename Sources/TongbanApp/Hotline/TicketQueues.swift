import Fluent
import Foundation
import TongbanCore
import Vapor

/// The lists people work from: their own tickets, the dispatcher's queue, a department's queue, supervision.
extension TicketService {
    /// The classifier's guess is the centre's working note, not something to show the caller.
    func mine(_ person: Principal, limit: Int = 100) async throws -> [TicketSummary] {
        try await Ticket.query(on: db).filter(\.$citizenID == person.userID).sort(\.$createdAt, .descending).limit(limit).all()
            .map { var line = summary($0); line.topSuggestion = nil; return line }
    }

    /// 待派单, oldest first: the ticket that has waited longest is dispatched first.
    func dispatchQueue(_ person: Principal, limit: Int = 200) async throws -> [TicketSummary] {
        guard person.has(.dispatcher) || person.has(.hotlineOperator) || person.has(.supervisor) else { throw AppError.forbidden }
        return try await Ticket.query(on: db).filter(\.$state == TicketState.pending.rawValue).onHotline()
            .sort(\.$createdAt).limit(limit).all().map(summary)
    }

    /// The handler's queue: tickets with their department, most urgent deadline first.
    func departmentQueue(_ person: Principal, department code: String?, limit: Int = 200) async throws -> [TicketSummary] {
        let codes: [String]
        if let code {
            guard person.has(.handler, inDepartment: code) || person.has(.supervisor) || person.has(.leader) || person.has(.admin) else {
                throw AppError(.forbidden, "auth.other_department", "您只能查看本部门的工单")
            }
            codes = [code]
        } else {
            codes = person.grants.filter { $0.role == .handler }.compactMap(\.departmentCode)
            guard !codes.isEmpty else { throw AppError.forbidden }
        }
        let ids = codes.compactMap { catalog.departmentIDs[$0] }
        let states = [TicketState.dispatched, .handling, .replied].map(\.rawValue)
        return try await Ticket.query(on: db).filter(\.$departmentID ~~ ids).filter(\.$state ~~ states)
            .sort(\.$deadlineAt).sort(\.$createdAt).limit(limit).all().map(summary)
    }

    struct Supervision: Content {
        var overdue: [TicketSummary]
        var atRisk: [TicketSummary]
        var extensionRequests: [TicketSummary]
    }

    /// 督办: what is late, what is about to be, and who asked for more time. A community's work orders are its own
    /// staff's to watch (`RepairService.queue`), not the 12345 supervisors'.
    func supervision(_ person: Principal, limit: Int = 200) async throws -> Supervision {
        guard person.has(.supervisor) || person.has(.leader) || person.has(.admin) else { throw AppError.forbidden }
        let withDepartment = [TicketState.dispatched, .handling].map(\.rawValue)
        let late = try await Ticket.query(on: db).filter(\.$state ~~ withDepartment).filter(\.$deadlineAt <= now).onHotline()
            .sort(\.$deadlineAt).limit(limit).all()
        let risky = try await Ticket.query(on: db).filter(\.$state ~~ withDepartment).filter(\.$deadlineAt > now)
            .filter(\.$atRiskAt <= now).onHotline().sort(\.$deadlineAt).limit(limit).all()
        let asking = try await Ticket.query(on: db).filter(\.$extensionRequestDays != nil).sort(\.$updatedAt).limit(limit).all()
        return Supervision(overdue: late.map(summary), atRisk: risky.map(summary), extensionRequests: asking.map(summary))
    }

    /// The caller's earlier tickets, shown to the operator while they talk.
    func callerHistory(phone: String, by person: Principal, limit: Int = 20) async throws -> [TicketSummary] {
        guard person.has(.hotlineOperator) || person.has(.dispatcher) else { throw AppError.forbidden }
        let digits = phone.filter { $0.isNumber }
        guard digits.count >= 7 else { throw AppError.invalid("ticket.invalid_phone", "请输入来电号码", details: ["phone": "请输入来电号码"]) }
        let hash = cipher.lookupHash("phone:" + digits)
        return try await Ticket.query(on: db).filter(\.$contactPhoneHash == hash).sort(\.$createdAt, .descending).limit(limit).all().map(summary)
    }
}

extension TicketService {
    /// What the dispatch queue shows beyond `TicketSummary`: all three suggestions, the text, and the proposed
    /// parent or earlier ticket. Two queries for the whole page, not two per row.
    struct QueueDetail {
        struct Related {
            var number: String
            var title: String
            var score: Double?
            var open: Bool
        }

        var suggestions: [DispatchSuggestion]
        var body: String
        var duplicate: Related?
        var earlier: Related?
    }

    func queueDetails(_ numbers: [String]) async throws -> [String: QueueDetail] {
        guard !numbers.isEmpty else { return [:] }
        let tickets = try await Ticket.query(on: db).filter(\.$number ~~ numbers).all()
        let relatedIDs = Array(Set(tickets.flatMap { [$0.duplicateOf, $0.repeatOf].compactMap { $0 } }))
        let related = relatedIDs.isEmpty ? [] : try await Ticket.query(on: db).filter(\.$id ~~ relatedIDs).all()
        let byID = Dictionary(related.compactMap { other in other.id.map { ($0, other) } }, uniquingKeysWith: { first, _ in first })
        func reference(_ id: UUID?, score: Double?) -> QueueDetail.Related? {
            guard let id, let other = byID[id] else { return nil }
            return .init(number: other.number, title: other.title, score: score, open: other.ticketState.isOpen && other.parentID == nil)
        }
        return Dictionary(tickets.map { ticket in
            (ticket.number, QueueDetail(suggestions: suggestions(ticket), body: ticket.body,
                                        duplicate: reference(ticket.duplicateOf, score: ticket.duplicateScore),
                                        earlier: reference(ticket.repeatOf, score: nil)))
        }, uniquingKeysWith: { first, _ in first })
    }
}
