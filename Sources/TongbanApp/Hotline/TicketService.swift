import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// The 12345 hotline: intake from every channel, dispatch, the department's handling, reply and callback.
/// Callers build one per request (`request.tickets`) or job; it holds no state of its own.
struct TicketService {
    let db: any Database
    let catalog: CatalogSnapshot
    let calendar: WorkdayCalendar
    let now: Date
    let cipher: FieldCipher
    let settings: HotlineSettings
    let model: DispatchModel
    var gate: WriteGate? = nil
    /// Group commit for intake; without one (commands, imports) each ticket is written on its own.
    var batcher: IntakeBatcher? = nil

    /// Every change to a ticket runs in one transaction that first touches its row, so two people acting on
    /// the same ticket at once are serialised (PostgreSQL row lock, SQLite's single writer).
    func locked<T: Sendable>(_ number: String, _ body: @escaping @Sendable (any Database, Ticket) async throws -> T) async throws -> T {
        try await serializedTransaction(db, gate: gate) { db in
            if let sql = db as? any SQLDatabase {
                try await sql.update(Ticket.schema).set("updated_at", to: SQLBind(now)).where("number", .equal, SQLBind(number)).run()
            }
            guard let ticket = try await Ticket.query(on: db).filter(\.$number == number).first() else {
                throw AppError.notFound("工单", code: "ticket.not_found")
            }
            return try await body(db, ticket)
        }
    }

    static func transition(_ ticket: Ticket, _ action: TicketAction) throws {
        switch TicketStateMachine.next(ticket.ticketState, on: action) {
        case .success(let next): ticket.state = next.rawValue
        case .failure(let error): throw AppError(.conflict, error.code, error.message)
        }
    }

    /// Callers hold the ticket's lock, so counting the steps so far gives the next one its place.
    func record(_ db: any Database, _ ticketID: UUID, actor: String, kind: String, public isPublic: Bool = true,
                department: String? = nil, _ message: String) async throws {
        let seq = try await TicketEvent.query(on: db).filter(\.$ticketID == ticketID).count()
        try await PlainRows.insert([TicketRows.Event(ticketId: ticketID, at: now, seq: seq, actorName: actor, kind: kind, message: message,
                                                     public: isPublic, departmentCode: department)],
                                  into: TicketEvent.schema, on: db)
    }

    func department(_ code: String) throws -> (id: UUID, record: DepartmentRecord) {
        guard let id = catalog.departmentIDs[code], let record = catalog.department(code) else {
            throw AppError.invalid("ticket.unknown_department", "没有编码为“\(code)”的部门", details: ["department": "请选择承办部门"])
        }
        return (id, record)
    }

    func departmentCode(_ id: UUID?) -> String? {
        guard let id else { return nil }
        return catalog.departmentIDs.first { $0.value == id }?.key
    }

    func departmentName(_ id: UUID?) -> String {
        departmentCode(id).flatMap { catalog.department($0)?.name } ?? "—"
    }

    /// Who the ticket is with, as people are told: the department, or for a community's work order the community's
    /// property service or its staff.
    func handlerName(_ ticket: Ticket) -> String {
        guard ticket.handlingCommunity != nil else { return departmentName(ticket.departmentID) }
        return (ticket.repairCategory ?? .other).handlerTitle
    }

    /// The department's clock from `start`, with any extension granted.
    func clock(_ ticket: Ticket, start: Date) -> DeadlineClock {
        DeadlineClock(start: start, limitWorkdays: ticket.limitDays + ticket.extensionDays, calendar: calendar)
    }

    /// Sets the deadline columns for a clock that starts now (dispatch, reassignment, reopening).
    func startClock(_ ticket: Ticket) throws {
        try setDeadline(ticket, clock: clock(ticket, start: now))
    }

    func setDeadline(_ ticket: Ticket, clock: DeadlineClock) throws {
        do throws(WorkdayError) {
            ticket.deadlineAt = try clock.deadline(now: now)
            ticket.atRiskAt = try clock.atRiskFrom(now: now)
        } catch {
            throw AppError(.unprocessableEntity, error.code, error.message)
        }
        ticket.atRiskNotified = false
        ticket.escalated = false
    }

    /// Every reply goes through here, so the working time to it is always stored with it.
    static func markReplied(_ ticket: Ticket, _ text: String?, at: Date, calendar: WorkdayCalendar) {
        (ticket.reply, ticket.repliedAt) = (text, at)
        do throws(WorkdayError) { ticket.replyWorkdays = try calendar.elapsedWorkdays(from: ticket.createdAt, to: at) } catch {
            ticket.replyWorkdays = nil  // outside the published calendar: left out of the average rather than guessed
        }
    }

    static func newNumber(now: Date) -> String {
        let day = CalendarDay(now)
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        let suffix = String((0..<6).map { _ in alphabet.randomElement()! })
        return String(format: "12345-%04d%02d%02d-", day.year, day.month, day.day) + suffix
    }

    static func newAccessCode() -> String {
        String(format: "%06d", Int.random(in: 0..<1_000_000))
    }
}

