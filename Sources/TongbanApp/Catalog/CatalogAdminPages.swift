import Vapor

/// Administrators edit departments and service items in the browser; a saved change is in
/// search and on the guide pages at once.
struct CatalogAdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin")
        admin.get("services", use: items)
        admin.get("services", "new", use: newItem)
        admin.post("services", use: createItem)
        admin.get("services", ":code", use: editItem)
        admin.post("services", ":code", use: updateItem)
        admin.get("departments", use: departments)
        admin.post("departments", use: createDepartment)
        admin.get("departments", ":code", use: editDepartment)
        admin.post("departments", ":code", use: updateDepartment)
    }

    @Sendable func items(_ request: Request) throws -> Response {
        _ = try request.requireAdmin()
        let rows: [HTML] = request.catalog.snapshot.items().map { item in
            "<tr><td><a href=\"\(SiteURL.adminItem(item.code))\">\(item.name)</a></td><td>\(item.departmentName)</td><td>\(item.onlineDepth)</td></tr>"
        }
        return Layout.page(request, title: "事项管理", """
        <section class="card"><h1>事项管理</h1>
          <p><a class="button" href="/admin/services/new">新增事项</a> <a class="button secondary" href="\(SiteURL.adminDepartments)">部门管理</a></p>
          <div class="table-wrap"><table><thead><tr><th>事项</th><th>部门</th><th>网办深度</th></tr></thead><tbody>\(rows)</tbody></table></div>
        </section>
        """)
    }

    @Sendable func newItem(_ request: Request) throws -> Response {
        _ = try request.requireAdmin()
        var form = ServiceItemForm()
        form.type = "公共服务"; form.audience = "个人"; form.caseType = "承诺件"; form.onlineDepth = OnlineDepth.fullyOnline.rawValue
        form.visits = "0"; form.legalLimitDays = "20"; form.promisedLimitDays = "5"
        form.formFields = "applicantName | 申请人姓名 | text | 是 | profile.realName\nidNumber | 身份证号码 | residentId | 是 | profile.idNumber"
        return render(request, form, action: "/admin/services", errors: [:], isNew: true)
    }

    @Sendable func createItem(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let form = try request.content.decode(ServiceItemForm.self)
        do {
            if let problem = form.rulesProblem { throw AppError.invalid("catalog.invalid_rules", problem, details: ["autoApproval": problem]) }
            let item = try await request.catalog.saveItem(form.input())
            return request.redirect(to: SiteURL.adminItem(item.code) + "?saved=1", redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return render(request, form, action: "/admin/services", errors: error.details.isEmpty ? ["code": error.message] : error.details,
                          isNew: true, status: error.status)
        }
    }

    @Sendable func editItem(_ request: Request) throws -> Response {
        _ = try request.requireAdmin()
        let item = try request.catalog.item(request.parameters.get("code") ?? "")
        return render(request, ServiceItemForm(item), action: SiteURL.adminItem(item.code), errors: [:], isNew: false,
                      saved: request.query[String.self, at: "saved"] == "1")
    }

    @Sendable func updateItem(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let code = request.parameters.get("code") ?? ""
        var form = try request.content.decode(ServiceItemForm.self)
        form.code = code
        do {
            if let problem = form.rulesProblem { throw AppError.invalid("catalog.invalid_rules", problem, details: ["autoApproval": problem]) }
            _ = try await request.catalog.saveItem(form.input(), replacing: code)
            return request.redirect(to: SiteURL.adminItem(code) + "?saved=1", redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return render(request, form, action: SiteURL.adminItem(code), errors: error.details, isNew: false, status: error.status)
        }
    }

    func render(_ request: Request, _ form: ServiceItemForm, action: String, errors: [String: String], isNew: Bool,
                saved: Bool = false, status: HTTPResponseStatus = .ok) -> Response {
        let snapshot = request.catalog.snapshot
        func select(_ name: String, _ label: String, _ options: [(String, String)], _ value: String?) -> HTML {
            let opts: [HTML] = options.map { "<option value=\"\($0.0)\"\($0.0 == value ? " selected" : "")>\($0.1)</option>" }
            return "<label for=\"\(name)\">\(label)</label><select id=\"\(name)\" name=\"\(name)\">\(opts)</select>\(errorLine(errors[name]))"
        }
        func area(_ name: String, _ label: String, _ value: String?, hint: String) -> HTML {
            "<label for=\"\(name)\">\(label)</label><textarea id=\"\(name)\" name=\"\(name)\">\(value ?? "")</textarea><p class=\"hint\">\(hint)</p>\(errorLine(errors[name]))"
        }
        func input(_ name: String, _ label: String, _ value: String?, hint: String? = nil) -> HTML {
            IdentityPages.field(name, label, value: value ?? "", hint: hint, error: errors[name])
        }
        let codeField: HTML = isNew ? input("code", "事项编码", form.code, hint: "小写字母、数字、短横线，如 gjj-tq-gf；创建后不能修改")
            : "<p>事项编码：<code>\(form.code ?? "")</code> · <a href=\"\(SiteURL.service(form.code ?? ""))\">查看指南</a></p>"
        return Layout.page(request, title: isNew ? "新增事项" : "编辑事项", status: status, """
        <section class="card">
          <h1>\(isNew ? "新增事项" : "编辑事项：\(form.name ?? "")")</h1>
          \(saved ? "<p class=\"card notice\" role=\"status\">已保存，搜索和办事指南已更新。</p>" as HTML : .empty)
          \(errors.isEmpty ? HTML.empty : "<p class=\"field-error\" role=\"alert\">有 \(errors.count) 处需要修改，请查看下方提示。</p>")
          <form class="stacked" method="post" action="\(action)">
            \(Layout.csrfField(request))
            \(codeField)
            \(input("name", "事项名称", form.name))
            \(select("department", "实施部门", snapshot.departments.map { ($0.code, $0.name) }, form.department))
            \(select("type", "事项类型", ItemType.all.map { ($0, $0) }, form.type))
            \(input("audience", "服务对象", form.audience, hint: "个人、法人，用逗号分隔"))
            \(input("themes", "主题", form.themes, hint: "可选：" + snapshot.themes.map { "\($0.code)（\($0.name)）" }.joined(separator: " ")))
            \(select("caseType", "办件类型", [("即办件", "即办件"), ("承诺件", "承诺件")], form.caseType))
            \(area("summary", "事项简介", form.summary, hint: "一两句话"))
            \(area("legalBasis", "设定依据", form.legalBasis, hint: "每行一条"))
            \(area("conditions", "受理条件", form.conditions, hint: "每行一条"))
            \(area("materials", "申请材料", form.materials, hint: "每行一项：名称 | 形式(原件/复印件/电子) | 份数 | 是否必需(是/否) | 来源 | 免提交来源(如 certificate:resident_id、data:realestate) | 备注"))
            \(area("steps", "办理流程", form.steps, hint: "每行一步"))
            \(input("legalLimitDays", "法定办结时限（工作日）", form.legalLimitDays))
            \(input("promisedLimitDays", "承诺办结时限（工作日）", form.promisedLimitDays))
            \(input("feeText", "收费说明", form.feeText, hint: "如：不收费；工本费20元"))
            \(input("feeFen", "收费金额（分）", form.feeFen, hint: "不收费请留空"))
            \(select("onlineDepth", "网办深度", OnlineDepth.allCases.map { ($0.rawValue, $0.rawValue) }, form.onlineDepth))
            \(input("visits", "到现场次数", form.visits))
            \(input("visitReason", "需到现场的原因", form.visitReason))
            \(area("places", "办理地点", form.places, hint: "每行一处：名称 | 窗口 | 地址 | 时间"))
            \(input("consultPhone", "咨询电话", form.consultPhone))
            \(input("keywords", "搜索关键词", form.keywords, hint: "群众常用说法，用逗号分隔，如：取公积金,买房提取"))
            \(area("formFields", "申请表字段", form.formFields, hint: "每行一个：key | 名称 | 类型 | 是否必填 | 预填来源 | 选项(逗号分隔)"))
            \(area("autoApproval", "智能审批规则（JSON）", form.autoApproval, hint: "留空则全部由人工审核。格式：{\"version\": 1, \"rules\": [{\"id\": \"account_active\", \"description\": \"公积金账户状态正常\", \"fact\": \"fund.accountStatus\", \"op\": \"equals\", \"value\": \"正常\"}]}；onFail 为 refer（转人工，默认）或 reject（不予批准）"))
            <label><input type="checkbox" name="hot" value="1"\(form.hot == "1" ? " checked" : "")> 高频事项</label>
            <label><input type="checkbox" name="crossRegion" value="1"\(form.crossRegion == "1" ? " checked" : "")> 跨域通办</label>
            \(input("result", "办理结果", form.result))
            <p><button type="submit">保存</button></p>
          </form>
        </section>
        """)
    }

    func errorLine(_ message: String?) -> HTML { message.map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }

    @Sendable func departments(_ request: Request) throws -> Response {
        _ = try request.requireAdmin()
        return renderDepartments(request, errors: [:], draft: nil)
    }

    func renderDepartments(_ request: Request, errors: [String: String], draft: DepartmentInput?, status: HTTPResponseStatus = .ok) -> Response {
        let rows: [HTML] = request.catalog.snapshot.departments.map { d in
            "<tr><td><a href=\"\(SiteURL.adminDepartment(d.code))\">\(d.name)</a></td><td>\(d.code)</td><td>\(d.itemCount)</td></tr>"
        }
        return Layout.page(request, title: "部门管理", status: status, """
        <section class="card"><h1>部门管理</h1>
          <div class="table-wrap"><table><thead><tr><th>部门</th><th>编码</th><th>事项数</th></tr></thead><tbody>\(rows)</tbody></table></div>
        </section>
        <section class="card"><h2>新增部门</h2>\(departmentForm(request, draft, action: SiteURL.adminDepartments, errors: errors, isNew: true))</section>
        """)
    }

    func departmentForm(_ request: Request, _ d: DepartmentInput?, action: String, errors: [String: String], isNew: Bool) -> HTML {
        """
        <form class="stacked" method="post" action="\(action)">
          \(Layout.csrfField(request))
          \(isNew ? IdentityPages.field("code", "部门编码", value: d?.code ?? "", hint: "小写字母开头，如 gjj", error: errors["code"]) : .empty)
          \(IdentityPages.field("name", "部门名称", value: d?.name ?? "", error: errors["name"]))
          \(IdentityPages.field("shortName", "简称", value: d?.shortName ?? "", error: errors["shortName"]))
          \(IdentityPages.field("phone", "咨询电话", value: d?.phone ?? ""))
          \(IdentityPages.field("address", "办公地址", value: d?.address ?? ""))
          \(IdentityPages.field("hours", "办公时间", value: d?.hours ?? ""))
          <p><button type="submit">保存</button></p>
        </form>
        """
    }

    @Sendable func createDepartment(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let input = try request.content.decode(DepartmentInput.self)
        do {
            let department = try await request.catalog.saveDepartment(input)
            return request.redirect(to: SiteURL.adminDepartment(department.code), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return renderDepartments(request, errors: error.details.isEmpty ? ["code": error.message] : error.details, draft: input, status: error.status)
        }
    }

    @Sendable func editDepartment(_ request: Request) throws -> Response {
        _ = try request.requireAdmin()
        let d = try request.catalog.department(request.parameters.get("code") ?? "")
        let input = DepartmentInput(code: d.code, name: d.name, shortName: d.shortName, phone: d.phone, address: d.address, hours: d.hours)
        return Layout.page(request, title: "编辑部门", """
        <section class="card"><h1>编辑部门：\(d.name)</h1>\(departmentForm(request, input, action: SiteURL.adminDepartment(d.code), errors: [:], isNew: false))</section>
        """)
    }

    struct DepartmentForm: Content {
        var name: String?
        var shortName: String?
        var phone: String?
        var address: String?
        var hours: String?
    }

    @Sendable func updateDepartment(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let code = request.parameters.get("code") ?? ""
        let form = try request.content.decode(DepartmentForm.self)
        let input = DepartmentInput(code: code, name: form.name ?? "", shortName: form.shortName ?? "", phone: form.phone, address: form.address, hours: form.hours)
        do {
            _ = try await request.catalog.saveDepartment(input, replacing: code)
            return request.redirect(to: SiteURL.adminDepartment(code), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return Layout.page(request, title: "编辑部门", status: error.status, """
            <section class="card"><h1>编辑部门</h1>\(departmentForm(request, input, action: SiteURL.adminDepartment(code), errors: error.details, isNew: false))</section>
            """)
        }
    }
}
