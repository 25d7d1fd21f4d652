import Fluent
import Foundation
import TongbanCore
import Vapor

/// What a reader may see of a ticket: the caller sees their own words and the public timeline; the 12345
/// centre and the handling department see the contact (they call back); everyone else sees it masked.
enum TicketAudience: Equatable {
    case caller
    case centre(showContact: Bool)
    case department
    case oversight

    var isStaff: Bool { self != .caller }
    var showsContact: Bool {
        switch self {
        case .caller, .department, .centre(showContact: true): true
        case .centre(showContact: false), .oversight: false
        }
    }
}

struct TicketView: Content {
    struct Event: Content {
        var at: Date
        var actor: String
        var kind: String
        var message: String
        /// Kept out of the JSON: callers only ever receive the events they may see.
        var isPublic = true

        enum CodingKeys: String, CodingKey { case at, actor, kind, message }
    }

    struct Reference: Content {
        var number: String
        var title: String
        var score: Double?
    }

    struct ExtensionRequest: Content {
        var days: Int
        var reason: String
    }

    var number: String
    var type: String
    var typeTitle: String
    var channel: String
    var channelTitle: String
    var state: String
    var stateTitle: String
    var title: String
    var body: String
    var district: String?
    var districtName: String?
    var address: String?
    var latitude: Double?
    var longitude: Double?
    var anonymous: Bool
    var contactName: String?
    var contactPhone: String?
    var department: String?
    var departmentName: String?
    var suggestions: [DispatchSuggestion]?
    var dispatchMode: String?
    var limitDays: Int
    var extensionDays: Int
    var deadlineAt: Date?
    var deadlineStatus: String
    var deadlineStatusTitle: String
    var createdAt: Date
    var dispatchedAt: Date?
    var signedAt: Date?
    var repliedAt: Date?
    var closedAt: Date?
    var reply: String?
    var satisfaction: String?
    var firstContact: Bool
    var returnCount: Int
    var reopenCount: Int
    var extensionRequest: ExtensionRequest?
    var accessCode: String?
    var parent: Reference?
    var duplicateOf: Reference?
    var repeatOf: Reference?
    var events: [Event]
    /// Upload ids of the ticket's photos (`TicketPhoto`), served at `/tickets/{number}/photos/{id}`.
    var photos: [UUID] = []
}

/// One line of a queue.
struct TicketSummary: Content {
    var number: String
    var typeTitle: String
    var channelTitle: String
    var title: String
    var state: String
    var stateTitle: String
    var districtName: String?
    var department: String?
    var departmentName: String?
    var topSuggestion: DispatchSuggestion?
    var deadlineAt: Date?
    var deadlineStatus: String
    var deadlineStatusTitle: String
    var createdAt: Date
    var possibleDuplicate: Bool
    var repeated: Bool
    var extensionRequestDays: Int?
    var returnCount: Int
}

extension TicketService {
    /// Who may read this ticket, and how much; nil means it does not exist for them.
    func audience(_ ticket: Ticket, for person: Principal) -> TicketAudience? {
        if person.has(.hotlineOperator) { return .centre(showContact: true) }
        if person.has(.dispatcher) { return .centre(showContact: false) }
        if let code = departmentCode(ticket.departmentID), person.has(.handler, inDepartment: code) { return .department }
        if let community = ticket.communityCode, let audience = RepairAudience(person, community: community).ticketAudience(ticket) { return audience }
        if person.has(.supervisor) || person.has(.leader) || person.has(.admin) { return .oversight }
        if ticket.citizenID == person.userID { return .caller }
        return nil
    }

    func visibleTicket(_ number: String, to person: Principal) async throws -> (Ticket, TicketAudience) {
        guard let ticket = try await Ticket.query(on: db).filter(\.$number == number).first(),
              let audience = audience(ticket, for: person) else { throw AppError.notFound("工单", code: "ticket.not_found") }
        return (ticket, audience)
    }

    /// The caller's own look-up with the code from the SMS or the operator, no account needed. A six-digit code
    /// would fall to guessing, so failures are counted per ticket (5) and per client address (20) in 15 minutes.
    func lookup(_ number: String, code: String, client: String) async throws -> Ticket {
        let limit = GuessLimit(db: db, cipher: cipher, now: now)
        let subjects = ["ticket:" + number, "ticket-client:" + client]
        try await limit.check([(subjects[0], 5), (subjects[1], 20)], message: "查询码错误次数过多，请 15 分钟后再试，或拨打 12345 查询")
        guard let ticket = try await Ticket.query(on: db).filter(\.$number == number).first(),
              Token.constantTimeEquals(ticket.accessCode, code) else {
            try await limit.fail(subjects)
            throw AppError.notFound("工单", code: "ticket.not_found")
        }
        return ticket
    }

    func status(_ ticket: Ticket) -> DeadlineStatus {
        guard ticket.ticketState.isWithDepartment, let deadline = ticket.deadlineAt else {
            return ticket.ticketState.isOpen ? .onTrack : .finished
        }
        if now >= deadline { return .overdue }
        if let risk = ticket.atRiskAt, now >= risk { return .atRisk }
        return .onTrack
    }

