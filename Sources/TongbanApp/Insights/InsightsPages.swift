import Foundation
import TongbanCore
import Vapor

/// 驾驶舱: figures, charts drawn on the server as SVG, the numbers behind every chart as a table, and each as CSV that
/// Excel opens (UTF-8 with BOM). Works with JavaScript off. Leaders, supervisors and administrators see the city and
/// may choose any department; a department's staff see their own department only.
struct InsightsPages: RouteCollection {
    static let path = "/workbench/insights"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "insights", use: page)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let days = request.query[Int.self, at: "days"] ?? 30
        guard Dashboard.periods.contains(days) else {
            throw AppError.invalid("insights.invalid_period", "统计期间只能是 7、30、90 或 365 天", details: ["days": "7、30、90 或 365"])
        }
        let scope = try Self.scope(request, person: person)
        let dashboard = try await request.application.dashboardCache.dashboard(days: days, scope: scope, app: request.application)
        let department = scope.map { "&amp;department=\($0.code)" as HTML } ?? .empty
        if let export = request.query[String.self, at: "export"] {
            guard let panel = dashboard.panels.first(where: { $0.id == export }) else { throw AppError.notFound("图表", code: "insights.chart_not_found") }
            var headers = HTTPHeaders([("Content-Type", "text/csv; charset=utf-8"), ("Cache-Control", "private, no-store")])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"tongban-\(scope.map { "\($0.code)-" } ?? "")\(panel.id)-\(days)d.csv\"")
            return Response(status: .ok, headers: headers, body: .init(data: Data(DataTable(panel.data).csv())))
        }
        let large = request.web.elderMode
        let periods: [HTML] = Dashboard.periods.map { option in
            option == days ? "<strong>近\(option)天</strong>" : "<a href=\"\(Self.path)?days=\(option)\(department)\">近\(option)天</a>"
        }
        let figures: [HTML] = dashboard.figures.map {
            "<div class=\"figure\"><p class=\"muted\">\($0.title)</p><p class=\"big\">\($0.value)</p><p class=\"hint\">\($0.note)</p></div>"
        }
        let panels: [HTML] = dashboard.panels.map { panel in
            Self.panel(panel, large: large, export: "\(Self.path)?days=\(days)\(department)&amp;export=\(panel.id)" as HTML)
        }
        let title = scope.map { "驾驶舱 · \($0.name)" } ?? "驾驶舱 · 全市"
        return Layout.page(request, title: title, """
        <section class="card"><h1>\(title)</h1>
          \(Self.chooser(request, person: person, days: days, scope: scope))
          <p>统计期间：\(periods.joined(separator: " · "))。\(CalendarDay(dashboard.from).chinese)至\(CalendarDay(dashboard.to.addingTimeInterval(-1)).chinese)；
          数据计算于 \(TimeText.minute(dashboard.computedAt))，每 \(Int(DashboardCache.freshFor / 60)) 分钟更新。</p>
          <div class="figures">\(figures)</div>
          <p><a href="/workbench/hotline/kpis">12345 热线考核指标</a> · <a href="\(ReviewURL.publicPage)">好差评公示</a> · <a href="\(ReviewURL.rectifications)">差评整改</a></p>
        </section>
        \(panels)
        """)
    }

    /// The department the page shows: any (or the city) for oversight roles, one of their own for department staff.
    /// One chart with its note, its data as a table (for screen readers and JavaScript-free phones) and, given a link, its CSV.
    static func panel(_ panel: Dashboard.Panel, large: Bool, export: HTML?) -> HTML {
        let svg: String = switch panel.kind {
        case .stackedBar: StackedBarChart(panel.data).svg(id: panel.id, large: large)
        case .bar: BarChart(panel.data).svg(id: panel.id, large: large)
        case .line: LineChart(panel.data).svg(id: panel.id, large: large)
        case .heat: HeatTable(panel.data).svg(id: panel.id, large: large)
        }
        let table = DataTable(panel.data)
        let header: [HTML] = table.headers.map { "<th scope=\"col\">\($0)</th>" }
        let rows: [HTML] = table.displayRows.map { row in
            let cells: [HTML] = row.enumerated().map { $0.offset == 0 ? "<th scope=\"row\">\($0.element)</th>" : "<td>\($0.element)</td>" }
            return "<tr>\(cells)</tr>"
        }
        return """
        <section class="card" id="\(panel.id)"><h2>\(panel.data.title)</h2>
          \(HTML(unsafeRaw: svg))
          <p class="hint">\(panel.note)</p>
          <details><summary>查看数据表</summary>
            <div class="table-scroll"><table><thead><tr>\(header)</tr></thead><tbody>\(rows)</tbody></table></div></details>
          \(export.map { "<p><a href=\"\($0)\">导出 CSV（Excel 可打开）</a></p>" as HTML } ?? .empty)
        </section>
        """
    }

    static func scope(_ request: Request, person: Principal) throws -> Dashboard.Scope? {
        let requested = request.query[String.self, at: "department"]?.trimmed.nilIfEmpty
        let snapshot = request.catalog.snapshot
        guard person.visibleDepartments == .all else {
            let own = person.grants.filter { $0.role.isStaff }.compactMap { $0.departmentCode.flatMap { Dashboard.Scope($0, in: snapshot) } }
            guard !own.isEmpty else { throw AppError.forbidden }
            guard let scope = requested.map({ code in own.first { $0.code == code } }) ?? own.first else {
                throw AppError(.forbidden, "auth.other_department", "您只能查看本部门的业务数据")
            }
            return scope
        }
        guard let requested else { return nil }
        guard let scope = Dashboard.Scope(requested, in: snapshot) else { throw AppError.notFound("部门", code: "insights.department_not_found") }
        return scope
    }

    /// A plain GET form, so choosing works without JavaScript.
    static func chooser(_ request: Request, person: Principal, days: Int, scope: Dashboard.Scope?) -> HTML {
        let choices: [(code: String, name: String)]
        if person.visibleDepartments == .all {
            choices = [("", "全市")] + request.catalog.snapshot.departments.map { ($0.code, $0.name) }
        } else {
            let own = Set(person.grants.compactMap(\.departmentCode))
            choices = request.catalog.snapshot.departments.filter { own.contains($0.code) }.map { ($0.code, $0.name) }
            if choices.count < 2 { return .empty }
        }
        let options: [HTML] = choices.map { choice in
            "<option value=\"\(choice.code)\"\((scope?.code ?? "") == choice.code ? " selected" as HTML : .empty)>\(choice.name)</option>"
        }
        return """
        <form method="get" action="\(path)" class="inline-form"><input type="hidden" name="days" value="\(days)">
          <label for="department">范围</label> <select id="department" name="department">\(options)</select> <button type="submit">查看</button></form>
        """
    }
}
