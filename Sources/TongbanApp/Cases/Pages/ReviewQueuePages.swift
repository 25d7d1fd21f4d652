import Vapor

/// A department reviewer's queue and the supervisor's list of late work: same rows, different scope.
struct ReviewQueuePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "tasks", use: queue)
        routes.get("workbench", "supervision", use: supervision)
    }

    static func table(_ entries: [TaskQueueEntry], empty: String) -> HTML {
        guard !entries.isEmpty else { return "<p class=\"muted\">\(empty)</p>" }
        let rows: [HTML] = entries.map { entry in
            """
            <tr><td><a href="\(CaseURL.staff(entry.caseId))#task-\(entry.taskId.uuidString)">\(entry.caseNumber)</a></td>
            <td>\(entry.itemName)<br><span class="hint">\(entry.caseTitle)</span></td><td>\(entry.department)</td>
            <td>\(CaseHTML.stateBadge(entry.state, entry.stateTitle))</td>
            <td>\(TimeText.deadline(entry.deadline)) \(CaseHTML.deadlineBadge(entry.deadlineStatus, entry.deadlineStatusTitle))</td></tr>
            """
        }
        return """
        <div class="table-wrap"><table><thead><tr><th>办件编号</th><th>事项</th><th>部门</th><th>状态</th><th>期限</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    @Sendable func queue(_ request: Request) async throws -> Response {
        let reviewer = try request.require(anyOf: [.reviewer])
        let departments = reviewer.grants.filter { $0.role == .reviewer }.compactMap(\.departmentID)
        let entries = try await request.cases.departmentQueue(departments)
        let names = reviewer.grants.filter { $0.role == .reviewer }.compactMap(\.departmentCode)
            .compactMap { request.catalog.snapshot.department($0)?.name }
        return Layout.page(request, title: "审批队列", """
        <section class="card"><h1>审批队列</h1>
          <p class="muted">\(names.joined(separator: "、")) · 按办理期限排序，最紧急的在最前</p>
          \(Self.table(entries, empty: "暂无待审批的事项"))
        </section>
        """)
    }

    @Sendable func supervision(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.supervisor, .leader, .admin])
        let entries = try await request.cases.lateTasks()
        let overdue = entries.filter { $0.deadlineStatus == "overdue" }.count
        return Layout.page(request, title: "效能督办", """
        <section class="card"><h1>效能督办</h1>
          <p>超期 <strong>\(overdue)</strong> 件，预警 <strong>\(entries.count - overdue)</strong> 件（已用时限达 80%）。</p>
          \(Self.table(entries, empty: "目前没有预警或超期的审批事项"))
        </section>
        """)
    }
}