    /// The first view of a ticket just filed, from what intake already knows.
    func view(_ intake: Intake, for audience: TicketAudience) async throws -> TicketView {
        try await view(intake.ticket, for: audience, known: intake)
    }

    func view(_ ticket: Ticket, for audience: TicketAudience, known: Intake? = nil) async throws -> TicketView {
        let id = try ticket.requireID()
        var timeline: [TicketView.Event]
        if let known {
            timeline = known.events
        } else {
            timeline = try await TicketEvent.query(on: db).filter(\.$ticketID == id).sort(\.$seq).all()
                .map { .init(at: $0.at, actor: $0.actorName, kind: $0.kind, message: $0.message, isPublic: $0.isPublic) }
        }
        if !audience.isStaff { timeline = timeline.filter(\.isPublic) }
        func reference(_ id: UUID?, score: Double?) async throws -> TicketView.Reference? {
            if let id, let found = known?.related[id] { return found }
            return try await self.reference(id, score: score)
        }
        let status = status(ticket)
        var phone: String?
        if let cipher = ticket.contactPhoneCipher, let plain = try? self.cipher.open(cipher) {
            phone = audience.showsContact ? plain : Masking.phone(plain)
        }
        let code = departmentCode(ticket.departmentID)
        return TicketView(
            number: ticket.number, type: ticket.type, typeTitle: ticket.ticketType.title,
            channel: ticket.channel, channelTitle: TicketChannel(rawValue: ticket.channel)?.title ?? ticket.channel,
            state: ticket.state, stateTitle: ticket.ticketState.title, title: ticket.title, body: ticket.body,
            district: ticket.districtCode, districtName: districtName(ticket.districtCode), address: ticket.address,
            latitude: ticket.latitude, longitude: ticket.longitude, anonymous: ticket.anonymous,
            contactName: ticket.contactName.map { audience.showsContact ? $0 : Masking.name($0) }, contactPhone: phone,
            department: code, departmentName: ticket.handlingCommunity == nil ? code.flatMap { catalog.department($0)?.name } : handlerName(ticket),
            suggestions: audience.isStaff ? suggestions(ticket) : nil, dispatchMode: audience.isStaff ? ticket.dispatchMode : nil,
            limitDays: ticket.limitDays, extensionDays: ticket.extensionDays, deadlineAt: ticket.deadlineAt,
            deadlineStatus: status.rawValue, deadlineStatusTitle: status.title, createdAt: ticket.createdAt,
            dispatchedAt: ticket.dispatchedAt, signedAt: ticket.signedAt, repliedAt: ticket.repliedAt, closedAt: ticket.closedAt,
            reply: ticket.reply, satisfaction: ticket.satisfaction, firstContact: ticket.firstContact,
            returnCount: ticket.returnCount, reopenCount: ticket.reopenCount,
            extensionRequest: audience.isStaff ? ticket.extensionRequestDays.map { .init(days: $0, reason: ticket.extensionReason ?? "") } : nil,
            accessCode: audience == .caller || audience == .centre(showContact: true) ? ticket.accessCode : nil,
            parent: try await reference(ticket.parentID, score: nil),
            duplicateOf: audience.isStaff ? try await reference(ticket.duplicateOf, score: ticket.duplicateScore) : nil,
            repeatOf: audience.isStaff ? try await reference(ticket.repeatOf, score: nil) : nil,
            events: timeline,
            // A ticket just filed answers from what intake knows; its photos show from the next view on.
            photos: known == nil ? try await TicketPhoto.query(on: db).filter(\.$ticketID == id).sort(\.$createdAt).all().map(\.uploadID) : [])
    }

    func summary(_ ticket: Ticket) -> TicketSummary {
        let status = status(ticket)
        let code = departmentCode(ticket.departmentID)
        return TicketSummary(
            number: ticket.number, typeTitle: ticket.ticketType.title,
            channelTitle: TicketChannel(rawValue: ticket.channel)?.title ?? ticket.channel, title: ticket.title,
            state: ticket.state, stateTitle: ticket.ticketState.title, districtName: districtName(ticket.districtCode),
            department: code, departmentName: ticket.handlingCommunity == nil ? code.flatMap { catalog.department($0)?.name } : handlerName(ticket),
            topSuggestion: suggestions(ticket).first,
            deadlineAt: ticket.deadlineAt, deadlineStatus: status.rawValue, deadlineStatusTitle: status.title, createdAt: ticket.createdAt,
            possibleDuplicate: ticket.duplicateOf != nil, repeated: ticket.repeatOf != nil,
            extensionRequestDays: ticket.extensionRequestDays, returnCount: ticket.returnCount)
    }

    func suggestions(_ ticket: Ticket) -> [DispatchSuggestion] {
        (try? JSONDecoder().decode([DispatchSuggestion].self, from: Data(ticket.suggestionsJSON.utf8))) ?? []
    }

    func districtName(_ code: String?) -> String? {
        code.flatMap { code in catalog.districts.first { $0.code == code }?.name }
    }

    private func reference(_ id: UUID?, score: Double?) async throws -> TicketView.Reference? {
        guard let id, let other = try await Ticket.find(id, on: db) else { return nil }
        return .init(number: other.number, title: other.title, score: score)
    }
}
