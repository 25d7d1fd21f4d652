import Foundation
import TongbanCore
import Vapor

/// The department's queue (most urgent deadline first, with 预警/超期 badges) and the supervisors' list
/// of overdue, at-risk and extension requests.
struct HandlingQueuePages {
    @Sendable func department(_ request: Request) async throws -> Response {
        let person = try request.require(anyOf: [.handler, .supervisor, .leader, .admin])
        let snapshot = request.catalog.snapshot
        let chosen = request.query[String.self, at: "department"]?.trimmed.nilIfEmpty
        let own = person.grants.filter { $0.role == .handler }.compactMap(\.departmentCode)
        let cityWide = person.has(.supervisor) || person.has(.leader) || person.has(.admin)
        let picker: HTML = cityWide || own.count > 1 ? """
            <form method="get" action="\(HotlineURL.department)" class="stacked">
              \(TicketHTML.select("department", "部门", options: TicketHTML.departmentOptions(snapshot).filter { cityWide || own.contains($0.value) },
                                  selected: chosen, placeholder: own.isEmpty ? "请选择部门" : "本人所在部门"))
              <p><button type="submit" class="secondary">查看</button></p>
            </form>
            """ : .empty
        guard chosen != nil || !own.isEmpty else {
            return Layout.page(request, title: "部门工单", """
            <section class="card"><h1>部门工单</h1><p>请选择要查看的部门。</p>\(picker)</section>
            """)
        }
        let tickets = try await request.tickets.departmentQueue(person, department: chosen)
        let names = (chosen.map { [$0] } ?? own).map { TicketHTML.departmentName($0, snapshot) }
        let late = tickets.filter { $0.deadlineStatus == DeadlineStatus.overdue.rawValue }.count
        let risky = tickets.filter { $0.deadlineStatus == DeadlineStatus.atRisk.rawValue }.count
        return Layout.page(request, title: "部门工单", """
        <section class="card"><h1>12345 部门工单</h1>
          <p class="muted">\(names.joined(separator: "、")) · 按答复期限排序，最紧急的在最前</p>
          <p>共 <strong>\(tickets.count)</strong> 件，其中超期 <strong>\(late)</strong> 件，预警 <strong>\(risky)</strong> 件。</p>
          \(picker)
          \(TicketHTML.table(tickets, empty: "暂无待办的工单", snapshot: snapshot))
        </section>
        """)
    }

    @Sendable func supervision(_ request: Request) async throws -> Response {
        let person = try request.require(anyOf: [.supervisor, .leader, .admin])
        let lists = try await request.tickets.supervision(person)
        let snapshot = request.catalog.snapshot
        return Layout.page(request, title: "12345督办", """
        <section class="card"><h1>12345 督办</h1>
          <p>超期 <strong>\(lists.overdue.count)</strong> 件，预警 <strong>\(lists.atRisk.count)</strong> 件（已用时限达 80%），
             延期申请 <strong>\(lists.extensionRequests.count)</strong> 件待审核。</p>
          <p class="muted">打开工单可以督办、改派或审核延期申请。</p>
        </section>
        <section class="card" id="overdue"><h2>超期（\(lists.overdue.count)）</h2>
          \(TicketHTML.table(lists.overdue, empty: "没有超期的工单", snapshot: snapshot))</section>
        <section class="card" id="at-risk"><h2>预警（\(lists.atRisk.count)）</h2>
          \(TicketHTML.table(lists.atRisk, empty: "没有预警的工单", snapshot: snapshot))</section>
        <section class="card" id="extensions"><h2>延期申请（\(lists.extensionRequests.count)）</h2>
          \(TicketHTML.table(lists.extensionRequests, empty: "没有待审核的延期申请", snapshot: snapshot))</section>
        """)
    }
}
