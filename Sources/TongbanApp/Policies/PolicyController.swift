import Fluent
import Vapor

/// The policies' JSON API: the published list (public), one's own check, administrators' publishing.
struct PolicyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("policies", use: list)
        api.get("me", "policies", use: mine)
        api.get("admin", "policies", use: reach)
        api.post("admin", "policies", use: create)
        api.post("admin", "policies", ":id", use: update)
    }

    @Sendable func list(_ request: Request) async throws -> [PolicyService.View] {
        let service = request.policies
        return try await service.published().map(service.view)
    }

    @Sendable func mine(_ request: Request) async throws -> [PolicyService.Check] {
        try await request.policies.checks(for: try request.requirePrincipal())
    }

    @Sendable func reach(_ request: Request) async throws -> [PolicyService.Reach] {
        try await request.policies.reach()
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let service = request.policies
        let policy = try await service.save(try request.content.decode(PolicyService.Input.self))
        return try await service.view(policy).encodeResponse(status: .created, for: request)
    }

    @Sendable func update(_ request: Request) async throws -> PolicyService.View {
        _ = try request.requireAdmin()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("政策", code: "policy.not_found") }
        let service = request.policies
        return service.view(try await service.save(try request.content.decode(PolicyService.Input.self), id: id))
    }
}
