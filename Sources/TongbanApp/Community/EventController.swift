import Fluent
import TongbanCore
import Vapor

/// Community events over the JSON API: residents list, sign up and cancel; staff create, see the roster, sign up a
/// resident on their behalf (代办, consent recorded) and record attendance.
struct EventController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("me", "community", "events", use: mine)
        api.post("community-events", ":id", "signup", use: signUp)
        api.post("community-events", ":id", "cancel", use: cancel)
        api.get("communities", ":code", "events", use: list)
        api.post("communities", ":code", "events", use: create)
        api.get("communities", ":code", "events", ":id", "roster", use: roster)
        api.post("communities", ":code", "events", ":id", "signups", use: signUpFor)
        api.post("communities", ":code", "events", ":id", "attendance", use: attendance)
    }

    /// Who may run a community's events, and who may only help on the day.
    static let organisers: Set<Role> = [.communityStaff]
    static let helpers: Set<Role> = [.communityStaff, .gridWorker, .volunteer]

    @Sendable func mine(_ request: Request) async throws -> [EventView] {
        let person = try request.requirePrincipal()
        let community = try await request.communities.mine()
        return try await request.events.views(try await request.events.upcoming(community: community?.code), for: person.userID)
    }

    @Sendable func signUp(_ request: Request) async throws -> EventView {
        let person = try request.requirePrincipal()
        let event = try await Self.joinable(request)
        _ = try await request.events.signUp(event.requireID(), user: person.userID)
        return try await request.events.views([event], for: person.userID)[0]
    }

    @Sendable func cancel(_ request: Request) async throws -> EventView {
        let person = try request.requirePrincipal()
        let event = try await Self.joinable(request)
        try await request.events.cancel(event.requireID(), user: person.userID)
        return try await request.events.views([event], for: person.userID)[0]
    }

    @Sendable func list(_ request: Request) async throws -> [EventView] {
        let code = try Self.community(request, roles: Self.helpers)
        let events = try await CommunityEvent.query(on: request.db).filter(\.$communityCode == code).sort(\.$startsAt, .descending).all()
        return try await request.events.views(events, for: nil)
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        let code = try Self.community(request, roles: Self.organisers)
        _ = try await request.communities.find(code)
        let person = try request.requirePrincipal()
        let event = try await request.events.create(try request.content.decode(EventService.Input.self), community: code, by: person.realName)
        return try await request.events.views([event], for: nil)[0].encodeResponse(status: .created, for: request)
    }

    @Sendable func roster(_ request: Request) async throws -> [EventView.Entry] {
        let code = try Self.community(request, roles: Self.helpers)
        return try await request.events.roster(try await Self.event(request, in: code))
    }

    struct OnBehalf: Content {
        var idNumber: String
        var consent: String
    }

    @Sendable func signUpFor(_ request: Request) async throws -> EventView.Entry {
        let code = try Self.community(request, roles: Self.helpers)
        let event = try await Self.event(request, in: code)
        let input = try request.content.decode(OnBehalf.self)
        let resident = try await Self.resident(request, idNumber: input.idNumber, consent: input.consent)
        let agent = try request.requirePrincipal()
        let signup = try await request.events.signUp(event.requireID(), user: resident.requireID(), agent: agent.realName, consent: input.consent.trimmed)
        return try await request.events.roster(event).first { $0.signupId == signup.id } ?? { throw AppError.notFound("报名记录", code: "event.not_signed_up") }()
    }

    struct Attendance: Content {
        var attended: [UUID]
    }

    @Sendable func attendance(_ request: Request) async throws -> [EventView.Entry] {
        let code = try Self.community(request, roles: Self.helpers)
        let event = try await Self.event(request, in: code)
        try await request.events.recordAttendance(event.requireID(), attended: Set(try request.content.decode(Attendance.self).attended))
        return try await request.events.roster(event)
    }

    // MARK: Who and what

    static func community(_ request: Request, roles: Set<Role>) throws -> String {
        let code = request.parameters.get("code") ?? ""
        try request.communities.requireStaff(code, roles: roles)
        return code
    }

    static func event(_ request: Request, in community: String) async throws -> CommunityEvent {
        guard let id = request.parameters.get("id", as: UUID.self), let event = try await CommunityEvent.find(id, on: request.db),
              event.communityCode == community else { throw AppError.notFound("活动", code: "event.not_found") }
        return event
    }

    /// An event the signed-in person may join: open to all, or of their own community; anything else is not found.
    static func joinable(_ request: Request) async throws -> CommunityEvent {
        guard let id = request.parameters.get("id", as: UUID.self), let event = try await CommunityEvent.find(id, on: request.db) else {
            throw AppError.notFound("活动", code: "event.not_found")
        }
        if let code = event.communityCode, try await request.communities.mine()?.code != code {
            throw AppError.notFound("活动", code: "event.not_found")
        }
        return event
    }

    /// The resident a staff member signs up (代办): found by ID number, with the consent said in words.
    static func resident(_ request: Request, idNumber: String, consent: String) async throws -> User {
        var problems: [String: String] = [:]
        let id = idNumber.trimmed.uppercased()
        if case .failure(let error) = ResidentID.result(id) { problems["idNumber"] = error.message }
        if !(2...100).contains(consent.trimmed.count) { problems["consent"] = "请写明本人如何同意代为报名（如“本人到社区当面同意”）" }
        guard problems.isEmpty else { throw AppError.invalid("event.invalid_on_behalf", "代为报名信息有误", details: problems) }
        guard let user = try await User.query(on: request.db).filter(\.$idNumberHash == request.application.fieldCipher.lookupHash("rid:" + id)).first() else {
            throw AppError.invalid("event.resident_unregistered", "该居民还没有六安通办账号，请先“协助开户”（社区工作台），再代为报名", details: ["idNumber": "该居民尚未注册"])
        }
        return user
    }
}
