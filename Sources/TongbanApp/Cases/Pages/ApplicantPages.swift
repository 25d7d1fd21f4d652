import Fluent
import TongbanCore
import Vapor

/// The applicant's pages: apply, my cases, one case with its timeline, 补正 and 撤回.
/// Plain forms with multipart uploads: they work with JavaScript off.
struct ApplicantPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("apply", use: applyPage)
        routes.on(.POST, "apply", body: .collect(maxSize: ApplicationSubmission.maxBody), use: apply)
        routes.get("me", "cases", use: myCases)
        routes.get("me", "cases", ":id", use: myCase)
        routes.on(.POST, "me", "cases", ":id", "supplement", body: .collect(maxSize: ApplicationSubmission.maxBody), use: supplement)
        routes.post("me", "cases", ":id", "withdraw", use: withdraw)
    }

    @Sendable func applyPage(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let draft = try await request.cases.draft(item: request.query[String.self, at: "item"], lifeEvent: request.query[String.self, at: "event"],
                                                  for: principal.userID, cipher: request.application.fieldCipher)
        if draft.audienceIsPersonal, let standing = try await request.cases.standingCase(applicant: principal.userID, item: draft.item,
                                                                                        lifeEvent: draft.item == nil ? draft.lifeEvent : nil) {
            return Self.renderStanding(request, standing)
        }
        return Self.render(request, draft: draft, values: [:], errors: [:], kept: [:], company: draft.companies.first?.creditCode,
                           district: draft.homeDistrict)
    }

    /// Instead of a second application: the one already there, and where to follow it.
    static func renderStanding(_ request: Request, _ standing: Case, status: HTTPResponseStatus = .ok) -> Response {
        let granted = standing.isProactive && !CaseService.liveStates.map(\.rawValue).contains(standing.state)
        return Layout.page(request, title: "您已有办件", status: status, """
        <section class="card notice">
          <h1>您已有办件：\(standing.title)</h1>
          <p>\(granted ? "该事项已由部门依据政策主动为您办结（免申即享），无需再申请。" : "该事项您已提交申请，正在办理中，无需重复申请。")</p>
          <p>办件编号 \(standing.number) · \(CaseState(rawValue: standing.state)?.title ?? standing.state)</p>
          <p><a class="button" href="\(CaseURL.mine(standing.id!))">查看办件</a> <a class="button secondary" href="/me/cases">我的办件</a></p>
        </section>
        """)
    }

    static func render(_ request: Request, draft: CaseDraft, values: [String: String], errors: [String: String],
                       kept: [Int: ApplicationFormHTML.Kept], company: String?, district: String?, status: HTTPResponseStatus = .ok) -> Response {
        let form = ApplicationFormHTML.render(request, draft: draft, action: "/apply", values: values, errors: errors,
                                              kept: kept, company: company, district: district)
        return Layout.page(request, title: "在线申请 · \(draft.title)", status: status, """
        <section class="card">
          <h1>在线申请：\(draft.title)</h1>
          \(errors.isEmpty ? HTML.empty : "<p class=\"field-error\" role=\"alert\">申请信息有误，请按提示修改。已上传的文件已为您保留。</p>")
          \(form)
        </section>
        """)
    }

    @Sendable func apply(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let submission = try request.content.decode(ApplicationSubmission.self)
        let service = request.cases
        let draft = try await service.draft(item: submission.item?.nilIfEmpty, lifeEvent: submission.event?.nilIfEmpty,
                                            for: principal.userID, cipher: request.application.fieldCipher)
        let prepared = try await submission.prepare(draft, owner: principal.userID, request: request)
        var errors = prepared.errors
        if errors.isEmpty {
            do {
                let created = try await service.apply(prepared.input, applicant: .init(principal), uploader: principal.userID)
                return request.redirect(to: CaseURL.mine(try created.serviceCase.requireID()), redirectType: .normal)
            } catch let error as AppError where error.code == "case.duplicate" || error.code == "case.already_granted" {
                if let standing = try await request.cases.standingCase(applicant: principal.userID, item: draft.item,
                                                                       lifeEvent: draft.item == nil ? draft.lifeEvent : nil) {
                    return Self.renderStanding(request, standing, status: .conflict)
                }
                throw error
            } catch let error as AppError where !error.details.isEmpty {
                errors = error.details
            }
        }
        return Self.render(request, draft: draft, values: prepared.input.form, errors: errors,
                           kept: prepared.kept, company: prepared.input.company, district: prepared.input.district, status: .unprocessableEntity)
    }

    @Sendable func myCases(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let cases = try await request.cases.cases(of: principal.userID)
        let rows: [HTML] = cases.map { summary in
            """
            <li><a href="\(CaseURL.mine(summary.id))"><strong>\(summary.title)</strong></a>
            \(CaseHTML.stateBadge(summary.state, summary.stateTitle)) \(CaseHTML.deadlineBadge(summary.deadlineStatus))<br>
            <span class="muted">\(summary.number) · 提交于 \(TimeText.minute(summary.submittedAt))</span></li>
            """
        }
        return Layout.page(request, title: "我的办件", """
        <section class="card">
          <h1>我的办件</h1>
          \(rows.isEmpty ? "<p class=\"muted\">您还没有办件。可以先<a href=\"\(SiteURL.search)\">搜索要办的事项</a>。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
        </section>
        """)
    }

    func ownCase(_ request: Request) async throws -> CaseView {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("办件", code: "case.not_found") }
        let service = request.cases
        let found = try await service.visibleCase(id, to: principal)
        // Staff reach cases through the workbench; this page is the applicant's own.
        guard found.$applicant.id == principal.userID else { throw AppError.notFound("办件", code: "case.not_found") }
        return try await service.view(found)
    }

    @Sendable func myCase(_ request: Request) async throws -> Response {
        Self.renderCase(request, try await ownCase(request), supplementError: nil)
    }

    static func renderCase(_ request: Request, _ view: CaseView, supplementError: String?, status: HTTPResponseStatus = .ok) -> Response {
        var actions: [HTML] = []
        let wanted = view.tasks.flatMap(\.supplementRequest)
        if view.state == "awaitingSupplement" {
            let inputs: [HTML] = wanted.enumerated().map { index, name in
                """
                <li><label for="s-\(index)">\(name)</label>
                <input type="hidden" name="names[m\(index)]" value="\(name)">
                <input id="s-\(index)" type="file" name="file[m\(index)]" accept="application/pdf,image/jpeg,image/png" required></li>
                """
            }
            let notes: [HTML] = view.tasks.compactMap { task in task.note.map { "<li>\(task.departmentName)：\($0)</li>" } }
            actions.append("""
            <section class="card notice" id="supplement">
              <h2>请补正材料</h2>
              \(notes.isEmpty ? HTML.empty : "<ul>\(notes)</ul>")
              \(supplementError.map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
              <form class="stacked" method="post" action="\(CaseURL.mine(view.id))/supplement" enctype="multipart/form-data">
                \(Layout.csrfField(request))
                <ul class="list">\(inputs)</ul>
                <p><button type="submit">提交补正材料</button></p>
                <p class="hint">补正期间暂停计时，提交后恢复计时，办结日期相应顺延。</p>
              </form>
            </section>
            """)
        }
        if ["submitted", "inReview", "awaitingSupplement"].contains(view.state) {
            actions.append("""
            <section class="card secondary-info">
              <h2>撤回申请</h2>
              <form class="stacked" method="post" action="\(CaseURL.mine(view.id))/withdraw">
                \(Layout.csrfField(request))
                <label for="reason">撤回原因（选填）</label>
                <input id="reason" name="reason" maxlength="200">
                <p><button type="submit" class="secondary">撤回申请</button></p>
              </form>
            </section>
            """)
        }
        actions.append(CaseHTML.certificates(view, link: { "/me/certificates/\($0.id.uuidString)" }, revoke: { _ in .empty }))
        if ["approved", "notApproved", "delivered", "refused"].contains(view.state) {
            actions.append("""
            <section class="card"><h2>好差评</h2><p>这次办事体验如何？您的评价会用于改进服务。</p>
              <p><a class="button secondary" href="\(ReviewURL.new(.case, view.id.uuidString))">评价本次服务</a></p></section>
            """)
        }
        return Layout.page(request, title: view.title, status: status, CaseHTML.body(view, actions: actions.joined()))
    }

    struct SupplementForm: Content {
        var names: [String: String]?
        var file: [String: File]?
    }

    @Sendable func supplement(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let view = try await ownCase(request)
        let form = try request.content.decode(SupplementForm.self)
        var materials: [MaterialUpload] = []
        do {
            for (key, file) in (form.file ?? [:]).sorted(by: { $0.key < $1.key }) where file.data.readableBytes > 0 {
                let upload = try await request.application.uploadStore.save(
                    Data(file.data.readableBytesView), fileName: file.filename, owner: principal.userID, on: request.db)
                materials.append(MaterialUpload(name: form.names?[key] ?? "补正材料", uploadId: try upload.requireID()))
            }
            let input = SupplementInput(materials: materials, note: nil)
            _ = try await request.cases.supplement(view.id, input, by: principal,
                                                   alsoForward: request.federationCases.supplementForwarding(view.id, input))
        } catch let error as AppError where error.status != .notFound {
            return Self.renderCase(request, view, supplementError: error.message, status: error.status)
        }
        return request.redirect(to: CaseURL.mine(view.id), redirectType: .normal)
    }

    @Sendable func withdraw(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let view = try await ownCase(request)
        let reason = try? request.content.get(String.self, at: "reason")
        _ = try await request.cases.withdraw(view.id, reason: reason, by: principal, alsoForward: request.federationCases.forwardWithdrawal)
        return request.redirect(to: CaseURL.mine(view.id), redirectType: .normal)
    }
}
