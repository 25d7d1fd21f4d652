import Fluent
import Vapor

/// The JSON API of applications: applicants, the window, reviewers and supervisors.
struct CaseController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.POST, "uploads", body: .collect(maxSize: ByteCount(value: UploadStore.maxBytes)), use: upload)
        api.get("uploads", ":id", use: download)
        api.post("cases", use: apply)
        api.get("cases", use: mine)
        api.get("cases", "draft", use: draft)
        api.get("cases", ":id", use: show)
        api.post("cases", ":id", "withdraw", use: withdraw)
        api.post("cases", ":id", "supplement", use: supplement)
        api.post("cases", ":id", "accept", use: accept)
        api.post("cases", ":id", "refuse", use: refuse)
        api.post("cases", ":id", "deliver", use: deliver)
        api.post("counter", "cases", use: applyAtCounter)
        api.get("window", "cases", use: window)
        api.get("tasks", use: tasks)
        api.post("tasks", ":id", "decision", use: decide)
        api.get("supervision", "late-tasks", use: late)
    }

    struct UploadView: Content {
        var id: UUID
        var fileName: String
        var contentType: String
        var size: Int
    }

    /// The file is the body; its name comes in `X-File-Name` (percent-encoded for Chinese names).
    @Sendable func upload(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let buffer = request.body.data else { throw AppError.invalid("upload.empty", "文件是空的，请重新选择") }
        let name = request.headers.first(name: "X-File-Name")?.removingPercentEncoding ?? "材料"
        let upload = try await request.application.uploadStore.save(Data(buffer.readableBytesView), fileName: name, owner: principal.userID, on: request.db)
        let view = UploadView(id: try upload.requireID(), fileName: upload.fileName, contentType: upload.contentType, size: upload.size)
        return try await view.encodeResponse(status: .created, for: request)
    }

    /// Files are served to their owner and to staff who may see a case that uses them, never to anyone else.
    @Sendable func download(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("id", as: UUID.self), let upload = try await Upload.find(id, on: request.db) else {
            throw AppError.notFound("文件", code: "upload.not_found")
        }
        if upload.$owner.id != principal.userID {
            let caseIDs = try await CaseMaterial.query(on: request.db).filter(\.$upload.$id == id).all().map(\.$serviceCase.id)
            var allowed = false
            for caseID in caseIDs where !allowed {
                allowed = (try? await request.cases.visibleCase(caseID, to: principal)) != nil && principal.isStaff
            }
            guard allowed else { throw AppError.notFound("文件", code: "upload.not_found") }
        }
        let data = try request.application.uploadStore.read(upload)
        var headers = HTTPHeaders([("Content-Type", upload.contentType), ("Cache-Control", "private, no-store")])
        let encoded = upload.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    @Sendable func apply(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let input = try request.content.decode(ApplicationInput.self)
        let service = request.cases
        let applied = try await service.apply(input, applicant: .init(principal), uploader: principal.userID)
        return try await service.view(applied).encodeResponse(status: .created, for: request)
    }

    /// 代办: a clerk applies for a citizen found by ID number, with files the clerk scanned.
    @Sendable func applyAtCounter(_ request: Request) async throws -> Response {
        let clerk = try request.require(anyOf: [.clerk])
        let input = try request.content.decode(CounterApplicationInput.self)
        let applicant = try await request.identity.findOrRegisterAtCounter(
            idNumber: input.applicantIdNumber, name: input.applicantName, phone: input.applicantPhone)
        let service = request.cases
        let applied = try await service.apply(input.application, applicant: try .init(applicant), uploader: clerk.userID, agent: clerk)
        return try await service.view(applied).encodeResponse(status: .created, for: request)
    }

    /// The form to fill in, pre-filled from what the platform already knows about the applicant.
    @Sendable func draft(_ request: Request) async throws -> CaseDraft {
        let principal = try request.requirePrincipal()
        return try await request.cases.draft(item: request.query[String.self, at: "item"], lifeEvent: request.query[String.self, at: "lifeEvent"],
                                             for: principal.userID, cipher: request.application.fieldCipher)
    }

    @Sendable func mine(_ request: Request) async throws -> [CaseSummaryView] {
        try await request.cases.cases(of: try request.requirePrincipal().userID)
    }

    func caseID(_ request: Request) throws -> UUID {
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("办件", code: "case.not_found") }
        return id
    }

    @Sendable func show(_ request: Request) async throws -> CaseView {
        let service = request.cases
        return try await service.view(try await service.visibleCase(try caseID(request), to: try request.requirePrincipal()))
    }

    @Sendable func withdraw(_ request: Request) async throws -> CaseView {
        let principal = try request.requirePrincipal()
        let reason = try? request.content.decode(ReasonInput.self).reason
        let service = request.cases
        let id = try caseID(request)
        _ = try await service.visibleCase(id, to: principal)
        return try await service.view(try await service.withdraw(id, reason: reason, by: principal,
                                                                  alsoForward: request.federationCases.forwardWithdrawal))
    }

    @Sendable func supplement(_ request: Request) async throws -> CaseView {
        let principal = try request.requirePrincipal()
        let service = request.cases
        let id = try caseID(request)
        _ = try await service.visibleCase(id, to: principal)
        let input = try request.content.decode(SupplementInput.self)
        return try await service.view(try await service.supplement(id, input, by: principal,
                                                                    alsoForward: request.federationCases.supplementForwarding(id, input)))
    }

    @Sendable func accept(_ request: Request) async throws -> CaseView {
        let clerk = try request.require(anyOf: [.clerk])
        let service = request.cases
        return try await service.acceptAtWindow(try caseID(request), by: clerk, forward: request.federationCases.forward(by: clerk, cases: service))
    }

    @Sendable func refuse(_ request: Request) async throws -> CaseView {
        let clerk = try request.require(anyOf: [.clerk])
        let service = request.cases
        let input = try request.content.decode(ReasonInput.self)
        return try await service.view(try await service.refuse(try caseID(request), reason: input.reason, by: clerk))
    }

    @Sendable func deliver(_ request: Request) async throws -> CaseView {
        let clerk = try request.require(anyOf: [.clerk])
        let service = request.cases
        return try await service.view(try await service.deliver(try caseID(request), by: clerk))
    }

    struct WindowView: Content {
        var new: [CaseSummaryView]
        var toDeliver: [CaseSummaryView]
    }

    @Sendable func window(_ request: Request) async throws -> WindowView {
        _ = try request.require(anyOf: [.clerk])
        let (new, toDeliver) = try await request.cases.windowQueue()
        return WindowView(new: new, toDeliver: toDeliver)
    }

    @Sendable func tasks(_ request: Request) async throws -> [TaskQueueEntry] {
        let reviewer = try request.require(anyOf: [.reviewer])
        let departments = reviewer.grants.filter { $0.role == .reviewer }.compactMap(\.departmentID)
        return try await request.cases.departmentQueue(departments)
    }

    @Sendable func decide(_ request: Request) async throws -> CaseView {
        let reviewer = try request.require(anyOf: [.reviewer])
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("审批任务", code: "task.not_found") }
        let input = try request.content.decode(DecisionInput.self)
        guard let decision = CaseService.Decision(rawValue: input.decision) else {
            throw AppError.invalid("task.invalid_decision", "decision 应为 approve（通过）、reject（不通过）或 supplement（补正）")
        }
        let service = request.cases
        return try await service.view(try await service.decide(taskID: id, decision, note: input.note, materials: input.materials ?? [], by: reviewer))
    }

    @Sendable func late(_ request: Request) async throws -> [TaskQueueEntry] {
        _ = try request.require(anyOf: [.supervisor, .leader, .admin])
        return try await request.cases.lateTasks()
    }
}
