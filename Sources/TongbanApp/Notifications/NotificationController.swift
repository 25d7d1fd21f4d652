import Vapor

struct NotificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("notifications", use: inbox)
        api.post("notifications", "read", use: markRead)
    }

    struct MessageView: Content {
        var id: UUID
        var title: String
        var body: String
        var link: String?
        var createdAt: Date
        var read: Bool
    }

    @Sendable func inbox(_ request: Request) async throws -> [MessageView] {
        let principal = try request.requirePrincipal()
        return try await NotificationService(db: request.db, now: request.application.clock.now()).inbox(principal.userID).map {
            MessageView(id: $0.id!, title: $0.title, body: $0.body, link: $0.link, createdAt: $0.createdAt, read: $0.readAt != nil)
        }
    }

    @Sendable func markRead(_ request: Request) async throws -> HTTPStatus {
        try await NotificationService(db: request.db, now: request.application.clock.now()).markAllRead(try request.requirePrincipal().userID)
        return .noContent
    }
}
