import Fluent
import Foundation
import TongbanCore
import Vapor

/// Who hears about a ticket: the caller (account inbox and SMS, or an SMS to the number they called from),
/// the department's handlers and the supervisors (inbox only). Written in the caller's transaction.
extension TicketService {
    static let smsJob = "deliver_ticket_sms"

    func tellCaller(_ db: any Database, _ ticket: Ticket, title: String, _ body: String) async throws {
        if let citizen = ticket.citizenID {
            try await NotificationService(db: db, now: now).notify(citizen, title: title, body: body, link: TicketURL.mine(ticket.number))
        } else if ticket.contactPhoneCipher != nil {
            let sms = TicketSMS()
            (sms.id, sms.ticketID, sms.body, sms.status, sms.attempts, sms.createdAt) =
                (UUID(), try ticket.requireID(), "【六安12345】\(body)", Notification.Status.pending.rawValue, 0, now)
            try await sms.create(on: db)
            _ = try await JobQueue(db: db).enqueue(Self.smsJob, payload: sms.id!.uuidString, runAt: now)
        }
    }

    /// The handlers: the department's, or for a community's work order the community's staff who handle its category.
    func tellDepartment(_ db: any Database, _ ticket: Ticket, title: String, _ body: String) async throws {
        if let community = ticket.handlingCommunity, let role = ticket.communityHandler {
            return try await tell(db, role: role, community: community, title: title, body, ticket: ticket)
        }
        guard let department = ticket.departmentID else { return }
        try await tell(db, role: .handler, department: department, title: title, body, ticket: ticket)
    }

    /// The city's 督办; for a community's work order, the community's staff, who answer for the property service's
    /// work (the community's own orders they handle themselves, and hear about as handlers).
    func tellSupervisors(_ db: any Database, title: String, _ body: String, ticket: Ticket) async throws {
        if let community = ticket.handlingCommunity {
            guard ticket.communityHandler != .communityStaff else { return }
            return try await tell(db, role: .communityStaff, community: community, title: title, body, ticket: ticket)
        }
        try await tell(db, role: .supervisor, title: title, body, ticket: ticket)
    }

    private func tell(_ db: any Database, role: Role, department: UUID? = nil, community: String? = nil, title: String, _ body: String,
                      ticket: Ticket) async throws {
        var staff = UserRole.query(on: db).filter(\.$role == role.rawValue)
        if let department { staff = staff.filter(\.$department.$id == department) }
        if let community { staff = staff.filter(\.$communityCode == community) }
        let link = community.map { RepairURL.staff($0, ticket.number) } ?? TicketURL.staff(ticket.number)
        let notices = NotificationService(db: db, now: now)
        for member in try await staff.all() {
            try await notices.notify(member.$user.id, title: title, body: body, link: link, sms: false)
        }
    }

    /// The SMS job for callers without an account: to the number on the ticket, opened only here.
    static func deliverSMS(_ job: Job, _ app: Application) async throws {
        guard let id = UUID(uuidString: job.payload), let sms = try await TicketSMS.find(id, on: app.db) else { return }
        let phone = try await Ticket.find(sms.ticketID, on: app.db)?.contactPhoneCipher
        try await SMSDelivery.deliver(sms, id: id, phoneCipher: phone, missing: "工单没有联系电话", app: app)
    }
}

extension TicketURL {
    /// The caller rates the reply here with the ticket's access code, no account needed.
    static func callback(_ ticket: Ticket) -> String { "/hotline/callback/\(ticket.number)?code=\(ticket.accessCode)" }
}
