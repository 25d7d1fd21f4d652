import Fluent
import Vapor

/// 在线访谈 in the browser. Every action is a plain form, so the page works with JavaScript off; with it on,
/// interview.js adds each answer as it is given (`InterviewStream`).
struct InterviewPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("interviews", use: list)
        routes.get("interviews", "new", use: newForm)
        routes.post("interviews", use: publish)
        routes.get("interviews", ":id", use: page)
        routes.get("interviews", ":id", "events", use: events)
        routes.post("interviews", ":id", "questions", use: ask)
        routes.post("interviews", ":id", "questions", ":question", "decision", use: moderate)
        routes.post("interviews", ":id", "questions", ":question", "answer", use: answer)
        routes.post("interviews", ":id", "start", use: start)
        routes.post("interviews", ":id", "end", use: end)
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        let service = request.interviews
        let all = try await service.list().map { InterviewSummary($0, departmentName: service.departmentName($0.departmentCode)) }
        let canPublish = request.principal.map { person in person.isAdmin || person.grants.contains { $0.role.isStaff && $0.departmentCode != nil } } ?? false
        return Layout.page(request, title: "在线访谈", InterviewHTML.list(all, canPublish: canPublish))
    }

    @Sendable func newForm(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        return render(request, person: person, form: InterviewInput(department: person.grants.compactMap(\.departmentCode).first), errors: [:])
    }

    func render(_ request: Request, person: Principal, form: InterviewInput, errors: [String: String], status: HTTPResponseStatus = .ok) -> Response {
        let departments = request.application.catalogCache.snapshot.departments
            .filter { department in person.isAdmin || person.grants.contains { $0.role.isStaff && $0.departmentCode == department.code } }
        return Layout.page(request, title: "发布在线访谈", status: status,
                           InterviewHTML.publishForm(request, form: form, departments: departments.map { (value: $0.code, title: $0.name) }, errors: errors))
    }

    @Sendable func publish(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let form = try request.content.decode(InterviewInput.self)
        do {
            let interview = try await request.interviews.publish(form, by: person)
            return request.redirect(to: InterviewURL.page(try interview.requireID()), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return render(request, person: person, form: form, errors: error.details, status: error.status)
        }
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        try await render(request, status: .ok)
    }

    /// The interview page, with what the reader typed and what was wrong with it after a refused form.
    func render(_ request: Request, status: HTTPResponseStatus, typed: [String: String] = [:], errors: [String: String] = [:]) async throws -> Response {
        let service = request.interviews
        let detail = try await service.detail(try await service.find(request.interviewID), for: request.principal)
        let html = InterviewHTML.page(request, detail, asker: request.principal?.has(.citizen) ?? false, typed: typed, errors: errors)
        return Layout.page(request, title: detail.interview.title, status: status, html)
    }

    @Sendable func events(_ request: Request) async throws -> Response {
        let interview = try await request.interviews.find(request.interviewID)
        let known = request.query[String.self, at: "state"].flatMap(InterviewState.init(rawValue:))
        return InterviewStream.response(request, interviewID: try interview.requireID(), knownState: known)
    }

    /// Runs a form's action and goes back to the page; a refused one shows the page again with the reason.
    func act(_ request: Request, anchor: String, typed: [String: String] = [:], _ action: (Principal) async throws -> Void) async throws -> Response {
        let person = try request.requirePrincipal()
        do {
            try await action(person)
        } catch let error as AppError where [.unprocessableEntity, .conflict].contains(error.status) {
            let errors = error.details.isEmpty ? ["form": error.message] : error.details
            return try await render(request, status: error.status, typed: typed, errors: errors)
        }
        return request.redirect(to: InterviewURL.page(request.interviewID ?? UUID()) + "#" + anchor, redirectType: .normal)
    }

    @Sendable func ask(_ request: Request) async throws -> Response {
        let input = try request.content.decode(QuestionInput.self)
        return try await act(request, anchor: "mine", typed: ["text": input.text ?? ""]) { person in
            _ = try await request.interviews.ask(input, to: request.interviewID, by: person)
        }
    }

    @Sendable func moderate(_ request: Request) async throws -> Response {
        let input = try request.content.decode(InterviewModeration.self)
        return try await act(request, anchor: "moderation") { person in
            try await request.interviews.moderate(input, interview: request.interviewID, question: request.parameters.get("question", as: UUID.self), by: person)
        }
    }

    @Sendable func answer(_ request: Request) async throws -> Response {
        let input = try request.content.decode(InterviewAnswer.self)
        let question = request.parameters.get("question", as: UUID.self)
        return try await act(request, anchor: "moderation", typed: ["answer-\(question?.uuidString ?? "")": input.answer ?? ""]) { person in
            _ = try await request.interviews.answer(input, interview: request.interviewID, question: question, by: person)
        }
    }

    @Sendable func start(_ request: Request) async throws -> Response {
        try await act(request, anchor: "moderation") { person in try await request.interviews.start(request.interviewID, by: person) }
    }

    @Sendable func end(_ request: Request) async throws -> Response {
        try await act(request, anchor: "moderation") { person in try await request.interviews.end(request.interviewID, by: person) }
    }
}
