import Fluent
import Vapor

/// 取号 and 叫号 over the JSON API, for hall kiosks and window terminals of other makes.
struct QueueController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("halls", use: halls)
        api.post("halls", ":hall", "tickets", use: take)
        api.get("halls", ":hall", "display", use: display)
        api.post("halls", ":hall", "windows", ":window", "call", use: call)
        api.post("queue-tickets", ":id", "finish", use: finish)
    }

    struct HallView: Content {
        var code: String
        var name: String
        var address: String
        var hours: String
    }

    struct TicketView: Content {
        var id: UUID
        var number: String
        var department: String
        var status: String
        var statusTitle: String
        var priorityReason: String?
        var window: Int?
        var ahead: Int?

        init(_ ticket: QueueTicket, ahead: Int? = nil) {
            (id, number, department, status, statusTitle) = (ticket.id!, ticket.number, ticket.departmentCode, ticket.status, ticket.state.title)
            (priorityReason, window, self.ahead) = (ticket.priorityReason, ticket.windowNumber, ahead)
        }
    }

    @Sendable func halls(_ request: Request) async throws -> [HallView] {
        try await ServiceHall.query(on: request.db).sort(\.$code).all().map { HallView(code: $0.code, name: $0.name, address: $0.address, hours: $0.hours) }
    }

    @Sendable func take(_ request: Request) async throws -> Response {
        let service = request.queues
        let ticket = try await service.take(try request.content.decode(QueueService.TakeInput.self), hall: request.parameters.get("hall") ?? "")
        return try await TicketView(ticket, ahead: try await service.ahead(of: ticket)).encodeResponse(status: .created, for: request)
    }

    @Sendable func display(_ request: Request) async throws -> QueueService.Display {
        try await request.queues.display(hall: request.parameters.get("hall") ?? "")
    }

    struct Called: Content {
        var called: TicketView?
    }

    @Sendable func call(_ request: Request) async throws -> Called {
        _ = try request.require(anyOf: [.clerk])
        guard let window = request.parameters.get("window", as: Int.self) else { throw AppError.notFound("窗口", code: "queue.window_not_found") }
        return Called(called: try await request.queues.callNext(hall: request.parameters.get("hall") ?? "", window: window).map { TicketView($0) })
    }

    struct Finish: Content {
        /// "served" (办结, the default) or "skipped" (过号).
        var outcome: String?
    }

    @Sendable func finish(_ request: Request) async throws -> TicketView {
        _ = try request.require(anyOf: [.clerk])
        let outcome = try request.content.decode(Finish.self).outcome ?? "served"
        guard ["served", "skipped"].contains(outcome) else {
            throw AppError.invalid("queue.invalid_outcome", "outcome 应为 served（办结）或 skipped（过号）", details: ["outcome": "served 或 skipped"])
        }
        return TicketView(try await request.queues.finish(request.parameters.get("id", as: UUID.self), skipped: outcome == "skipped"))
    }
}
