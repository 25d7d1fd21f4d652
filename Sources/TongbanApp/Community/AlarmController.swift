import Fluent
import Vapor

/// Devices and alarms over the JSON API. Devices report with `X-Device-Token` (not a person's bearer token);
/// the community's staff and grid workers see and handle the alarms; only its staff register devices.
struct AlarmController: RouteCollection {
    static let tokenHeader = "X-Device-Token"
    static let handlers: Set<Role> = [.communityStaff, .gridWorker]

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("device-events", use: receive)
        api.get("communities", ":code", "devices", use: devices)
        api.post("communities", ":code", "devices", use: register)
        api.post("communities", ":code", "devices", ":id", "retire", use: retire)
        api.get("communities", ":code", "alarms", use: alarms)
        api.post("communities", ":code", "alarms", ":id", "acknowledge", use: acknowledge)
        api.post("communities", ":code", "alarms", ":id", "close", use: close)
    }

    @Sendable func receive(_ request: Request) async throws -> Response {
        guard let token = request.headers.first(name: Self.tokenHeader), !token.isEmpty else {
            throw AppError(.unauthorized, "device.token_required", "缺少设备令牌（\(Self.tokenHeader)）")
        }
        let received = try await request.devices.receive(token: token, try request.content.decode(DeviceService.Report.self))
        return try await received.encodeResponse(status: .accepted, for: request)
    }

    @Sendable func devices(_ request: Request) async throws -> [DeviceView] {
        let code = try EventController.community(request, roles: Self.handlers)
        return try await Device.query(on: request.db).filter(\.$communityCode == code).sort(\.$createdAt).all().map(request.devices.view)
    }

    @Sendable func register(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: [.communityStaff])
        let registered = try await request.devices.register(try request.content.decode(DeviceService.Input.self), community: code)
        return try await registered.encodeResponse(status: .created, for: request)
    }

    @Sendable func retire(_ request: Request) async throws -> DeviceView {
        let code = try EventController.community(request, roles: [.communityStaff])
        guard let id = request.parameters.get("id", as: UUID.self), let device = try await Device.find(id, on: request.db),
              device.communityCode == code else { throw AppError.notFound("设备", code: "device.not_found") }
        if device.retiredAt == nil {
            device.retiredAt = request.application.clock.now()
            try await device.save(on: request.db)
        }
        return request.devices.view(device)
    }

    @Sendable func alarms(_ request: Request) async throws -> [AlarmView] {
        let code = try EventController.community(request, roles: Self.handlers)
        return try await AlarmView.list(code, on: request.db)
    }

    @Sendable func acknowledge(_ request: Request) async throws -> AlarmView {
        let (alarm, person) = try await Self.alarm(request)
        return try await AlarmView.one(try await request.devices.acknowledge(alarm, by: person.realName), on: request.db)
    }

    struct Closing: Content {
        var outcome: String?
    }

    @Sendable func close(_ request: Request) async throws -> AlarmView {
        let (alarm, person) = try await Self.alarm(request)
        let outcome = try request.content.decode(Closing.self).outcome
        return try await AlarmView.one(try await request.devices.close(alarm, outcome: outcome, by: person.realName), on: request.db)
    }

    static func alarm(_ request: Request) async throws -> (Alarm, Principal) {
        let code = try EventController.community(request, roles: handlers)
        guard let id = request.parameters.get("id", as: UUID.self), let alarm = try await Alarm.find(id, on: request.db),
              alarm.communityCode == code else { throw AppError.notFound("告警", code: "alarm.not_found") }
        return (alarm, try request.requirePrincipal())
    }
}

struct AlarmView: Content {
    var id: UUID
    var rule: String
    var urgent: Bool
    var message: String
    var residentName: String
    var deviceLabel: String
    var raisedAt: Date
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var closedAt: Date?
    var closedBy: String?
    var outcome: String?
    var familyCalled: Bool
    /// The 12345 ticket it went to when nobody took it in time.
    var ticketNumber: String?

    /// Open ones first (urgent, then oldest), then the last hundred closed.
    static func list(_ community: String, on db: any Database) async throws -> [AlarmView] {
        let open = try await Alarm.query(on: db).filter(\.$communityCode == community).filter(\.$closedAt == nil).sort(\.$raisedAt).all()
        let closed = try await Alarm.query(on: db).filter(\.$communityCode == community).filter(\.$closedAt != nil)
            .sort(\.$closedAt, .descending).limit(100).all()
        let ordered = open.sorted { ($0.urgent ? 0 : 1, $0.raisedAt) < ($1.urgent ? 0 : 1, $1.raisedAt) } + closed
        return try await views(ordered, on: db)
    }

    static func one(_ alarm: Alarm, on db: any Database) async throws -> AlarmView {
        try await views([alarm], on: db)[0]
    }

    private static func views(_ alarms: [Alarm], on db: any Database) async throws -> [AlarmView] {
        let devices = Dictionary(try await Device.query(on: db).filter(\.$id ~~ alarms.map(\.deviceID)).all().map { ($0.id!, $0) },
                                 uniquingKeysWith: { a, _ in a })
        let calls = Set(try await AlarmCall.query(on: db).filter(\.$alarmID ~~ alarms.compactMap(\.id))
            .filter(\.$status == Notification.Status.sent.rawValue).all().map(\.alarmID))
        return alarms.map { alarm in
            AlarmView(id: alarm.id!, rule: alarm.rule, urgent: alarm.urgent, message: alarm.message,
                      residentName: devices[alarm.deviceID]?.residentName ?? "", deviceLabel: devices[alarm.deviceID]?.label ?? "",
                      raisedAt: alarm.raisedAt, acknowledgedAt: alarm.acknowledgedAt, acknowledgedBy: alarm.acknowledgedBy,
                      closedAt: alarm.closedAt, closedBy: alarm.closedBy, outcome: alarm.outcome, familyCalled: calls.contains(alarm.id!),
                      ticketNumber: alarm.ticketNumber)
        }
    }
}
