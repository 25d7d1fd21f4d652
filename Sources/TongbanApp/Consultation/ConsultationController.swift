import Fluent
import Vapor

/// 意见征集 and 政府开放日 over the JSON API. Reading is public; commenting and 附议 need a real-name account; managing
/// a draft needs the publishing department's staff (or the administrator). Signing up for an open day goes through
/// the community events' own routes (`/api/v1/community-events/{id}/signup` and `/cancel`).
struct ConsultationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("consultations", use: list)
        api.post("consultations", use: create)
        api.get("consultations", ":id", use: show)
        api.get("consultations", ":id", "comments", use: comments)
        api.post("consultations", ":id", "comments", use: comment)
        api.post("consultation-comments", ":id", "support", use: support)
        api.post("consultation-comments", ":id", "reject", use: reject)
        api.post("consultation-comments", ":id", "approve", use: approve)
        api.get("consultations", ":id", "groups", use: groups)
        api.post("consultations", ":id", "answers", use: answer)
        api.post("consultations", ":id", "report", use: publishReport)
        api.get("consultations", ":id", "report", use: report)
        api.get("open-days", use: openDays)
        api.post("open-days", use: createOpenDay)
    }

    @Sendable func list(_ request: Request) async throws -> [ConsultationView] {
        try await request.consultations.views(try await request.consultations.list(department: request.query[String.self, at: "department"]))
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let service = request.consultations
        let consultation = try await service.create(try request.content.decode(ConsultationInput.self), by: person)
        return try await service.view(consultation).encodeResponse(status: .created, for: request)
    }

    @Sendable func show(_ request: Request) async throws -> ConsultationView {
        try await request.consultations.view(try await request.consultations.find(request.parameters.get("id", as: UUID.self)))
    }

    @Sendable func comments(_ request: Request) async throws -> [CommentView] {
        let service = request.consultations
        return try await service.comments(try await service.find(request.parameters.get("id", as: UUID.self)), viewer: request.principal)
    }

    @Sendable func comment(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let service = request.consultations
        let consultation = try await service.find(request.parameters.get("id", as: UUID.self))
        let comment = try await service.comment(on: consultation.requireID(), try request.content.decode(CommentInput.self), by: person)
        return try await service.views([comment], viewer: person)[0].encodeResponse(status: .created, for: request)
    }

    @Sendable func support(_ request: Request) async throws -> CommentView {
        let person = try request.requirePrincipal()
        let comment = try await request.consultations.support(request.parameters.get("id", as: UUID.self), by: person)
        return try await request.consultations.views([comment], viewer: person)[0]
    }

    @Sendable func reject(_ request: Request) async throws -> CommentView {
        try await moderate(request, publish: false)
    }

    @Sendable func approve(_ request: Request) async throws -> CommentView {
        try await moderate(request, publish: true)
    }

    private func moderate(_ request: Request, publish: Bool) async throws -> CommentView {
        let person = try request.requirePrincipal()
        let reason = publish ? nil : try request.content.decode(ModerationInput.self).reason
        let comment = try await request.consultations.moderate(request.parameters.get("id", as: UUID.self), publish: publish, reason: reason, by: person)
        return try await request.consultations.views([comment], viewer: person)[0]
    }

    /// The proposed groups of similar comments still to answer (department staff).
    @Sendable func groups(_ request: Request) async throws -> [[CommentView]] {
        let person = try request.requirePrincipal()
        let service = request.consultations
        let consultation = try await service.find(request.parameters.get("id", as: UUID.self))
        _ = try ConsultationService.requireManager(person, department: consultation.departmentCode)
        var views: [[CommentView]] = []
        for group in try await service.proposedGroups(consultation) { views.append(try await service.views(group, viewer: person)) }
        return views
    }

    @Sendable func answer(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let service = request.consultations
        let consultation = try await service.find(request.parameters.get("id", as: UUID.self))
        let answer = try await service.answer(consultation.requireID(), try request.content.decode(AnswerInput.self), by: person)
        let comments = try await ConsultationComment.query(on: request.db).filter(\.$answerID == answer.id).sort(\.$createdAt).all()
        let view = ConsultationService.answerView(answer, comments: try await service.views(comments, viewer: person))
        return try await view.encodeResponse(status: .created, for: request)
    }

    @Sendable func publishReport(_ request: Request) async throws -> ReportView {
        let person = try request.requirePrincipal()
        let service = request.consultations
        let consultation = try await service.find(request.parameters.get("id", as: UUID.self))
        let input = request.body.data == nil ? ReportInput() : try request.content.decode(ReportInput.self)
        return try await service.report(try await service.publishReport(consultation.requireID(), input, by: person), viewer: person)
    }

    @Sendable func report(_ request: Request) async throws -> ReportView {
        let service = request.consultations
        return try await service.report(try await service.find(request.parameters.get("id", as: UUID.self)), viewer: request.principal)
    }

    @Sendable func openDays(_ request: Request) async throws -> [OpenDayView] {
        try await request.openDays.upcoming(for: request.principal?.userID)
    }

    @Sendable func createOpenDay(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        return try await request.openDays.create(try request.content.decode(OpenDayInput.self), by: person).encodeResponse(status: .created, for: request)
    }
}