/// Rows inserted without model reflection on the intake path.
enum TicketRows {
    /// Every column of `tickets`; property names map to them in snake_case.
    struct Ticket: Encodable, ColumnNamed {
        var id: UUID, number: String, accessCode: String, type: String, channel: String, state: String
        var title: String, body: String, districtCode: String?, address: String?, latitude: Double?, longitude: Double?
        var citizenId: UUID?, contactName: String?, contactPhoneCipher: String?, contactPhoneHash: String?, anonymous: Bool
        var mailboxDepartmentId: UUID?, operatorId: UUID?, departmentId: UUID?, topic: String?, suggestions: String
        var dispatchMode: String?, limitDays: Int, dispatchedAt: Date?, signedAt: Date?, deadlineAt: Date?, atRiskAt: Date?
        var atRiskNotified: Bool, escalated: Bool, reply: String?, repliedAt: Date?, replyWorkdays: Double?, closedAt: Date?, satisfaction: String?
        var returnCount: Int, reopenCount: Int, extensionDays: Int, extensionRequestDays: Int?, extensionReason: String?
        var firstContact: Bool, parentId: UUID?, duplicateOf: UUID?, duplicateScore: Double?, repeatOf: UUID?
        var createdAt: Date, updatedAt: Date
        var communityCode: String?, communityCategory: String?, communityEscalatedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, number, accessCode = "access_code", type, channel, state, title, body, districtCode = "district_code", address
            case latitude, longitude, citizenId = "citizen_id", contactName = "contact_name", contactPhoneCipher = "contact_phone_cipher"
            case contactPhoneHash = "contact_phone_hash", anonymous, mailboxDepartmentId = "mailbox_department_id", operatorId = "operator_id"
            case departmentId = "department_id", topic, suggestions, dispatchMode = "dispatch_mode", limitDays = "limit_days"
            case dispatchedAt = "dispatched_at", signedAt = "signed_at", deadlineAt = "deadline_at", atRiskAt = "at_risk_at"
            case atRiskNotified = "at_risk_notified", escalated, reply, repliedAt = "replied_at", replyWorkdays = "reply_workdays", closedAt = "closed_at", satisfaction
            case returnCount = "return_count", reopenCount = "reopen_count", extensionDays = "extension_days"
            case extensionRequestDays = "extension_request_days", extensionReason = "extension_reason", firstContact = "first_contact"
            case parentId = "parent_id", duplicateOf = "duplicate_of", duplicateScore = "duplicate_score", repeatOf = "repeat_of"
            case createdAt = "created_at", updatedAt = "updated_at"
            case communityCode = "community_code", communityCategory = "community_category", communityEscalatedAt = "community_escalated_at"
        }

        init(_ t: TongbanApp.Ticket) throws {
            (id, number, accessCode, type, channel, state) = (try t.requireID(), t.number, t.accessCode, t.type, t.channel, t.state)
            (title, body, districtCode, address, latitude, longitude) = (t.title, t.body, t.districtCode, t.address, t.latitude, t.longitude)
            (citizenId, contactName, contactPhoneCipher, contactPhoneHash, anonymous) = (t.citizenID, t.contactName, t.contactPhoneCipher, t.contactPhoneHash, t.anonymous)
            (mailboxDepartmentId, operatorId, departmentId, topic, suggestions) = (t.mailboxDepartmentID, t.operatorID, t.departmentID, t.topic, t.suggestionsJSON)
            (dispatchMode, limitDays, dispatchedAt, signedAt, deadlineAt, atRiskAt) = (t.dispatchMode, t.limitDays, t.dispatchedAt, t.signedAt, t.deadlineAt, t.atRiskAt)
            (atRiskNotified, escalated, reply, repliedAt, closedAt, satisfaction) = (t.atRiskNotified, t.escalated, t.reply, t.repliedAt, t.closedAt, t.satisfaction)
            replyWorkdays = t.replyWorkdays
            (returnCount, reopenCount, extensionDays, extensionRequestDays, extensionReason) = (t.returnCount, t.reopenCount, t.extensionDays, t.extensionRequestDays, t.extensionReason)
            (firstContact, parentId, duplicateOf, duplicateScore, repeatOf) = (t.firstContact, t.parentID, t.duplicateOf, t.duplicateScore, t.repeatOf)
            (createdAt, updatedAt) = (t.createdAt, t.updatedAt)
            (communityCode, communityCategory, communityEscalatedAt) = (t.communityCode, t.communityCategory, t.communityEscalatedAt)
        }
    }

    struct Event: Encodable, ColumnNamed {
        var id = UUID()
        var ticketId: UUID
        var at: Date
        var seq: Int
        var actorName: String
        var kind: String
        var message: String
        var `public`: Bool
        var departmentCode: String? = nil

        enum CodingKeys: String, CodingKey {
            case id, ticketId = "ticket_id", at, seq, actorName = "actor_name", kind, message, `public`, departmentCode = "department_code"
        }
    }
}

extension Request {
    var tickets: TicketService {
        TicketService(db: db, catalog: application.catalogCache.snapshot, calendar: application.workdays, now: application.clock.now(),
                      cipher: application.fieldCipher, settings: application.settings.hotline, model: application.dispatchModel,
                      gate: application.writeGate, batcher: application.intakeBatcher)
    }
}

extension Application {
    var tickets: TicketService { tickets(on: db) }

    func tickets(on db: any Database) -> TicketService {
        TicketService(db: db, catalog: catalogCache.snapshot, calendar: workdays, now: clock.now(), cipher: fieldCipher,
                      settings: settings.hotline, model: dispatchModel, gate: writeGate)
    }
}
