import Foundation
import TongbanCore
import Vapor

/// 考核 in the browser: the month's scorecard for leaders, supervisors and administrators, and the weights form
/// for administrators. Plain forms; the scores as a chart, a table and CSV.
struct AssessmentPages: RouteCollection {
    static let path = "/workbench/assessment"
    static let weightsPath = "/admin/assessment"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "assessment", use: scorecard)
        routes.get("admin", "assessment", use: weightsForm)
        routes.post("admin", "assessment", use: saveWeights)
    }

    @Sendable func scorecard(_ request: Request) async throws -> Response {
        let person = try request.require(anyOf: [.leader, .supervisor, .admin])
        let today = CalendarDay(request.application.clock.now())
        let first: CalendarDay
        if let text = request.query[String.self, at: "month"] {
            guard let day = CalendarDay(text + "-01") else {
                throw AppError.invalid("assessment.invalid_month", "月份格式应为 2025-10", details: ["month": "如 2025-10"])
            }
            first = day
        } else {
            first = CalendarDay(year: today.year, month: today.month, day: 1)
        }
        let month = try await Assessment.month(request.application, first: first)
        let snapshot = request.catalog.snapshot
        let previous = Dictionary(month.previous.lines.map { ($0.department, $0) }, uniquingKeysWith: { a, _ in a })
        let measures = Scorecard.Measure.allCases.filter { (month.card.weights[$0] ?? 0) > 0 }
        let name = { (code: String) in snapshot.department(code)?.name ?? code }
        let table = ChartData(title: "\(first.year)年\(first.month)月部门考核", unit: "分", categoryName: "部门",
                              categories: month.card.lines.map { name($0.department) }, series: [
                                  ChartSeries("本月得分", month.card.lines.map(\.score)),
                                  ChartSeries("上月得分", month.card.lines.map { previous[$0.department]?.score }),
                              ] + measures.map { measure in ChartSeries(measure.title + "（%）", month.card.lines.map { $0.rates[measure].map { ($0 * 1000).rounded() / 10 } }) })
        if request.query[String.self, at: "export"] == "csv" {
            var headers = HTTPHeaders([("Content-Type", "text/csv; charset=utf-8"), ("Cache-Control", "private, no-store")])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"tongban-assessment-\(first.year)-\(first.month).csv\"")
            return Response(status: .ok, headers: headers, body: .init(data: Data(DataTable(table).csv())))
        }
        let rows: [HTML] = month.card.lines.map { line in
            let before = previous[line.department]?.score
            let change: String = switch (line.score, before) {
            case (let now?, let then?): String(format: "%+.1f", now - then)
            default: "—"
            }
            let cells: [HTML] = measures.map { measure in "<td>\(line.rates[measure].map { String(format: "%.1f%%", $0 * 100) } ?? "—")</td>" }
            return "<tr><td>\(line.rank.map(String.init) ?? "—")</td><th scope=\"row\">\(name(line.department))</th><td><strong>\(line.score.map { String(format: "%.1f", $0) } ?? "—")</strong></td><td>\(change)</td>\(cells)</tr>"
        }
        let header: [HTML] = measures.map { "<th scope=\"col\">\($0.title)（权重 \(Int(month.card.weights[$0] ?? 0))）</th>" }
        let chart = BarChart(ChartData(title: table.title, unit: "分", categoryName: "部门", categories: table.categories,
                                       series: Array(table.series.prefix(2)))).svg(id: "assessment", large: request.web.elderMode)
        let previousMonth = Assessment.Month.before(first)
        return Layout.page(request, title: "部门考核", """
        <section class="card"><h1>部门考核 · \(first.year)年\(first.month)月</h1>
          <p>得分 = 各项指标（0–100%）按权重加权；某项本月没有数据的部门，该项不计入，其余权重按比例放大。
          <a href="\(Self.path)?month=\(String(format: "%04d-%02d", previousMonth.year, previousMonth.month))">上个月</a>
          · <a href="\(Self.path)?month=\(String(format: "%04d-%02d", first.year, first.month))&amp;export=csv">导出 CSV</a>
          \(person.isAdmin ? " · <a href=\"\(Self.weightsPath)\">设置权重</a>" as HTML : .empty)</p>
          <div class="table-scroll"><table><thead><tr><th scope="col">排名</th><th scope="col">部门</th><th scope="col">得分</th><th scope="col">较上月</th>\(header)</tr></thead>
          <tbody>\(rows)</tbody></table></div>
          <p class="hint">数据共享响应尚未纳入考核（见 docs/status.md）。</p>
        </section>
        <section class="card">\(HTML(unsafeRaw: chart))</section>
        """)
    }

    @Sendable func weightsForm(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.admin])
        return render(request, weights: try await Assessment.weights(request.db), errors: [:], saved: request.query[String.self, at: "saved"] != nil)
    }

    private func render(_ request: Request, weights: [Scorecard.Measure: Double], errors: [String: String], saved: Bool,
                        status: HTTPResponseStatus = .ok) -> Response {
        let fields: [HTML] = Scorecard.Measure.allCases.map { measure in
            """
            <label for="\(measure.rawValue)">\(measure.title)</label>
            <input id="\(measure.rawValue)" name="\(measure.rawValue)" type="number" min="0" max="100" step="1" inputmode="numeric"
                   value="\(Int(weights[measure] ?? 0))" required>
            \(errors[measure.rawValue].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
            """
        }
        return Layout.page(request, title: "考核权重", status: status, """
        <section class="card"><h1>部门考核权重</h1>
          \(saved ? "<p class=\"notice\" role=\"status\">已保存，考核结果已按新权重计算。</p>" as HTML : .empty)
          \(errors["form"].map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form class="stacked" method="post" action="\(Self.weightsPath)">
            \(Layout.csrfField(request))
            \(fields)
            <p class="hint">每项 0–100；权重为 0 的指标不参与考核。</p>
            <p><button type="submit">保存</button> <a href="\(Self.path)">查看考核结果</a></p>
          </form>
        </section>
        """)
    }

    @Sendable func saveWeights(_ request: Request) async throws -> Response {
        let admin = try request.require(anyOf: [.admin])
        let form = try request.content.decode([String: String].self)
        var weights: [Scorecard.Measure: Double] = [:]
        var errors: [String: String] = [:]
        for measure in Scorecard.Measure.allCases {
            let text = form[measure.rawValue]?.trimmed ?? ""
            if let value = Double(text), value.isFinite, (0...100).contains(value) { weights[measure] = value } else { errors[measure.rawValue] = "请填写 0–100 之间的数" }
        }
        if errors.isEmpty, weights.values.allSatisfy({ $0 == 0 }) { errors["form"] = "至少一项指标的权重要大于 0" }
        guard errors.isEmpty else {
            var shown = try await Assessment.weights(request.db)
            for (measure, value) in weights { shown[measure] = value }
            return render(request, weights: shown, errors: errors, saved: false, status: .unprocessableEntity)
        }
        try await Assessment.save(weights, by: admin, on: request.db, now: request.application.clock.now())
        return request.redirect(to: Self.weightsPath + "?saved=1", redirectType: .normal)
    }
}
