import Fluent
import Vapor

/// 在线访谈 over the JSON API: anyone reads; a signed-in citizen asks; the department's staff publish, moderate,
/// answer, start and end.
struct InterviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "interviews")
        api.get(use: list)
        api.post(use: publish)
        api.get(":id", use: detail)
        api.post(":id", "start", use: start)
        api.post(":id", "end", use: end)
        api.post(":id", "questions", use: ask)
        api.post(":id", "questions", ":question", "decision", use: moderate)
        api.post(":id", "questions", ":question", "answer", use: answer)
    }

    @Sendable func list(_ request: Request) async throws -> [InterviewSummary] {
        let service = request.interviews
        return try await service.list().map { InterviewSummary($0, departmentName: service.departmentName($0.departmentCode)) }
    }

    @Sendable func publish(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let service = request.interviews
        let interview = try await service.publish(try request.content.decode(InterviewInput.self), by: person)
        return try await InterviewSummary(interview, departmentName: service.departmentName(interview.departmentCode))
            .encodeResponse(status: .created, for: request)
    }

    @Sendable func detail(_ request: Request) async throws -> InterviewDetail {
        let service = request.interviews
        return try await service.detail(try await service.find(request.interviewID), for: request.principal)
    }

    @Sendable func start(_ request: Request) async throws -> InterviewDetail {
        let person = try request.requirePrincipal()
        try await request.interviews.start(request.interviewID, by: person)
        return try await detail(request)
    }

    struct Ended: Content {
        var interview: InterviewSummary
        /// The 12345 consultations filed for unanswered questions, by question id.
        var tickets: [String: String]
    }

    @Sendable func end(_ request: Request) async throws -> Ended {
        let person = try request.requirePrincipal()
        let service = request.interviews
        let tickets = try await service.end(request.interviewID, by: person)
        let interview = try await service.find(request.interviewID)
        return Ended(interview: InterviewSummary(interview, departmentName: service.departmentName(interview.departmentCode)),
                     tickets: Dictionary(uniqueKeysWithValues: tickets.map { ($0.key.uuidString, $0.value) }))
    }

    @Sendable func ask(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let question = try await request.interviews.ask(try request.content.decode(QuestionInput.self), to: request.interviewID, by: person)
        return try await QuestionView(question, full: true, mine: true).encodeResponse(status: .created, for: request)
    }

    @Sendable func moderate(_ request: Request) async throws -> InterviewDetail {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(InterviewModeration.self)
        try await request.interviews.moderate(input, interview: request.interviewID, question: request.parameters.get("question", as: UUID.self), by: person)
        return try await detail(request)
    }

    @Sendable func answer(_ request: Request) async throws -> QuestionView {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(InterviewAnswer.self)
        let question = try await request.interviews.answer(input, interview: request.interviewID, question: request.parameters.get("question", as: UUID.self), by: person)
        return QuestionView(question, full: true, mine: false)
    }
}

extension Request {
    /// nil when the path's id is not a UUID: the service answers 404 as for an unknown one.
    var interviewID: UUID? { parameters.get("id", as: UUID.self) }
}
