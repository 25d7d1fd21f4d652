import Vapor

/// The assistant's JSON API: ask (anyone), hand over to a person (signed-in citizens).
struct AssistantController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "assistant")
        api.post(use: ask)
        api.post("handoff", use: handoff)
    }

    @Sendable func ask(_ request: Request) async throws -> AssistantAnswer {
        try await request.assistant.ask(try request.content.decode(AssistantService.Input.self))
    }

    struct HandoffView: Content {
        var number: String
        var url: String
    }

    @Sendable func handoff(_ request: Request) async throws -> Response {
        let ticket = try await request.assistant.handoff(try request.content.decode(AssistantService.HandoffInput.self))
        return try await HandoffView(number: ticket.number, url: HotlineURL.mine(ticket.number)).encodeResponse(status: .created, for: request)
    }
}
