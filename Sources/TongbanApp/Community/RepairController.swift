import Fluent
import Vapor

/// 社区报修 over the JSON API: residents file and list their own; a community's staff work its queue. The resident
/// follows an order, calls back and rates it like any ticket (`/api/v1/tickets/{number}`, `…/callback`, `/api/v1/reviews`).
struct RepairController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("me", "community", "repairs", use: file)
        api.get("me", "community", "repairs", use: mine)
        let community = api.grouped("communities", ":code", "repairs")
        community.get(use: queue)
        community.post(use: fileOnBehalf)
        community.get(":number", use: show)
        for step in RepairService.Step.allCases {
            community.post(":number", PathComponent(stringLiteral: step.rawValue)) { request in try await perform(step, request) }
        }
    }

    struct StepInput: Content {
        var reply: String?
        var reason: String?
    }

    @Sendable func file(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(RepairInput.self)
        let filed = try await request.repairs.file(input, by: person)
        return try await request.tickets.view(filed, for: .caller).encodeResponse(status: .created, for: request)
    }

    @Sendable func fileOnBehalf(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let filed = try await request.repairs.file(try request.content.decode(RepairOnBehalf.self), community: request.parameters.get("code") ?? "",
                                                   by: person)
        return try await request.tickets.view(filed, for: .caller).encodeResponse(status: .created, for: request)
    }

    @Sendable func mine(_ request: Request) async throws -> [RepairSummary] {
        try await request.repairs.mine(try request.requirePrincipal())
    }

    @Sendable func queue(_ request: Request) async throws -> RepairQueue {
        let person = try request.requirePrincipal()
        let code = request.parameters.get("code") ?? ""
        _ = try request.repairs.audience(code, person)
        return try await request.repairs.queue(try await request.communities.find(code), for: person)
    }

    @Sendable func show(_ request: Request) async throws -> TicketView {
        let person = try request.requirePrincipal()
        let (ticket, audience) = try await request.repairs.order(request.parameters.get("code") ?? "", number(request), for: person)
        return try await request.tickets.view(ticket, for: audience)
    }

    func perform(_ step: RepairService.Step, _ request: Request) async throws -> TicketView {
        let person = try request.requirePrincipal()
        let code = request.parameters.get("code") ?? ""
        // 签收 has no body; a reply or a reason that is missing or unreadable is refused by the step itself (422).
        let input = (try? request.content.decode(StepInput.self)) ?? StepInput()
        let service = request.repairs
        let ticket = try await service.perform(step, code: code, number: number(request), text: step == .reply ? input.reply : input.reason, by: person)
        let (_, audience) = try await service.order(code, ticket.number, for: person)
        return try await request.tickets.view(ticket, for: audience)
    }

    private func number(_ request: Request) -> String { request.parameters.get("number") ?? "" }
}
