import Fluent
import TongbanCore
import Vapor

/// Community security over the JSON API. Doors and cameras speak with `X-Device-Token`; the community's staff, grid
/// workers and property staff (物业) see the day's entries and the alarms; only its staff register devices and cards;
/// residents issue visitor passes for their own community.
struct SecurityController: RouteCollection {
    static let watchers: Set<Role> = [.communityStaff, .gridWorker, .propertyStaff]

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("access-requests", use: access)
        api.post("security-alarms", use: raise)
        let community = api.grouped("communities", ":code")
        community.get("security-devices", use: devices)
        community.post("security-devices", use: register)
        community.post("resident-cards", use: issueCard)
        community.post("resident-cards", ":id", "revoke", use: revokeCard)
        community.get("access-events", use: entries)
        community.get("security-alarms", use: alarms)
        community.post("security-alarms", ":id", "close", use: close)
        api.get("me", "visitor-passes", use: passes)
        api.post("me", "visitor-passes", use: issuePass)
        api.post("me", "visitor-passes", ":id", "revoke", use: revokePass)
    }

    @Sendable func access(_ request: Request) async throws -> SecurityService.AccessAnswer {
        try await request.security.access(try request.content.decode(SecurityService.AccessRequest.self),
                                          token: request.headers.first(name: AlarmController.tokenHeader))
    }

    struct Raised: Content {
        var alarm: UUID
    }

    @Sendable func raise(_ request: Request) async throws -> Response {
        let alarm = try await request.security.raise(try request.content.decode(SecurityService.AlarmReport.self),
                                                     token: request.headers.first(name: AlarmController.tokenHeader))
        return try await Raised(alarm: try alarm.requireID()).encodeResponse(status: .accepted, for: request)
    }

    struct DeviceView: Content {
        var id: UUID
        var kind: String
        var label: String
        var lastSeenAt: Date?
        var retired: Bool
    }

    @Sendable func devices(_ request: Request) async throws -> [DeviceView] {
        let code = try EventController.community(request, roles: Self.watchers)
        return try await SecurityDevice.query(on: request.db).filter(\.$communityCode == code).sort(\.$createdAt).all()
            .map { DeviceView(id: $0.id!, kind: $0.kind, label: $0.label, lastSeenAt: $0.lastSeenAt, retired: $0.retiredAt != nil) }
    }

    @Sendable func register(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: [.communityStaff])
        return try await request.security.register(try request.content.decode(SecurityService.DeviceInput.self), community: code)
            .encodeResponse(status: .created, for: request)
    }

    struct CardView: Content {
        var id: UUID
        var residentName: String
        var issuedAt: Date
        var revoked: Bool

        init(_ card: ResidentCard) {
            (id, residentName, issuedAt, revoked) = (card.id!, NameMasking.mask(card.residentName), card.issuedAt, card.revokedAt != nil)
        }
    }

    @Sendable func issueCard(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: [.communityStaff])
        let card = try await request.security.issueCard(try request.content.decode(SecurityService.CardInput.self), community: code)
        return try await CardView(card).encodeResponse(status: .created, for: request)
    }

    @Sendable func revokeCard(_ request: Request) async throws -> CardView {
        let code = try EventController.community(request, roles: [.communityStaff])
        guard let id = request.parameters.get("id", as: UUID.self), let card = try await ResidentCard.find(id, on: request.db),
              card.communityCode == code else { throw AppError.notFound("门禁卡", code: "card.not_found") }
        if card.revokedAt == nil {
            card.revokedAt = request.application.clock.now()
            try await serializedTransaction(request.db, gate: request.application.writeGate) { db in try await card.save(on: db) }
        }
        return CardView(card)
    }

    struct EntryView: Content {
        var at: Date
        var door: String
        var method: String
        var allowed: Bool
        var reason: String
        var subject: String
    }

    /// A day's door events (Beijing date, today by default), newest first.
    @Sendable func entries(_ request: Request) async throws -> [EntryView] {
        let code = try EventController.community(request, roles: Self.watchers)
        return try await Self.entries(request, community: code)
    }

    static func entries(_ request: Request, community: String) async throws -> [EntryView] {
        let day: CalendarDay
        if let text = request.query[String.self, at: "day"], !text.isEmpty {
            guard let parsed = CalendarDay(text) else { throw AppError.invalid("security.invalid_day", "日期格式应为 2026-11-26", details: ["day": "日期格式应为 2026-11-26"]) }
            day = parsed
        } else {
            day = CalendarDay(request.application.clock.now())
        }
        let events = try await AccessEvent.query(on: request.db).filter(\.$communityCode == community)
            .filter(\.$at >= day.startInstant).filter(\.$at < day.adding(days: 1).startInstant).sort(\.$at, .descending).limit(500).all()
        let doors = Dictionary(try await SecurityDevice.query(on: request.db).filter(\.$communityCode == community).all().map { ($0.id!, $0.label) },
                               uniquingKeysWith: { a, _ in a })
        return events.map { EntryView(at: $0.at, door: doors[$0.deviceID] ?? "", method: AccessEvent.Method(rawValue: $0.method)?.title ?? $0.method,
                                      allowed: $0.allowed, reason: $0.reason, subject: $0.subject) }
    }

    struct AlarmView: Content {
        var id: UUID
        var kind: String
        var message: String
        var urgent: Bool
        var raisedAt: Date
        var closedAt: Date?
        var closedBy: String?
        var outcome: String?
        /// The 12345 ticket a forced door left open too long became.
        var ticketNumber: String?

        init(_ alarm: SecurityAlarm) {
            (id, kind, message, raisedAt) = (alarm.id!, alarm.kind, alarm.message, alarm.raisedAt)
            urgent = SecurityAlarm.Kind(rawValue: alarm.kind)?.urgent ?? false
            (closedAt, closedBy, outcome, ticketNumber) = (alarm.closedAt, alarm.closedBy, alarm.outcome, alarm.ticketNumber)
        }
    }

    /// Open alarms first, then the last week's closed ones.
    @Sendable func alarms(_ request: Request) async throws -> [AlarmView] {
        let code = try EventController.community(request, roles: Self.watchers)
        return try await Self.alarms(request, community: code).map(AlarmView.init)
    }

    static func alarms(_ request: Request, community: String) async throws -> [SecurityAlarm] {
        let since = request.application.clock.now().addingTimeInterval(-7 * 86_400)
        return try await SecurityAlarm.query(on: request.db).filter(\.$communityCode == community).filter(\.$raisedAt >= since)
            .sort(\.$raisedAt, .descending).all().sorted { ($0.closedAt == nil ? 0 : 1) < ($1.closedAt == nil ? 0 : 1) }
    }

    @Sendable func close(_ request: Request) async throws -> AlarmView {
        let code = try EventController.community(request, roles: Self.watchers)
        let person = try request.requirePrincipal()
        let alarm = try await Self.alarm(request, community: code)
        return AlarmView(try await request.security.close(alarm, outcome: try request.content.decode(AlarmController.Closing.self).outcome, by: person.realName))
    }

    static func alarm(_ request: Request, community: String) async throws -> SecurityAlarm {
        guard let id = request.parameters.get("id", as: UUID.self), let alarm = try await SecurityAlarm.find(id, on: request.db),
              alarm.communityCode == community else { throw AppError.notFound("告警", code: "alarm.not_found") }
        return alarm
    }

    @Sendable func passes(_ request: Request) async throws -> [SecurityService.PassView] {
        try await request.security.passes(of: try request.requirePrincipal()).map(SecurityService.PassView.init)
    }

    @Sendable func issuePass(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let community = try await Self.homeCommunity(request)
        let pass = try await request.security.issuePass(try request.content.decode(SecurityService.PassInput.self), host: person, community: community)
        return try await SecurityService.PassView(pass).encodeResponse(status: .created, for: request)
    }

    @Sendable func revokePass(_ request: Request) async throws -> SecurityService.PassView {
        let person = try request.requirePrincipal()
        let pass = try await request.security.ownPass(request.parameters.get("id", as: UUID.self), of: person)
        return SecurityService.PassView(try await request.security.revoke(pass))
    }

    /// Where the signed-in resident lives, from 人口库: passes are only for one's own community.
    static func homeCommunity(_ request: Request) async throws -> String {
        let person = try request.requirePrincipal()
        guard !person.isStaff else { throw AppError(.forbidden, "pass.residents_only", "访客通行证由居民本人办理") }
        guard let community = try await request.communities.mine() else {
            throw AppError(.forbidden, "pass.no_community", "人口库中没有您在本市社区的登记，暂不能办理访客通行证，请联系所在社区")
        }
        return community.code
    }
}

enum SecurityURL {
    static func staff(_ community: String) -> String { "/community/\(community)/security" }
    static let mine = "/me/visitors"
    static func pass(_ code: String) -> String { "/passes/\(code)" }
}
