import Vapor

/// `GET /api/v1/me/recommendations`: 为您推荐 for the signed-in person, each with why.
struct RecommendationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "me", "recommendations", use: mine)
    }

    @Sendable func mine(_ request: Request) async throws -> [Recommendations.View] {
        try await Recommendations(request: request).forPerson(try request.requirePrincipal())
    }
}
