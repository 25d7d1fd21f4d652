import Fluent
import TongbanCore
import Vapor

/// Communities in the browser: the staff's 社区工作台 and the resident's 我的社区.
struct CommunityPages: RouteCollection {
    /// What a community's staff open from its page (报修工单, 关爱名单 …): each feature adds its entry here.
    static func staffSections(_ code: String) -> [(title: String, path: String)] {
        [
            ("关爱名单", CareURL.list(code)),
            (title: "账单与欠费", path: BillPages.staff(code)),
            ("报修工单", RepairURL.queue(code)),
            ("通知公告", NoticeURL.community(code)),
            ("社区活动", EventURL.staff(code)),
            ("设备告警", AlarmURL.list(code)),
            ("社区安防", SecurityURL.staff(code)),
            ("协助开户", AssistedRegistrationPages.path(code)),
        ]
    }

    /// What a resident opens from 我的社区 (报修, 缴费, 活动 …): each feature adds its entry here.
    static let residentSections: [(title: String, path: String)] = [
        (title: "社区缴费", path: BillPages.mine),
        ("社区报修", RepairURL.mine),
        ("通知公告", NoticeURL.mine),
        ("社区活动", EventURL.resident),
        ("访客通行证", SecurityURL.mine),
    ]

    static func links(_ sections: [(title: String, path: String)]) -> HTML {
        guard !sections.isEmpty else { return .empty }
        let items: [HTML] = sections.map { "<a class=\"button secondary\" href=\"\($0.path)\">\($0.title)</a>" }
        return "<p class=\"actions\">\(items.joined(separator: " "))</p>"
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", use: staffHome)
        routes.get("community", ":code", use: workbench)
        routes.get("me", "community", use: mine)
    }

    /// One community: straight to it; several (or the city's view): a list.
    @Sendable func staffHome(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let service = request.communities
        let cityWide = person.grants.contains { [.admin, .leader, .supervisor].contains($0.role) }
        let mine = person.communities
        guard cityWide || !mine.isEmpty else { throw AppError(.forbidden, "community.forbidden", "您不是社区工作人员") }
        if !cityWide, mine.count == 1, let only = mine.first { return request.redirect(to: CommunityURL.workbench(only), redirectType: .normal) }
        let communities = try await service.all().filter { cityWide || mine.contains($0.code) }.map(service.view)
        let rows: [HTML] = communities.map {
            "<li><a href=\"\(CommunityURL.workbench($0.code))\"><strong>\($0.name)</strong></a> <span class=\"muted\">\($0.districtName) · \($0.streetName)</span></li>"
        }
        return Layout.page(request, title: "社区工作台", """
        <section class="card"><h1>社区工作台</h1><ul class="list">\(rows)</ul></section>
        """)
    }

    @Sendable func workbench(_ request: Request) async throws -> Response {
        let service = request.communities
        let code = request.parameters.get("code") ?? ""
        let person = try service.requireStaff(code)
        let dashboard = try await CommunityDashboard.compute(try await service.find(code), request: request)
        let community = dashboard.community
        let roles = person.grants.filter { $0.communityCode == code }.map(\.role.title)
        let figures: [HTML] = dashboard.figures.map {
            "<div class=\"figure\"><p class=\"muted\">\($0.title)</p><p class=\"big\">\($0.value)</p><p class=\"hint\">\($0.note)</p></div>"
        }
        let panels: [HTML] = dashboard.panels.map { InsightsPages.panel($0, large: request.web.elderMode, export: nil) }
        return Layout.page(request, title: "\(community.name) · 社区工作台", """
        <section class="card"><h1>\(community.name)</h1>
          <p class="muted">\(community.districtName) · \(community.streetName)\(roles.isEmpty ? "" : " · 您是本社区的\(roles.joined(separator: "、"))")</p>
          <div class="figures">\(figures)</div>
          \(Self.links(Self.staffSections(code)))
          <p class="hint">数据计算于 \(TimeText.minute(dashboard.computedAt))。</p>
        </section>
        \(panels)
        """)
    }

    @Sendable func mine(_ request: Request) async throws -> Response {
        _ = try request.requirePrincipal()
        let service = request.communities
        guard let community = try await service.mine().map(service.view) else {
            return Layout.page(request, title: "我的社区", """
            <section class="card"><h1>我的社区</h1>
              <p>人口库中没有您在六安的户籍地址，暂时无法确定您所在的社区。如已在六安居住，请到居住地社区登记，或拨打 <a href="tel:12345">12345</a>。</p>
            </section>
            """)
        }
        return Layout.page(request, title: "我的社区", """
        <section class="card"><h1>我的社区：\(community.name)</h1>
          <p>\(community.districtName) · \(community.streetName)</p>
          <p class="muted">按人口库中您的户籍地址确定（本次查询已记入“谁用了我的数据”）。</p>
          \(Self.links(Self.residentSections))
        </section>
        """)
    }
}
