import Fluent
import TongbanCore
import Vapor

/// The JSON API of the 12345 hotline: callers, operators, dispatchers, departments and supervisors.
struct HotlineController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("tickets", use: file)
        api.get("tickets", use: mine)
        api.get("tickets", "lookup", use: lookup)
        api.get("tickets", ":number", use: show)
        api.post("tickets", ":number", "dispatch", use: dispatch)
        api.post("tickets", ":number", "reassign", use: reassign)
        api.post("tickets", ":number", "sign", use: sign)
        api.post("tickets", ":number", "return", use: giveBack)
        api.post("tickets", ":number", "reply", use: reply)
        api.post("tickets", ":number", "extension", use: requestExtension)
        api.post("tickets", ":number", "extension", "decision", use: decideExtension)
        api.post("tickets", ":number", "urge", use: urge)
        api.post("tickets", ":number", "merge", use: merge)
        api.post("tickets", ":number", "callback", use: callback)
        api.get("hotline", "dispatch-queue", use: dispatchQueue)
        api.get("hotline", "department-queue", use: departmentQueue)
        api.get("hotline", "supervision", use: supervision)
        api.post("hotline", "caller-history", use: callerHistory)
        api.post("hotline", "suggest", use: suggest)
        api.get("hotline", "kpis", use: kpis)
    }

    struct DepartmentInput: Content { var department: String; var reason: String? }
    struct ReasonInput: Content { var reason: String? }
    struct ReplyInput: Content { var reply: String? }
    struct ExtensionInput: Content { var days: Int; var reason: String? }
    struct DecisionInput: Content { var approve: Bool; var note: String? }
    struct UrgeInput: Content { var message: String? }
    struct MergeInput: Content { var parent: String }
    struct CallbackInput: Content { var satisfaction: String; var comment: String?; var code: String? }
    struct PhoneInput: Content { var phone: String }
    struct SuggestInput: Content { var title: String?; var body: String? }
    struct Suggestion: Content { var suggestions: [DispatchSuggestion]; var district: String?; var wouldDispatch: Bool }

    /// A citizen files for themself; an operator registers a call (or a letter) for the caller.
    @Sendable func file(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(TicketInput.self)
        let filer: TicketFiler
        if person.has(.hotlineOperator) {
            filer = .hotlineOperator(person)
        } else {
            guard let user = try await User.find(person.userID, on: request.db), !person.isStaff else { throw AppError.forbidden }
            filer = .citizen(user)
        }
        let service = request.tickets
        let filed = try await service.intake(input, by: filer)
        let audience: TicketAudience = person.has(.hotlineOperator) ? .centre(showContact: true) : .caller
        return try await service.view(filed, for: audience).encodeResponse(status: .created, for: request)
    }

    @Sendable func mine(_ request: Request) async throws -> [TicketSummary] {
        try await request.tickets.mine(try request.requirePrincipal())
    }

    @Sendable func lookup(_ request: Request) async throws -> TicketView {
        let number = try request.query.get(String.self, at: "number")
        let code = try request.query.get(String.self, at: "code")
        let service = request.tickets
        return try await service.view(try await service.lookup(number, code: code, client: request.clientAddress), for: .caller)
    }

    @Sendable func show(_ request: Request) async throws -> TicketView {
        let service = request.tickets
        let (ticket, audience) = try await service.visibleTicket(try number(request), to: try request.requirePrincipal())
        return try await service.view(ticket, for: audience)
    }

    @Sendable func dispatch(_ request: Request) async throws -> TicketView {
        let person = try request.requireStaff()
        let input = try request.content.decode(DepartmentInput.self)
        let service = request.tickets
        let ticket = try await service.dispatch(try number(request), to: input.department, by: person)
        Task { await service.retrain() }
        return try await service.view(ticket, for: try audience(service, ticket, person))
    }

    @Sendable func reassign(_ request: Request) async throws -> TicketView {
        let person = try request.requireStaff()
        let input = try request.content.decode(DepartmentInput.self)
        let service = request.tickets
        let ticket = try await service.reassign(try number(request), to: input.department, reason: input.reason, by: person)
        Task { await service.retrain() }
        return try await service.view(ticket, for: try audience(service, ticket, person))
    }

    @Sendable func sign(_ request: Request) async throws -> TicketView {
        try await act(request) { service, number, person in try await service.sign(number, by: person) }
    }

    @Sendable func giveBack(_ request: Request) async throws -> TicketView {
        _ = try request.requireStaff()
        let input = try request.content.decode(ReasonInput.self)
        return try await act(request) { service, number, person in try await service.giveBack(number, reason: input.reason, by: person) }
    }

    @Sendable func reply(_ request: Request) async throws -> TicketView {
        _ = try request.requireStaff()
        let input = try request.content.decode(ReplyInput.self)
        return try await act(request) { service, number, person in try await service.reply(number, text: input.reply, by: person) }
    }

    @Sendable func requestExtension(_ request: Request) async throws -> TicketView {
        _ = try request.requireStaff()  // who is asking before what is asked: anonymous is told to sign in, not that the body is bad
        let input = try request.content.decode(ExtensionInput.self)
        return try await act(request) { service, number, person in
            try await service.requestExtension(number, days: input.days, reason: input.reason, by: person)
        }
    }

    @Sendable func decideExtension(_ request: Request) async throws -> TicketView {
        _ = try request.requireStaff()
        let input = try request.content.decode(DecisionInput.self)
        return try await act(request) { service, number, person in
            try await service.decideExtension(number, approve: input.approve, note: input.note, by: person)
        }
    }

    @Sendable func urge(_ request: Request) async throws -> TicketView {
        _ = try request.requireStaff()
        let input = try request.content.decode(UrgeInput.self)
        return try await act(request) { service, number, person in try await service.urge(number, message: input.message, by: person) }
    }

    @Sendable func merge(_ request: Request) async throws -> TicketView {
        _ = try request.requireStaff()
        let input = try request.content.decode(MergeInput.self)
        return try await act(request) { service, number, person in try await service.merge(number, into: input.parent, by: person) }
    }

    /// 回访 by the caller (signed in, or with the code from the SMS) or by an operator on the phone.
    @Sendable func callback(_ request: Request) async throws -> TicketView {
        let input = try request.content.decode(CallbackInput.self)
        let person = request.principal
        let service = request.tickets
        let actor = person.map { $0.has(.hotlineOperator) ? "回访员 \($0.realName)" : "来电人" } ?? "来电人"
        let number = try number(request)
        // Without an account of their own the caller proves it is their ticket with the code, counted against guessing.
        let byCode = person.map { !$0.has(.hotlineOperator) } ?? true
        var ownTicket = false
        if let person, byCode, let stored = try await Ticket.query(on: request.db).filter(\.$number == number).first() {
            ownTicket = stored.citizenID == person.userID
        }
        if byCode && !ownTicket {
            _ = try await service.lookup(number, code: input.code ?? "", client: request.clientAddress)
        }
        let ticket = try await service.callback(number, satisfaction: input.satisfaction, comment: input.comment, actor: actor) { _ in }
        let audience = person.flatMap { service.audience(ticket, for: $0) } ?? .caller
        return try await service.view(ticket, for: audience)
    }

    @Sendable func dispatchQueue(_ request: Request) async throws -> [TicketSummary] {
        try await request.tickets.dispatchQueue(try request.requirePrincipal())
    }

    @Sendable func departmentQueue(_ request: Request) async throws -> [TicketSummary] {
        try await request.tickets.departmentQueue(try request.requirePrincipal(), department: request.query[String.self, at: "department"])
    }

    @Sendable func supervision(_ request: Request) async throws -> TicketService.Supervision {
        try await request.tickets.supervision(try request.requirePrincipal())
    }

    @Sendable func callerHistory(_ request: Request) async throws -> [TicketSummary] {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(PhoneInput.self)
        return try await request.tickets.callerHistory(phone: input.phone, by: person)
    }

    /// The operator form asks while the call goes on: which department, and would it dispatch on its own.
    @Sendable func suggest(_ request: Request) async throws -> Suggestion {
        let person = try request.requirePrincipal()
        guard person.has(.hotlineOperator) || person.has(.dispatcher) else { throw AppError.forbidden }
        let input = try request.content.decode(SuggestInput.self)
        let service = request.tickets
        let (suggestions, district) = try await service.suggest(title: input.title ?? "", body: input.body ?? "")
        return Suggestion(suggestions: suggestions, district: district,
                          wouldDispatch: (suggestions.first?.confidence ?? 0) >= service.settings.dispatchThreshold)
    }

    /// Supervisors and leaders: the indicators over Beijing dates `from`…`to` (inclusive), the last 30 days by default.
    @Sendable func kpis(_ request: Request) async throws -> HotlineKPIs {
        let person = try request.requirePrincipal()
        guard person.has(.supervisor) || person.has(.leader) || person.has(.admin) || person.has(.dispatcher) else { throw AppError.forbidden }
        let service = request.tickets
        let today = CalendarDay(service.now)
        func day(_ name: String, _ fallback: CalendarDay) throws -> CalendarDay {
            guard let text = request.query[String.self, at: name] else { return fallback }
            guard let day = CalendarDay(text) else {
                throw AppError.invalid("kpi.date", "日期格式应为 2026-11-25", details: [name: "日期格式应为 2026-11-25"])
            }
            return day
        }
        let to = try day("to", today), from = try day("from", today.adding(days: -29))
        return try await service.kpis(from: from.startInstant, to: to.adding(days: 1).startInstant)
    }

    private func number(_ request: Request) throws -> String {
        guard let number = request.parameters.get("number"), !number.isEmpty else { throw AppError.notFound("工单", code: "ticket.not_found") }
        return number
    }

    private func audience(_ service: TicketService, _ ticket: Ticket, _ person: Principal) throws -> TicketAudience {
        service.audience(ticket, for: person) ?? .oversight
    }

    /// Staff actions on a ticket. A citizen is refused before the ticket is looked up, so the answer (403) is the same
    /// whether the number exists or not and cannot be used to find others' tickets.
    private func act(_ request: Request, _ body: @escaping (TicketService, String, Principal) async throws -> Ticket) async throws -> TicketView {
        let person = try request.requireStaff()
        let service = request.tickets
        let ticket = try await body(service, try number(request), person)
        return try await service.view(ticket, for: try audience(service, ticket, person))
    }
}

extension TicketService {
    func suggest(title: String, body: String) async throws -> ([DispatchSuggestion], String?) {
        let text = title + "\n" + body
        let predictions = try await model.current(db).predict(text).prefix(3)
        let district = HotlinePlaces.matcher(districts: catalog.districts).district(in: text)
        return (predictions.map { DispatchSuggestion(department: $0.label, confidence: ($0.confidence * 1000).rounded() / 1000) }, district)
    }
}
