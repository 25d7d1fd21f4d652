import Fluent
import Vapor

/// 数据使用记录 for everyone, and 数据共享授权 for administrators. Plain forms, no JavaScript.
struct ExchangePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "data-usage", use: usage)
        routes.get("admin", "grants", use: grants)
        routes.post("admin", "grants", use: createGrant)
        routes.post("admin", "grants", ":id", "revoke", use: revokeGrant)
    }

    @Sendable func usage(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let rows: [HTML] = try await ExchangeController.usage(of: principal, request: request).map { row in
            let purpose: HTML = row.caseId.map { "<a href=\"\(CaseURL.mine($0))\">\(row.purpose)</a>" } ?? "\(row.purpose)"
            return """
            <tr><td>\(TimeText.minute(row.at))</td><td>\(row.department)<br><span class="hint">\(row.reader)</span></td>
            <td>\(row.registry)：\(row.fields.joined(separator: "、"))\(row.masked.isEmpty ? HTML.empty : "<br><span class=\"hint\">未授权、未提供：\(row.masked.joined(separator: "、"))</span>")</td>
            <td>\(purpose)</td></tr>
            """
        }
        return Layout.page(request, title: "数据使用记录", """
        <section class="card"><h1>谁用了我的数据</h1>
          <p>各部门每次通过数据共享读取您的信息，都会记录在这里：谁、哪个部门、读了什么、为了办什么事。有疑问请拨打 <a href="tel:12345">12345</a>。</p>
          \(rows.isEmpty ? "<p class=\"muted\">还没有部门读取过您的数据。</p>" as HTML : """
          <div class="table-wrap"><table><thead><tr><th>时间</th><th>部门与经办</th><th>读取内容</th><th>用途</th></tr></thead><tbody>\(rows)</tbody></table></div>
          """)
        </section>
        """)
    }

    @Sendable func grants(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        return try await render(request, errors: [:], status: .ok)
    }

    func render(_ request: Request, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let snapshot = request.catalog.snapshot
        let grants = try await RegistryGrant.query(on: request.db).sort(\.$departmentCode).sort(\.$registry).all()
        let rows: [HTML] = grants.map { grant in
            let registry = RegistryCatalog.registry(grant.registry)
            let revoke: HTML = grant.revokedAt == nil ? """
                <form method="post" action="/admin/grants/\(grant.id!.uuidString)/revoke" class="inline">\(Layout.csrfField(request))<button type="submit" class="secondary">撤销</button></form>
                """ : "已撤销"
            return """
            <tr><td>\(snapshot.department(grant.departmentCode)?.name ?? grant.departmentCode)</td><td>\(registry?.name ?? grant.registry)</td>
            <td>\(grant.fieldList.map { registry?.label($0) ?? $0 }.joined(separator: "、"))</td>
            <td>\(grant.purpose == "*" ? "本部门全部事项" : (snapshot.items[grant.purpose]?.name ?? grant.purpose))</td><td>\(grant.expiresOn)</td><td>\(revoke)</td></tr>
            """
        }
        let departments: [HTML] = snapshot.departments.map { "<option value=\"\($0.code)\">\($0.name)</option>" }
        let registries: [HTML] = RegistryCatalog.all.map { registry in
            let boxes: [HTML] = registry.fields.map { "<label><input type=\"checkbox\" name=\"fields[]\" value=\"\(registry.code).\($0.key)\"> \($0.label)</label>" }
            return "<fieldset><legend>\(registry.name)</legend>\(boxes)</fieldset>"
        }
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        return Layout.page(request, title: "数据共享授权", status: status, """
        <section class="card"><h1>数据共享授权</h1>
          <p class="muted">部门只能在授权范围内读取基础库数据；每次读取都会记入当事人的“数据使用记录”。</p>
          <div class="table-wrap"><table><thead><tr><th>使用部门</th><th>数据库</th><th>字段</th><th>用途</th><th>有效期至</th><th></th></tr></thead>
          <tbody>\(rows)</tbody></table></div>
        </section>
        <section class="card"><h2>新增授权</h2>
          \(errors.isEmpty ? HTML.empty : "<p class=\"field-error\" role=\"alert\">授权信息有误，请按提示修改</p>")
          <form class="stacked" method="post" action="/admin/grants">
            \(Layout.csrfField(request))
            <label for="department">使用部门</label><select id="department" name="department">\(departments)</select>\(error("department"))
            <p class="hint">选择一个数据库中允许读取的字段（只选同一个数据库的字段）：</p>
            \(registries)\(error("fields"))\(error("registry"))
            \(IdentityPages.field("purpose", "用途（事项编码，* 表示本部门全部事项）", value: "*", error: errors["purpose"]))
            \(IdentityPages.field("expiresOn", "有效期至", type: "date", error: errors["expiresOn"], attributes: "required"))
            <p><button type="submit">保存授权</button></p>
          </form>
        </section>
        """)
    }

    struct GrantForm: Content {
        var department: String?
        var fields: [String]?
        var purpose: String?
        var expiresOn: String?
    }

    @Sendable func createGrant(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let form = try request.content.decode(GrantForm.self)
        let picked = (form.fields ?? []).map { $0.split(separator: ".", maxSplits: 1).map(String.init) }.filter { $0.count == 2 }
        let registries = Set(picked.map { $0[0] })
        do {
            guard registries.count == 1, let registry = registries.first else {
                throw AppError.invalid("exchange.invalid_grant", "请只选择同一个数据库的字段", details: ["fields": "请选择同一个数据库中的至少一个字段"])
            }
            let input = GrantInput(department: form.department ?? "", registry: registry, fields: picked.map { $0[1] },
                                     purpose: form.purpose ?? "", expiresOn: form.expiresOn ?? "")
            _ = try await ExchangeController.save(input, request: request)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, errors: error.details, status: error.status)
        }
        return request.redirect(to: "/admin/grants", redirectType: .normal)
    }

    @Sendable func revokeGrant(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        _ = try await ExchangeController.revoke(request)
        return request.redirect(to: "/admin/grants", redirectType: .normal)
    }
}
