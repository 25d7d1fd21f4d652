import Fluent
import Vapor

/// Communities over the JSON API: the public list, one's own community, and a community's figures for its staff.
struct CommunityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("communities", use: list)
        api.get("communities", ":code", "overview", use: overview)
        api.get("communities", ":code", "dashboard", use: dashboard)
        api.get("me", "community", use: mine)
    }

    @Sendable func list(_ request: Request) async throws -> [CommunityService.View] {
        let service = request.communities
        return try await service.all().map(service.view)
    }

    @Sendable func overview(_ request: Request) async throws -> CommunityService.Overview {
        let service = request.communities
        let code = request.parameters.get("code") ?? ""
        try service.requireStaff(code)
        return try await service.overview(try await service.find(code))
    }

    @Sendable func dashboard(_ request: Request) async throws -> CommunityDashboard {
        let service = request.communities
        let code = request.parameters.get("code") ?? ""
        try service.requireStaff(code)
        return try await CommunityDashboard.compute(try await service.find(code), request: request)
    }

    @Sendable func mine(_ request: Request) async throws -> CommunityService.View {
        let service = request.communities
        guard let community = try await service.mine() else {
            throw AppError.notFound("您所在的社区（人口库中没有您的户籍地址）", code: "community.not_resident")
        }
        return service.view(community)
    }
}
