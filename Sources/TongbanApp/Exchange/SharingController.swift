import Vapor

/// The JSON API of 数据共享申请: departments ask each other for registry fields and answer.
struct SharingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "sharing-requests")
        api.get(use: list)
        api.post(use: file)
        api.post(":id", "answer", use: answer)
    }

    @Sendable func list(_ request: Request) async throws -> [SharingView] {
        try await request.sharing.list(for: try request.requireStaff())
    }

    @Sendable func file(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let view = try await request.sharing.file(try request.content.decode(SharingService.FileInput.self), by: person)
        return try await view.encodeResponse(status: .created, for: request)
    }

    @Sendable func answer(_ request: Request) async throws -> SharingView {
        let person = try request.requireStaff()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("共享申请", code: "sharing.not_found") }
        return try await request.sharing.answer(id, try request.content.decode(SharingService.AnswerInput.self), by: person)
    }
}
