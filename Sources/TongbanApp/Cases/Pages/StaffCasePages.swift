import Fluent
import Vapor

/// One case as staff see it, with the actions their post allows: the window accepts, refuses and
/// delivers; a department's reviewer decides on its own task. Others' cases are "not found".
struct StaffCasePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("workbench", "cases", ":id")
        cases.get(use: show)
        cases.get("receipt", use: receipt)
        cases.post("accept", use: accept)
        cases.post("refuse", use: refuse)
        cases.post("deliver", use: deliver)
        routes.post("workbench", "tasks", ":task", "decision", use: decide)
        cases.post("verify-shared", use: verifyShared)
    }

    func load(_ request: Request) async throws -> (Principal, CaseView) {
        let principal = try request.requireStaff()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("办件", code: "case.not_found") }
        let service = request.cases
        return (principal, try await service.view(try await service.visibleCase(id, to: principal)))
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        let (principal, view) = try await load(request)
        return Self.render(request, view, principal: principal, error: nil)
    }

    static func render(_ request: Request, _ view: CaseView, principal: Principal, error: String?, status: HTTPResponseStatus = .ok) -> Response {
        var actions: [HTML] = []
        let base = CaseURL.staff(view.id)
        let isClerk = principal.grants.contains { $0.role == .clerk }
        if isClerk, view.state == "submitted" {
            actions.append("""
            <section class="card notice"><h2>窗口受理</h2>
              <p>请核对申请信息和材料。受理后各部门同时开始审核，并向申请人发送受理通知。</p>
              <form method="post" action="\(base)/accept" class="inline">\(Layout.csrfField(request))<button type="submit">受理</button></form>
              <form class="stacked" method="post" action="\(base)/refuse">\(Layout.csrfField(request))
                <label for="reason">不予受理的原因（申请人可见）</label>
                <textarea id="reason" name="reason" required minlength="2" maxlength="500"></textarea>
                <p><button type="submit" class="secondary">不予受理</button></p>
              </form>
            </section>
            """)
        }
        if isClerk, view.state == "approved" {
            actions.append("""
            <section class="card notice"><h2>出件</h2><p>全部事项已审核通过，请将办理结果交付申请人。</p>
              <form method="post" action="\(base)/deliver">\(Layout.csrfField(request))<button type="submit">确认出件</button></form>
            </section>
            """)
        }
        if view.acceptedAt != nil {
            actions.append("<p><a class=\"button secondary\" href=\"\(base)/receipt\">受理回执</a></p>")
        }
        for task in view.tasks where ["open", "awaitingSupplement"].contains(task.state) && principal.has(.reviewer, inDepartment: task.department) {
            actions.append(decisionForm(request, task))
        }
        if view.tasks.contains(where: { principal.has(.reviewer, inDepartment: $0.department) }), view.materials.contains(where: { $0.uploadId == nil }) {
            actions.append("""
            <section class="card"><h2>免提交材料</h2>
              <p>申请人未提交的材料由部门通过数据共享核验；核验记录进入办件过程和申请人的“数据使用记录”。</p>
              <form method="post" action="\(base)/verify-shared">\(Layout.csrfField(request))<button type="submit" class="secondary">核验共享材料</button></form>
            </section>
            """)
        }
        let snapshot = request.application.catalogCache.snapshot
        let items = view.item.flatMap { snapshot.items[$0] }.map { [$0] }
            ?? view.lifeEvent.flatMap { snapshot.lifeEvent($0) }?.items.compactMap { snapshot.items[$0] } ?? []
        let formSection: HTML = "<section class=\"card\"><h2>申请信息</h2>\(CaseHTML.form(view.form, fields: FormValidation.mergedFields(items)))</section>"
        let alert: HTML = error.map { "<p class=\"field-error card\" role=\"alert\">\($0)</p>" } ?? .empty
        actions.append(CaseHTML.certificates(view, link: { _ in nil }, revoke: { c in
            guard !c.revoked, principal.isAdmin || principal.has(.reviewer, inDepartment: c.issuer) else { return .empty }
            return """
            <form class="stacked" method="post" action="/workbench/certificates/\(c.id.uuidString)/revoke">\(Layout.csrfField(request))
              <label for="revoke-\(c.id.uuidString)">撤销原因（持证人可见）</label><input id="revoke-\(c.id.uuidString)" name="reason" required minlength="2">
              <p><button type="submit" class="secondary">撤销证照</button></p>
            </form>
            """
        }))
        actions.append(formSection)
        return Layout.page(request, title: "办件 \(view.number)", status: status,
                           "\(alert)\(CaseHTML.body(view, actions: actions.joined()))")
    }

    @Sendable func verifyShared(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.reviewer])
        return try await act(request) { service, principal, id in _ = try await service.verifySharedMaterials(id, by: principal) }
    }

    static func decisionForm(_ request: Request, _ task: CaseView.TaskView) -> HTML {
        if task.state == "awaitingSupplement" {
            return "<section class=\"card\"><h2>\(task.itemName)</h2><p>已要求申请人补正：\(task.supplementRequest.joined(separator: "、"))。收到补正材料后恢复审核。</p></section>"
        }
        return """
        <section class="card notice" id="task-\(task.id.uuidString)"><h2>审核：\(task.itemName)</h2>
          <p>办理期限：\(TimeText.deadline(task.deadline)) \(CaseHTML.deadlineBadge(task.deadlineStatus, task.deadlineStatusTitle))</p>
          <form class="stacked" method="post" action="/workbench/tasks/\(task.id.uuidString)/decision">
            \(Layout.csrfField(request))
            <fieldset><legend>审核意见</legend>
              <label><input type="radio" name="decision" value="approve" checked> 通过</label>
              <label><input type="radio" name="decision" value="supplement"> 要求补正</label>
              <label><input type="radio" name="decision" value="reject"> 不予通过</label>
            </fieldset>
            <label for="note-\(task.id.uuidString)">意见或原因（不予通过时必填，申请人可见）</label>
            <textarea id="note-\(task.id.uuidString)" name="note" maxlength="500"></textarea>
            <label for="missing-\(task.id.uuidString)">需补正的材料（要求补正时填写，每行一项）</label>
            <textarea id="missing-\(task.id.uuidString)" name="missing" maxlength="1000"></textarea>
            <p><button type="submit">提交审核意见</button></p>
          </form>
        </section>
        """
    }

    /// Runs an action; a refused one (wrong state, missing reason) shows on the case page instead of an error page.
    func act(_ request: Request, then next: String = "", _ action: (CaseService, Principal, UUID) async throws -> Void) async throws -> Response {
        let (principal, view) = try await load(request)
        do {
            try await action(request.cases, principal, view.id)
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableEntity {
            return Self.render(request, try await request.cases.view(try await request.cases.visibleCase(view.id, to: principal)),
                               principal: principal, error: error.message, status: error.status)
        }
        return request.redirect(to: CaseURL.staff(view.id) + next, redirectType: .normal)
    }

    @Sendable func accept(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        return try await act(request, then: "/receipt") { service, principal, id in
            _ = try await service.acceptAtWindow(id, by: principal, forward: request.federationCases.forward(by: principal, cases: service))
        }
    }

    @Sendable func refuse(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        let reason = (try? request.content.get(String.self, at: "reason")) ?? ""
        return try await act(request) { service, principal, id in _ = try await service.refuse(id, reason: reason, by: principal) }
    }

    @Sendable func deliver(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        return try await act(request) { service, principal, id in _ = try await service.deliver(id, by: principal) }
    }

    struct DecisionForm: Content {
        var decision: String?
        var note: String?
        var missing: String?
    }

    @Sendable func decide(_ request: Request) async throws -> Response {
        let reviewer = try request.require(anyOf: [.reviewer])
        guard let taskID = request.parameters.get("task", as: UUID.self),
              let task = try await ReviewTask.find(taskID, on: request.db)
        else { throw AppError.notFound("审批任务", code: "task.not_found") }
        let form = try request.content.decode(DecisionForm.self)
        let service = request.cases
        let caseID = task.$serviceCase.id
        do {
            guard let decision = CaseService.Decision(rawValue: form.decision ?? "") else {
                throw AppError.invalid("task.invalid_decision", "请选择审核意见：通过、要求补正或不予通过")
            }
            let missing = (form.missing ?? "").split(whereSeparator: \.isNewline).map(String.init)
            _ = try await service.decide(taskID: taskID, decision, note: form.note, materials: missing, by: reviewer)
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableEntity {
            let view = try await service.view(try await service.visibleCase(caseID, to: reviewer))
            return Self.render(request, view, principal: reviewer, error: error.message, status: error.status)
        }
        return request.redirect(to: CaseURL.staff(caseID), redirectType: .normal)
    }

    /// 受理回执: printable, and readable on a phone screen held up at the window.
    @Sendable func receipt(_ request: Request) async throws -> Response {
        let (_, view) = try await load(request)
        guard view.acceptedAt != nil else {
            throw AppError(.conflict, "case.not_accepted", "该办件尚未受理，没有受理回执")
        }
        let items: [HTML] = view.tasks.map { "<li>\($0.itemName)（\($0.departmentName)）</li>" }
        let materials: [HTML] = view.materials.map { "<li>\($0.name)\($0.uploadId == nil ? "（共享获取）" : "")</li>" }
        return Layout.page(request, title: "受理回执 \(view.number)", """
        <section class="card receipt">
          <h1>六安市政务服务中心 受理回执</h1>
          <dl class="facts">
            <dt>办件编号</dt><dd><strong class="big">\(view.number)</strong></dd>
            <dt>申请事项</dt><dd>\(view.title)</dd>
            <dt>申请人</dt><dd>\(view.applicantName)</dd>
            <dt>受理时间</dt><dd>\(TimeText.minute(view.acceptedAt))</dd>
            <dt>承诺办结</dt><dd><strong>\(TimeText.deadline(view.deadline))</strong>（\(view.promisedLimitDays) 个工作日，补正期间不计时）</dd>
          </dl>
          <h2>分送事项</h2><ol>\(items)</ol>
          <h2>已收材料</h2><ul>\(materials)</ul>
          <p>凭办件编号可在“六安通办”网站或拨打 12345 查询办理进度。</p>
          <p class="no-print"><button type="button" data-print>打印回执</button> <a href="\(CaseURL.staff(view.id))">返回办件</a></p>
        </section>
        """)
    }
}
