import Fluent
import TongbanCore
import Vapor

/// 关爱名单 for the community's staff: who is on it and why, need levels, visitors, last and next visit, what is late.
struct CarePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "care", use: list)
        routes.post("community", ":code", "care", "refresh", use: refresh)
        routes.post("community", ":code", "care", ":entry", "plan", use: plan)
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        try await render(request, errors: [:])
    }

    @Sendable func refresh(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        try request.communities.requireStaff(code, roles: [.communityStaff])
        _ = try await request.communities.find(code)
        try await CareList(db: request.db, cipher: request.application.fieldCipher, now: request.application.clock.now()).refresh(community: code)
        return request.redirect(to: CareURL.list(code), redirectType: .normal)
    }

    @Sendable func plan(_ request: Request) async throws -> Response {
        let (service, code) = (request.care, request.parameters.get("code") ?? "")
        let reader = try service.reader(code)
        guard reader.plans else { throw AppError(.forbidden, "care.not_planner", "只有社区工作人员可以调整走访计划") }
        let entry = try await service.entry(code, request.parameters.get("entry"), for: reader)
        do {
            try await service.plan(code, entry, try request.content.decode(CareService.PlanInput.self))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, errors: [try entry.requireID(): error.details.values.sorted().joined(separator: "；")], status: error.status)
        }
        return request.redirect(to: CareURL.list(code) + "#e\(try entry.requireID())", redirectType: .normal)
    }

    private func render(_ request: Request, errors: [UUID: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let (service, code) = (request.care, request.parameters.get("code") ?? "")
        let reader = try service.reader(code)
        let community = try await request.communities.find(code)
        let all = try await service.entries(code, for: reader, includeClosed: true).map(service.view)
        let open = all.filter(\.open).sorted { ($0.daysOverdue, $1.nextDueOn) > ($1.daysOverdue, $0.nextDueOn) }
        let closed = all.filter { !$0.open }
        let visitors = try await reader.plans ? service.visitors(code) : []
        let rows: [HTML] = open.map { entry in
            let late: HTML = entry.daysOverdue > 0
                ? "<span class=\"clock clock-overdue\">逾期\(entry.daysOverdue)天\(entry.missedNotified ? "（已提醒走访人）" : "")</span>" : "<span class=\"muted\">—</span>"
            return """
            <tr id="e\(entry.id.uuidString)"><td><strong>\(entry.name)</strong><br><span class="muted">\(entry.age)岁 · \(entry.idNumber)</span></td>
              <td>\(entry.address)</td><td>\(entry.reasons.joined(separator: "、"))\(entry.disabilityLevel.map { "（\($0)）" } ?? "")</td>
              <td>\(entry.level) · \(entry.frequency)</td><td>\(entry.visitorName ?? "未分配")</td>
              <td>\(TimeText.minute(entry.lastVisitAt))</td><td>\(CalendarDay(entry.nextDueOn)?.chinese ?? entry.nextDueOn)</td><td>\(late)</td>
              \(reader.plans ? planForm(request, code: code, entry: entry, visitors: visitors, error: errors[entry.id]) : .empty)</tr>
            """
        }
        let closedRows: [HTML] = closed.prefix(100).map {
            "<li>\($0.name) <span class=\"muted\">\($0.reasons.joined(separator: "、")) · \($0.closedReason ?? "")</span></li>"
        }
        let late = open.filter { $0.daysOverdue > 0 }.count
        let header: HTML = reader.plans ? "<th>调整计划</th>" : .empty
        let table: HTML = open.isEmpty ? "<p class=\"muted\">名单中暂时没有人。</p>" : """
          <div class="table-wrap"><table><thead><tr><th>姓名</th><th>住址</th><th>原因</th><th>需求等级</th><th>走访人</th><th>上次走访</th><th>下次应访</th><th>逾期</th>\(header)</tr></thead>
          <tbody>\(rows)</tbody></table></div>
          """
        return Layout.page(request, title: "关爱名单 · \(community.name)", status: status, """
        <section class="card"><h1>关爱名单：\(community.name)</h1>
          <p>按人口库自动生成并每日更新：70岁及以上独居（户内唯一健在成员）、70岁及以上空巢（同户其他人都在60岁及以上），以及持残疾人证的居民。某人被列入、情况变化或移出名单时，这次对人口库的读取记入本人的“谁用了我的数据”（用途：社区关爱）。</p>
          <div class="figures">
            <div class="figure"><p class="muted">在册</p><p class="big">\(open.count)</p><p class="hint">人</p></div>
            <div class="figure"><p class="muted">走访逾期</p><p class="big">\(late)</p><p class="hint">人</p></div>
          </div>
          <p class="actions"><a class="button" href="\(CareURL.visits(code))">走访记录</a>
          \(reader.plans ? "<form class=\"inline\" method=\"post\" action=\"\(CareURL.refresh(code))\">\(Layout.csrfField(request))<button class=\"secondary\" type=\"submit\">按人口库立即更新</button></form>" as HTML : .empty)</p>
          <p class="hint">走访频次：高 每周一次，中 每两周一次，低 每月一次；下次应访日从上次走访算起。</p>
        </section>
        <section class="card"><h2>在册关爱对象</h2>
          \(table)
        </section>
        \(closedRows.isEmpty ? HTML.empty : "<section class=\"card\"><h2>已移出名单</h2><ul class=\"list\">\(closedRows)</ul></section>")
        """)
    }

    private func planForm(_ request: Request, code: String, entry: CareService.EntryView, visitors: [CareService.Visitor], error: String?) -> HTML {
        let levels: [HTML] = CareEntry.Level.allCases.map {
            "<option value=\"\($0.rawValue)\"\(entry.level == $0.rawValue ? " selected" as HTML : .empty)>\($0.rawValue)（\($0.frequency)）</option>"
        }
        let people: [HTML] = [HTML("<option value=\"\">未分配</option>")] + visitors.map {
            "<option value=\"\($0.id.uuidString)\"\(entry.visitorID == $0.id ? " selected" as HTML : .empty)>\($0.name)（\($0.role)）</option>"
        }
        let id = entry.id.uuidString
        return """
        <td><form method="post" action="\(CareURL.plan(code, entry.id))">\(Layout.csrfField(request))
          <label class="visually-hidden" for="level-\(id)">需求等级</label><select id="level-\(id)" name="level">\(levels)</select>
          <label class="visually-hidden" for="visitor-\(id)">走访人</label><select id="visitor-\(id)" name="visitorID">\(people)</select>
          <button class="secondary" type="submit">保存</button>\(error.map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)</form></td>
        """
    }
}
