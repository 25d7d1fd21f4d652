import Foundation
import TongbanCore
import Vapor

/// 驾驶舱 for leaders, supervisors and administrators: figures, charts drawn on the server as SVG, the numbers behind
/// every chart as a table, and each as CSV that Excel opens (UTF-8 with BOM). Works with JavaScript off.
struct InsightsPages: RouteCollection {
    static let path = "/workbench/insights"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "insights", use: page)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.leader, .supervisor, .admin])
        let days = request.query[Int.self, at: "days"] ?? 30
        guard Dashboard.periods.contains(days) else {
            throw AppError.invalid("insights.invalid_period", "统计期间只能是 7、30、90 或 365 天", details: ["days": "7、30、90 或 365"])
        }
        let dashboard = try await request.application.dashboardCache.dashboard(days: days, app: request.application)
        if let export = request.query[String.self, at: "export"] {
            guard let panel = dashboard.panels.first(where: { $0.id == export }) else { throw AppError.notFound("图表", code: "insights.chart_not_found") }
            var headers = HTTPHeaders([("Content-Type", "text/csv; charset=utf-8"), ("Cache-Control", "private, no-store")])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"tongban-\(panel.id)-\(days)d.csv\"")
            return Response(status: .ok, headers: headers, body: .init(data: Data(DataTable(panel.data).csv())))
        }
        let large = request.web.elderMode
        let periods: [HTML] = Dashboard.periods.map { option in
            option == days ? "<strong>近\(option)天</strong>" : "<a href=\"\(Self.path)?days=\(option)\">近\(option)天</a>"
        }
        let figures: [HTML] = dashboard.figures.map {
            "<div class=\"figure\"><p class=\"muted\">\($0.title)</p><p class=\"big\">\($0.value)</p><p class=\"hint\">\($0.note)</p></div>"
        }
        let panels: [HTML] = dashboard.panels.map { panel in
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
              <p><a href="\(Self.path)?days=\(days)&amp;export=\(panel.id)">导出 CSV（Excel 可打开）</a></p>
            </section>
            """
        }
        return Layout.page(request, title: "驾驶舱", """
        <section class="card"><h1>驾驶舱</h1>
          <p>统计期间：\(periods.joined(separator: " · "))。\(CalendarDay(dashboard.from).chinese)至\(CalendarDay(dashboard.to.addingTimeInterval(-1)).chinese)；
          数据计算于 \(TimeText.minute(dashboard.computedAt))，每 \(Int(DashboardCache.freshFor / 60)) 分钟更新。</p>
          <div class="figures">\(figures)</div>
          <p><a href="/workbench/hotline/kpis">12345 热线考核指标</a> · <a href="\(ReviewURL.publicPage)">好差评公示</a> · <a href="\(ReviewURL.rectifications)">差评整改</a></p>
        </section>
        \(panels)
        """)
    }
}
