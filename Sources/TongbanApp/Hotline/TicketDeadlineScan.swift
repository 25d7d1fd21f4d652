import Fluent
import Foundation
import TongbanCore
import SQLKit
import Vapor

/// 催办 at 80% of the time limit, 督办 once overdue, and closing replies nobody called back about.
/// Each flag flips by a conditional UPDATE, so with several instances scanning at once each step happens once.
enum TicketDeadlineScan {
    static let kind = "ticket_deadline_scan"
    static let period: TimeInterval = 60

    static func run(_ job: Job, _ app: Application) async throws {
        _ = try await scan(app.tickets)
    }

    struct Outcome: Equatable, Content {
        var reminded = 0
        var escalated = 0
        var closed = 0
    }

    @discardableResult
    static func scan(_ service: TicketService, limit: Int = 500) async throws -> Outcome {
        var outcome = Outcome()
        let withDepartment = [TicketState.dispatched, .handling].map(\.rawValue)
        let atRisk = try await Ticket.query(on: service.db).filter(\.$state ~~ withDepartment)
            .filter(\.$atRiskAt <= service.now).filter(\.$atRiskNotified == false).limit(limit).all()
        for ticket in atRisk {
            let won = try await claim(service, ticket, flag: "at_risk_notified") { db in
            let due = TimeText.deadline(ticket.deadlineAt)
            try await service.record(db, try ticket.requireID(), actor: "系统", kind: "reminded", public: false, "已用时限 80%，提醒承办部门（须在\(due)答复）")
            try await service.tellDepartment(db, ticket, title: "工单即将超期", "工单 \(ticket.number)“\(ticket.title)”须在\(due)答复，请抓紧办理。")
            }
            if won { outcome.reminded += 1 }
        }
        let overdue = try await Ticket.query(on: service.db).filter(\.$state ~~ withDepartment)
            .filter(\.$deadlineAt <= service.now).filter(\.$escalated == false).limit(limit).all()
        for ticket in overdue {
            let won = try await claim(service, ticket, flag: "escalated") { db in
            let department = service.handlerName(ticket)
            try await service.record(db, try ticket.requireID(), actor: "系统", kind: "escalated", public: false, "已超期，转督办（\(department)）")
            try await service.tellSupervisors(db, title: "工单超期", "\(department)的工单 \(ticket.number)“\(ticket.title)”已超期，请督办。", ticket: ticket)
            try await service.tellDepartment(db, ticket, title: "工单已超期", "工单 \(ticket.number)“\(ticket.title)”已超期，已报督办。")
            }
            if won { outcome.escalated += 1 }
        }
        let silent = try await Ticket.query(on: service.db).filter(\.$state == TicketState.replied.rawValue)
            .filter(\.$repliedAt <= service.now.addingTimeInterval(-Double(service.settings.callbackDays) * 86_400)).limit(limit).all()
        for ticket in silent {
            let closed = try await service.locked(ticket.number) { db, ticket -> Bool in
                guard ticket.ticketState == .replied else { return false }
                try TicketService.transition(ticket, .close)
                ticket.closedAt = service.now
                try await ticket.save(on: db)
                try await service.record(db, try ticket.requireID(), actor: "系统", kind: "closed", "答复后\(service.settings.callbackDays)日未回访，工单办结（未评价）")
                return true
            }
            if closed { outcome.closed += 1 }
        }
        return outcome
    }

    /// Whoever flips the flag does the work in the same transaction; a concurrent scan gets no row back.
    private static func claim(_ service: TicketService, _ ticket: Ticket, flag: String,
                              _ work: @escaping @Sendable (any Database) async throws -> Void) async throws -> Bool {
        let id = try ticket.requireID()
        return try await serializedTransaction(service.db, gate: service.gate) { db in
            guard let sql = db as? any SQLDatabase else { return false }
            let won = try await sql.raw("""
                UPDATE tickets SET \(ident: flag) = \(bind: true) WHERE id = \(bind: id) AND \(ident: flag) = \(bind: false) RETURNING id
                """).all()
            guard !won.isEmpty else { return false }
            try await work(db)
            return true
        }
    }
}
