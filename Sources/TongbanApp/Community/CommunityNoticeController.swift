import Fluent
import Vapor

/// 通知公告 over the JSON API: a community's staff publish and list; residents read their community's.
struct CommunityNoticeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("communities", ":code", "notices", use: publish)
        api.get("communities", ":code", "notices", use: list)
        api.get("me", "community", "notices", use: mine)
    }

    @Sendable func publish(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let person = try request.communities.requireStaff(code)
        let input = try request.content.decode(NoticeInput.self)
        let view = try await request.communityNotices.publish(input, in: try await request.communities.find(code), by: person)
        return try await view.encodeResponse(status: .created, for: request)
    }

    @Sendable func list(_ request: Request) async throws -> [NoticeView] {
        let code = request.parameters.get("code") ?? ""
        try request.communities.requireStaff(code)
        return try await request.communityNotices.list(try await request.communities.find(code).code)
    }

    @Sendable func mine(_ request: Request) async throws -> [NoticeView] {
        guard let mine = try await request.communityNotices.mine() else {
            throw AppError.notFound("您所在的社区（人口库中没有您的户籍地址）", code: "community.not_resident")
        }
        return mine.notices
    }
}
