import Fluent
import Vapor

/// 综合窗口: new applications to accept, concluded ones to hand over, and 代办 at the counter.
struct WindowPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "window", use: queue)
        routes.get("workbench", "counter", use: counterPage)
        routes.on(.POST, "workbench", "counter", body: .collect(maxSize: ApplicationSubmission.maxBody), use: counter)
    }

    static func list(_ cases: [CaseSummaryView], empty: String) -> HTML {
        guard !cases.isEmpty else { return "<p class=\"muted\">\(empty)</p>" }
        let rows: [HTML] = cases.map { summary in
            """
            <tr><td><a href="\(CaseURL.staff(summary.id))">\(summary.number)</a></td><td>\(summary.title)</td>
            <td>\(TimeText.minute(summary.submittedAt))</td><td>\(CaseHTML.stateBadge(summary.state, summary.stateTitle))</td></tr>
            """
        }
        return "<div class=\"table-wrap\"><table><thead><tr><th>办件编号</th><th>事项</th><th>提交时间</th><th>状态</th></tr></thead><tbody>\(rows)</tbody></table></div>"
    }

    @Sendable func queue(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        let (new, toDeliver) = try await request.cases.windowQueue()
        return Layout.page(request, title: "综合窗口", """
        <section class="card"><h1>综合窗口</h1>
          <p><a class="button" href="/workbench/counter">窗口代办登记</a></p></section>
        <section class="card"><h2>待受理（\(new.count)）</h2>\(Self.list(new, empty: "暂无待受理的申请"))</section>
        <section class="card"><h2>待出件（\(toDeliver.count)）</h2>\(Self.list(toDeliver, empty: "暂无待出件的办件"))</section>
        """)
    }

    static func targets(_ snapshot: CatalogSnapshot, selected: String?) -> HTML {
        let events: [HTML] = snapshot.lifeEvents.map {
            "<option value=\"event:\($0.code)\"\(selected == "event:\($0.code)" ? " selected" as HTML : .empty)>一件事 · \($0.name)</option>"
        }
        let items: [HTML] = snapshot.items.values.sorted { $0.code < $1.code }.map {
            "<option value=\"item:\($0.code)\"\(selected == "item:\($0.code)" ? " selected" as HTML : .empty)>\($0.name)（\($0.departmentName)）</option>"
        }
        return "<optgroup label=\"一件事\">\(events)</optgroup><optgroup label=\"单个事项\">\(items)</optgroup>"
    }

    @Sendable func counterPage(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        let target = request.query[String.self, at: "target"]
        guard let target, !target.isEmpty else {
            return Layout.page(request, title: "窗口代办", """
            <section class="card"><h1>窗口代办登记</h1>
              <p>为老年人等不便自行网上申请的群众代为登记，材料由窗口扫描上传。</p>
              <form class="stacked" method="get" action="/workbench/counter">
                <label for="target">办理事项</label>
                <select id="target" name="target" required>\(Self.targets(request.catalog.snapshot, selected: nil))</select>
                <p><button type="submit">下一步：填写申请</button></p>
              </form>
            </section>
            """)
        }
        let draft = try await Self.draft(request, target: target)
        return Self.render(request, draft: draft, target: target, applicant: CounterApplicant(), values: [:], errors: [:], kept: [:], district: nil)
    }

    static func draft(_ request: Request, target: String) async throws -> CaseDraft {
        let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["item", "event"].contains(parts[0]) else {
            throw AppError.invalid("case.invalid_target", "请选择一个事项或一件事")
        }
        return try await request.cases.draft(item: parts[0] == "item" ? parts[1] : nil, lifeEvent: parts[0] == "event" ? parts[1] : nil,
                                             for: nil, cipher: request.application.fieldCipher)
    }

    struct CounterApplicant: Content {
        var applicantIdNumber: String?
        var applicantName: String?
        var applicantPhone: String?
        var acceptNow: String?
    }

    static func render(_ request: Request, draft: CaseDraft, target: String, applicant: CounterApplicant, values: [String: String],
                       errors: [String: String], kept: [Int: ApplicationFormHTML.Kept], district: String?,
                       status: HTTPResponseStatus = .ok) -> Response {
        let who: HTML = """
        <input type="hidden" name="target" value="\(target)">
        <fieldset><legend>申请人（被代办人）</legend>
          \(IdentityPages.field("applicantIdNumber", "身份证号码", value: applicant.applicantIdNumber ?? "", hint: "已注册的群众自动关联其账户",
                                error: errors["applicantIdNumber"], attributes: "required maxlength=\"18\""))
          \(IdentityPages.field("applicantName", "姓名", value: applicant.applicantName ?? "", hint: "未注册时必填，将为其建立账户",
                                error: errors["applicantName"]))
          \(IdentityPages.field("applicantPhone", "手机号码", type: "tel", value: applicant.applicantPhone ?? "", hint: "用于接收办理进度短信",
                                error: errors["applicantPhone"], attributes: "maxlength=\"11\""))
          <label><input type="checkbox" name="acceptNow" value="1"\(applicant.acceptNow == nil && !errors.isEmpty ? HTML.empty : " checked")> 材料已当面核对，登记后立即受理并打印回执</label>
        </fieldset>
        """
        let form = ApplicationFormHTML.render(request, draft: draft, action: "/workbench/counter", values: values, errors: errors,
                                              kept: kept, company: nil, district: district, before: who)
        return Layout.page(request, title: "窗口代办 · \(draft.title)", status: status, """
        <section class="card"><h1>窗口代办：\(draft.title)</h1>
          \(errors.isEmpty ? HTML.empty : "<p class=\"field-error\" role=\"alert\">登记信息有误，请按提示修改。已扫描的文件已保留。</p>")
          \(form)
        </section>
        """)
    }

    @Sendable func counter(_ request: Request) async throws -> Response {
        let clerk = try request.require(anyOf: [.clerk])
        let target = (try? request.content.get(String.self, at: "target")) ?? ""
        let draft = try await Self.draft(request, target: target)
        let applicant = try request.content.decode(CounterApplicant.self)
        let submission = try request.content.decode(ApplicationSubmission.self)
        let prepared = try await submission.prepare(draft, owner: clerk.userID, request: request)
        var errors = prepared.errors
        if errors.isEmpty {
            do {
                let citizen = try await request.identity.findOrRegisterAtCounter(
                    idNumber: applicant.applicantIdNumber ?? "", name: applicant.applicantName, phone: applicant.applicantPhone)
                let service = request.cases
                let created = try await service.apply(prepared.input, applicant: try .init(citizen), uploader: clerk.userID, agent: clerk)
                let id = try created.serviceCase.requireID()
                if applicant.acceptNow != nil {
                    _ = try await service.acceptAtWindow(id, by: clerk, forward: request.federationCases.forward(by: clerk, cases: service))
                    return request.redirect(to: CaseURL.staff(id) + "/receipt", redirectType: .normal)
                }
                return request.redirect(to: CaseURL.staff(id), redirectType: .normal)
            } catch let error as AppError where !error.details.isEmpty {
                errors = error.details
            }
        }
        return Self.render(request, draft: draft, target: target, applicant: applicant, values: prepared.input.form, errors: errors,
                           kept: prepared.kept, district: prepared.input.district, status: .unprocessableEntity)
    }
}
