import Foundation
import Vapor

/// 数据共享申请 in the workbench: ask another department for registry fields, answer what others ask of yours.
/// Plain forms, so it works with JavaScript off.
struct SharingPages: RouteCollection {
    static let path = "/workbench/sharing"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "sharing", use: page)
        routes.post("workbench", "sharing", use: file)
        routes.post("workbench", "sharing", ":id", "answer", use: answer)
    }

    struct FileForm: Content {
        var department: String?
        var fields: [String]?
        var purpose: String?
        var reason: String?
        var expiresOn: String?
    }

    struct AnswerForm: Content {
        var decision: String?
        var answer: String?
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        try await render(request, form: FileForm(), errors: [:])
    }

    @Sendable func file(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let form = try request.content.decode(FileForm.self)
        let picked = (form.fields ?? []).map { $0.split(separator: ".", maxSplits: 1).map(String.init) }.filter { $0.count == 2 }
        let registries = Set(picked.map { $0[0] })
        // Fields from no registry or from two: still checked with everything else, so the form names every problem at once.
        let oneRegistry = registries.count == 1 ? registries.first : nil
        do {
            _ = try await request.sharing.file(SharingService.FileInput(
                department: form.department, registry: oneRegistry ?? "", fields: oneRegistry == nil ? [] : picked.map { $0[1] },
                purpose: form.purpose ?? "", reason: form.reason ?? "", expiresOn: form.expiresOn ?? ""), by: person)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            var details = error.details
            if oneRegistry == nil {
                details["registry"] = nil
                details["fields"] = "请选择同一个数据库中的至少一个字段"
            }
            return try await render(request, form: form, errors: details.isEmpty ? ["form": error.message] : details, status: error.status)
        }
        return request.redirect(to: Self.path, redirectType: .normal)
    }

    @Sendable func answer(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("共享申请", code: "sharing.not_found") }
        let form = try request.content.decode(AnswerForm.self)
        do {
            _ = try await request.sharing.answer(id, SharingService.AnswerInput(approve: form.decision == "approve", answer: form.answer), by: person)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await render(request, form: FileForm(), errors: ["answer-\(id.uuidString)": error.message], status: error.status)
        }
        return request.redirect(to: Self.path, redirectType: .normal)
    }

    private func render(_ request: Request, form: FileForm, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try request.requireStaff()
        let service = request.sharing
        let list = try await service.list(for: person)
        let own = Set(person.grants.filter { $0.role.isStaff }.compactMap(\.departmentCode))
        let incoming = list.filter { own.contains($0.owner) }
        let outgoing = list.filter { own.contains($0.requester) }
        let others = list.filter { !own.contains($0.owner) && !own.contains($0.requester) }
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }

        func item(_ r: SharingView, answering: Bool) -> HTML {
            let form: HTML = answering && r.status == .pending ? """
                <form class="stacked" method="post" action="\(Self.path)/\(r.id.uuidString)/answer">
                  \(Layout.csrfField(request))
                  <label for="answer-\(r.id.uuidString)">答复意见（不予共享时必填）</label>
                  <textarea id="answer-\(r.id.uuidString)" name="answer" rows="2" maxlength="500"></textarea>
                  \(error("answer-\(r.id.uuidString)"))
                  <p><button type="submit" name="decision" value="approve">同意共享</button>
                     <button type="submit" name="decision" value="refuse" class="secondary">不予共享</button></p>
                </form>
                """ : .empty
            return """
            <li><strong>\(r.requesterName)</strong> 申请 <strong>\(r.ownerName)</strong> 的\(r.registryName)：\(r.fieldLabels.joined(separator: "、"))<br>
              用途：\(r.purposeName)；使用期限至 \(r.expiresOn)；理由：\(r.reason)<br>
              <span class="\(r.late ? "badge danger" : "badge")">\(r.statusTitle)\(r.late ? "（超期）" : "")</span>
              <span class="muted">\(r.requestedBy) 于 \(TimeText.minute(r.requestedAt)) 提出，\(TimeText.deadline(r.due))答复</span>
              \(r.answeredBy.map { "<br><span class=\"muted\">\($0) 于 \(r.answeredAt.map(TimeText.minute) ?? "") 答复</span>" as HTML } ?? .empty)
              \(r.answer.map { "<blockquote>\($0)</blockquote>" as HTML } ?? .empty)\(form)</li>
            """
        }
        func section(_ title: String, _ rows: [SharingView], answering: Bool, empty: String) -> HTML {
            "<section class=\"card\"><h2>\(title)</h2>\(rows.isEmpty ? "<p class=\"muted\">\(empty)</p>" as HTML : "<ul class=\"list\">\(rows.map { item($0, answering: answering) })</ul>")</section>"
        }

        let snapshot = request.catalog.snapshot
        let departments: [HTML] = own.sorted().map { code in
            "<option value=\"\(code)\"\(form.department == code ? " selected" as HTML : .empty)>\(snapshot.department(code)?.name ?? code)</option>"
        }
        let picked = Set(form.fields ?? [])
        let registries: [HTML] = RegistryCatalog.all.filter { !own.contains($0.owner) }.map { registry in
            let boxes: [HTML] = registry.fields.map { field in
                let value = "\(registry.code).\(field.key)"
                return "<label class=\"choice\"><input type=\"checkbox\" name=\"fields[]\" value=\"\(value)\"\(picked.contains(value) ? " checked" as HTML : .empty)> \(field.label)</label>"
            }
            return "<fieldset><legend>\(registry.name)（\(snapshot.department(registry.owner)?.name ?? registry.owner)）</legend>\(boxes)</fieldset>"
        }
        let fileForm: HTML = own.isEmpty ? "<p class=\"muted\">您不属于任何部门，不能提出共享申请。</p>" : """
            \(errors["form"].map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? (errors.keys.contains { !$0.hasPrefix("answer-") } ? "<p class=\"alert\" role=\"alert\">\(SharingService.invalid.message)</p>" as HTML : .empty))
            <form class="stacked" method="post" action="\(Self.path)">
              \(Layout.csrfField(request))
              <label for="department">申请部门</label><select id="department" name="department">\(departments)</select>\(error("department"))
              <p class="hint">选择需要的字段（只选同一个数据库）：</p>
              \(registries)\(error("fields"))\(error("registry"))
              \(IdentityPages.field("purpose", "用途（事项编码，* 表示本部门全部事项）", value: form.purpose ?? "*", error: errors["purpose"]))
              <label for="reason">共享理由和依据</label>
              <textarea id="reason" name="reason" rows="3" maxlength="500" required>\(form.reason ?? "")</textarea>\(error("reason"))
              \(IdentityPages.field("expiresOn", "使用期限至", type: "date", value: form.expiresOn ?? "", error: errors["expiresOn"], attributes: "required"))
              <p><button type="submit">提交申请</button></p>
            </form>
            """
        return Layout.page(request, title: "数据共享申请", status: status, """
        <section class="card"><h1>数据共享申请</h1>
          <p>需要其他部门基础库中的数据时在这里申请，对方部门应在 \(request.application.settings.sharingResponseDays) 个工作日内答复；
          同意后即生成授权，读取数据时自动记入当事人的“数据使用记录”。答复是否及时计入部门考核。</p>
        </section>
        \(section("待本部门答复", incoming, answering: true, empty: "没有其他部门向本部门提出的申请。"))
        \(section("本部门提出的申请", outgoing, answering: false, empty: "本部门还没有提出申请。"))
        \(others.isEmpty ? HTML.empty : section("其他部门之间的申请", others, answering: false, empty: ""))
        <section class="card"><h2>提出新申请</h2>\(fileForm)</section>
        """)
    }
}
