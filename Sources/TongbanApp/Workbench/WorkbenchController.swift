import Fluent
import Vapor

/// The staff landing page and its JSON twin: what this person's roles and departments let them see.
struct WorkbenchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", use: page)
        let api = routes.grouped("api", "v1")
        api.get("workbench", use: summary)
        api.get("departments", ":code", "staff", use: staff)
    }

    struct Summary: Content {
        struct Module: Content {
            var key: String
            var title: String
            var path: String
        }
        var name: String
        var roles: [ProfileView.RoleView]
        /// nil means every department (city-wide roles).
        var departments: [String]?
        var modules: [Module]
    }

    static func summary(for principal: Principal, snapshot: CatalogSnapshot) -> Summary {
        var modules: [Summary.Module] = []
        let scope = principal.visibleDepartments
        let visible: [DepartmentRecord] = snapshot.departments.filter { scope.contains($0.code) }
        for department in visible where principal.grants.contains(where: { $0.departmentCode == department.code }) {
            modules.append(.init(key: "department:\(department.code)", title: "\(department.name) · 事项与人员", path: SiteURL.department(department.code)))
        }
        let roles = Set(principal.grants.map(\.role))
        if roles.contains(.clerk) {
            modules.append(.init(key: "cases:window", title: "综合窗口 · 受理与出件", path: "/workbench/window"))
            modules.append(.init(key: "cases:counter", title: "窗口代办登记", path: "/workbench/counter"))
            modules.append(.init(key: "reviews:visits", title: "窗口服务记录 · 邀请评价", path: CounterVisitPages.path))
        }
        if roles.contains(.reviewer) {
            modules.append(.init(key: "cases:tasks", title: "审批队列", path: "/workbench/tasks"))
        }
        if !roles.isDisjoint(with: [.supervisor, .leader, .admin]) {
            modules.append(.init(key: "insights", title: "驾驶舱 · 全市政务服务数据", path: InsightsPages.path))
            modules.append(.init(key: "insights:assessment", title: "部门考核", path: AssessmentPages.path))
            modules.append(.init(key: "cases:supervision", title: "效能督办 · 预警与超期", path: "/workbench/supervision"))
        }
        if !roles.isDisjoint(with: [.reviewer, .handler, .clerk, .supervisor, .leader, .admin]) {
            modules.append(.init(key: "reviews:rectifications", title: "好差评 · 差评整改", path: ReviewURL.rectifications))
        }
        if !roles.isDisjoint(with: [.reviewer, .handler, .supervisor, .leader, .admin]) {
            modules.append(.init(key: "exchange:sharing", title: "数据共享申请", path: SharingPages.path))
        }
        if roles.isDisjoint(with: [.supervisor, .leader, .admin]), principal.grants.contains(where: { $0.departmentCode != nil }) {
            modules.append(.init(key: "insights:department", title: "本部门驾驶舱", path: InsightsPages.path))
        }
        if principal.isAdmin || principal.grants.contains(where: { $0.departmentCode != nil }) {
            modules.append(.init(key: "consultation", title: "意见征集与政府开放日", path: ConsultationURL.staff))
        }
        if !principal.communities.isEmpty {
            modules.append(.init(key: "community", title: "社区工作台", path: CommunityURL.staffHome))
        }
        if roles.contains(.hotlineOperator) {
            modules.append(.init(key: "hotline:call", title: "12345 来电登记", path: HotlineURL.call))
        }
        if !roles.isDisjoint(with: [.dispatcher, .supervisor]) {
            modules.append(.init(key: "hotline:dispatch", title: "12345 待派单", path: HotlineURL.dispatch))
        }
        if roles.contains(.handler) {
            modules.append(.init(key: "hotline:department", title: "12345 部门工单", path: HotlineURL.department))
        }
        if !roles.isDisjoint(with: [.supervisor, .leader, .admin]) {
            modules.append(.init(key: "hotline:supervision", title: "12345 督办 · 超期与延期", path: HotlineURL.supervision))
        }
        if principal.isAdmin {
            modules.append(.init(key: "admin:sms", title: "短信发件箱", path: "/admin/sms"))
            modules.append(.init(key: "admin:grants", title: "数据共享授权", path: "/admin/grants"))
            modules.append(.init(key: "admin:assistant", title: "智能客服知识库", path: AssistantAdminPages.path))
            modules.append(.init(key: "admin:policies", title: "政策发布", path: PolicyPages.admin))
            modules.append(.init(key: "admin:services", title: "事项管理", path: SiteURL.adminItems))
            modules.append(.init(key: "admin:departments", title: "部门管理", path: SiteURL.adminDepartments))
        }
        let departments: [String]? = if case .some(let codes) = scope { codes.sorted() } else { nil }
        return Summary(
            name: principal.realName,
            roles: principal.grants.map { .init(role: $0.role.rawValue, title: $0.role.title, department: $0.departmentCode) },
            departments: departments, modules: modules)
    }

    @Sendable func summary(_ request: Request) throws -> Summary {
        Self.summary(for: try request.requireStaff(), snapshot: request.catalog.snapshot)
    }

    struct StaffMember: Content {
        var name: String
        var role: String
        var title: String
    }

    /// Internal to a department: its own staff and city-wide roles only.
    @Sendable func staff(_ request: Request) async throws -> [StaffMember] {
        let code = request.parameters.get("code") ?? ""
        let department = try request.catalog.department(code)
        _ = try request.requireDepartmentAccess(department.code)
        guard let model = try await Department.query(on: request.db).filter(\.$code == department.code).first() else {
            throw AppError.notFound("部门", code: "catalog.department_not_found")
        }
        let roles = try await UserRole.query(on: request.db).filter(\.$department.$id == model.requireID()).with(\.$user).all()
        return roles.compactMap { row in
            Role(rawValue: row.role).map { StaffMember(name: row.user.realName, role: $0.rawValue, title: $0.title) }
        }
    }

    @Sendable func page(_ request: Request) throws -> Response {
        let principal = try request.requireStaff()
        let summary = Self.summary(for: principal, snapshot: request.catalog.snapshot)
        let roles: [HTML] = principal.grants.map { grant in
            let department = grant.departmentCode.flatMap { request.catalog.snapshot.department($0)?.name }
            return "<li>\(grant.role.title)\(department.map { "（\($0)）" } ?? "")</li>"
        }
        let modules: [HTML] = summary.modules.map { "<li><a href=\"\($0.path)\"><strong>\($0.title)</strong></a></li>" }
        return Layout.page(request, title: "工作台", """
        <section class="card">
          <h1>工作台</h1>
          <p>\(principal.realName)，您的岗位：</p>
          <ul>\(roles)</ul>
        </section>
        <section class="card"><h2>我的功能</h2>
          \(modules.isEmpty ? "<p class=\"muted\">您的岗位暂无可用功能。</p>" as HTML : "<ul class=\"grid\">\(modules)</ul>")
          <p class="muted">只显示您的岗位和部门可以办理的业务。</p>
        </section>
        """)
    }
}
