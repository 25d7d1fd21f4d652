import Foundation
import TongbanCore
import Vapor

/// 热线考核指标 for supervisors and leaders: the indicators of `GET /api/v1/hotline/kpis` as a page.
struct HotlineKPIPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "hotline", "kpis", use: page)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.supervisor, .leader, .admin, .dispatcher])
        let service = request.tickets
        let today = CalendarDay(service.now)
        let fromText = request.query[String.self, at: "from"] ?? today.adding(days: -29).description
        let toText = request.query[String.self, at: "to"] ?? today.description
        guard let from = CalendarDay(fromText), let to = CalendarDay(toText), from <= to else {
            throw AppError.invalid("kpi.date", "日期格式应为 2026-11-25，且开始不晚于结束")
        }
        let kpis = try await service.kpis(from: from.startInstant, to: to.adding(days: 1).startInstant)
        let lines: [HTML] = [
            Self.row("受理工单", "\(kpis.filed) 件"),
            Self.rate("办结率", kpis.completionRate, note: "已答复或办结 / 受理"),
            Self.rate("按时办结率", kpis.onTimeRate, note: "期限内答复 / 答复"),
            Self.rate("满意率", kpis.satisfactionRate, note: "（满意+基本满意）/ 回访 \(kpis.callbacks) 件"),
            Self.row("平均办结时长", kpis.averageWorkdays.map { String(format: "%.1f 个工作日", $0) } ?? "—"),
            Self.rate("一次办结率", kpis.firstContactRate, note: "话务员当场答复 / 受理"),
            Self.rate("重复诉求率", kpis.repeatRate, note: "30 日内同一来电人就相似事项再次反映"),
            Self.rate("接通率", kpis.connectionRate, note: kpis.calls == 0 ? "未导入来电记录" : "接通 / 来电 \(kpis.calls) 个"),
        ]
        let departments: [HTML] = kpis.byDepartment.map { line in
            """
            <tr><td>\(line.departmentName)</td><td>\(line.dispatched)</td><td>\(line.returned)（\(Self.percent(line.returnRate))）</td>
            <td>\(line.replied)</td><td>\(Self.percent(line.onTimeRate))</td><td>\(Self.percent(line.satisfactionRate))</td></tr>
            """
        }
        let departmentTable: HTML = departments.isEmpty ? "<p class=\"muted\">本期没有派单</p>" : """
          <div class="table-wrap"><table><thead><tr><th>部门</th><th>派单</th><th>退单（退单率）</th><th>答复</th><th>按时办结率</th><th>满意率</th></tr></thead>
          <tbody>\(departments)</tbody></table></div>
          """
        return Layout.page(request, title: "热线考核指标", """
        <section class="card"><h1>12345 热线考核指标</h1>
          <form method="get" action="/workbench/hotline/kpis" class="inline-form">
            <label>从 <input type="date" name="from" value="\(from.description)"></label>
            <label>到 <input type="date" name="to" value="\(to.description)"></label>
            <button type="submit">查看</button>
          </form>
          <div class="table-wrap"><table><thead><tr><th>指标</th><th>数值</th><th>口径</th></tr></thead><tbody>\(lines)</tbody></table></div>
        </section>
        <section class="card"><h2>各部门</h2>
          \(departmentTable)
        </section>
        """)
    }

    static func row(_ name: String, _ value: String, note: String = "") -> HTML {
        "<tr><th scope=\"row\">\(name)</th><td>\(value)</td><td class=\"hint\">\(note)</td></tr>"
    }

    /// The figure with a bar drawn on the server, readable without colour (the number is always there).
    static func rate(_ name: String, _ value: Double?, note: String) -> HTML {
        let width = Int(((value ?? 0) * 120).rounded())
        let bar: HTML = value == nil ? "" : """
        <svg width="124" height="12" role="img" aria-label="\(percent(value))"><rect x="0" y="1" width="122" height="10" fill="none" stroke="#8a8a8a"/><rect x="1" y="2" width="\(width)" height="8" fill="#1f6f43"/></svg>
        """
        return "<tr><th scope=\"row\">\(name)</th><td>\(percent(value)) \(bar)</td><td class=\"hint\">\(note)</td></tr>"
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }
}
