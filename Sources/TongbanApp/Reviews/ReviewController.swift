import Fluent
import Vapor

/// The JSON API of 好差评: citizens rate, departments answer rectifications, everyone sees the figures.
struct ReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("reviews", use: rate)
        api.get("reviews", use: mine)
        api.get("reviews", "statistics", use: statistics)
        api.get("rectifications", use: rectifications)
        api.post("rectifications", ":id", "reply", use: reply)
    }

    @Sendable func rate(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(ReviewInput.self)
        guard let kind = Review.Subject(rawValue: input.subject) else {
            throw AppError.invalid("review.invalid_subject", "subject 应为 case（办件）、ticket（12345诉求）或 visit（窗口服务）", details: ["subject": "case、ticket 或 visit"])
        }
        let service = request.reviews
        let subject = try await service.subject(kind, key: input.id, for: person, cases: request.cases, tickets: request.tickets)
        let view = try await service.rate(input, subject: subject, by: person)
        // A rating given just now has never been updated since.
        return try await view.encodeResponse(status: view.createdAt == view.updatedAt ? .created : .ok, for: request)
    }

    @Sendable func mine(_ request: Request) async throws -> [ReviewView] {
        try await request.reviews.mine(try request.requirePrincipal())
    }

    /// Public: the figures are published (国办发〔2019〕51号), comments only with personal data taken out.
    @Sendable func statistics(_ request: Request) async throws -> ReviewStatisticsView {
        try await request.reviews.statistics()
    }

    @Sendable func rectifications(_ request: Request) async throws -> [RectificationView] {
        let person = try request.requirePrincipal()
        guard person.isStaff else { throw AppError.forbidden }
        return try await request.reviews.rectifications(for: person)
    }

    @Sendable func reply(_ request: Request) async throws -> RectificationView {
        let person = try request.requirePrincipal()
        guard person.isStaff else { throw AppError.forbidden }
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("整改", code: "rectification.not_found") }
        return try await request.reviews.reply(id, text: try request.content.decode(ReplyInput.self).reply, by: person)
    }
}
