import Fluent
import Vapor

/// The care list, visit plans and visits over the JSON API, with the same rules as the pages.
struct CareController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let care = routes.grouped("api", "v1", "communities", ":code", "care")
        care.get(use: list)
        care.post("refresh", use: refresh)
        care.post(":entry", "plan", use: plan)
        care.get(":entry", "visits", use: visits)
        care.post(":entry", "visits", use: record)
    }

    struct VisitView: Content {
        var id: UUID
        var visitedAt: Date
        var visitorName: String
        var met: Bool
        var findings: String
        var systolic: Int?
        var diastolic: Int?
        var heartRate: Int?
        var bloodSugar: Double?
        var needs: [String]
        var needNote: String?
        /// 12345 tickets filed for the needs.
        var tickets: [String]

        init(_ visit: CareVisit) throws {
            (id, visitedAt, visitorName, met, findings) = (try visit.requireID(), visit.visitedAt, visit.visitorName, visit.met, visit.findings)
            (systolic, diastolic, heartRate, bloodSugar) = (visit.systolic, visit.diastolic, visit.heartRate, visit.bloodSugar)
            needs = visit.needs.split(separator: ",").map(String.init)
            needNote = visit.needNote
            tickets = visit.ticketNumbers.split(separator: ",").map(String.init)
        }
    }

    @Sendable func list(_ request: Request) async throws -> [CareService.EntryView] {
        let (service, code) = (request.care, try Self.code(request))
        let reader = try service.reader(code)
        _ = try await request.communities.find(code)
        let closed = (try? request.query.get(Bool.self, at: "closed")) ?? false
        return try await service.entries(code, for: reader, includeClosed: closed).map(service.view)
    }

    @Sendable func refresh(_ request: Request) async throws -> CareList.Change {
        let code = try Self.code(request)
        try request.communities.requireStaff(code, roles: [.communityStaff])
        _ = try await request.communities.find(code)
        return try await CareList(db: request.db, cipher: request.application.fieldCipher, now: request.application.clock.now()).refresh(community: code)
    }

    @Sendable func plan(_ request: Request) async throws -> CareService.EntryView {
        let (service, code) = (request.care, try Self.code(request))
        let reader = try service.reader(code)
        guard reader.plans else { throw AppError(.forbidden, "care.not_planner", "只有社区工作人员可以调整走访计划") }
        let entry = try await service.entry(code, request.parameters.get("entry"), for: reader)
        try await service.plan(code, entry, try request.content.decode(CareService.PlanInput.self))
        return try service.view(entry)
    }

    @Sendable func visits(_ request: Request) async throws -> [VisitView] {
        let (service, code) = (request.care, try Self.code(request))
        let entry = try await service.entry(code, request.parameters.get("entry"), for: try service.reader(code))
        return try await service.visits(of: entry).map(VisitView.init)
    }

    @Sendable func record(_ request: Request) async throws -> Response {
        let (service, code) = (request.care, try Self.code(request))
        let reader = try service.reader(code)
        let entry = try await service.entry(code, request.parameters.get("entry"), for: reader)
        let visit = try await service.record(code, entry, try request.content.decode(VisitInput.self), by: reader)
        return try await VisitView(visit).encodeResponse(status: .created, for: request)
    }

    static func code(_ request: Request) throws -> String {
        request.parameters.get("code") ?? ""
    }
}
