import Fluent
import Foundation
import TongbanCore
import Vapor

/// 待派单: the dispatcher's queue, oldest first. Each ticket carries its three suggestions as one-click
/// dispatch buttons, a department choice for any other, and flags for duplicates and repeated complaints.
struct DispatchPages {
    static let shown = 50

    @Sendable func queue(_ request: Request) async throws -> Response {
        let person = try request.require(anyOf: [.dispatcher, .supervisor])
        let service = request.tickets
        let all = try await service.dispatchQueue(person)
        let tickets = Array(all.prefix(Self.shown))
        let details = try await service.queueDetails(tickets.map(\.number))
        let snapshot = request.catalog.snapshot
        let rows: [HTML] = tickets.map { Self.row(request, $0, details[$0.number], snapshot: snapshot) }
        let more: HTML = all.count > tickets.count ? "<p class=\"muted\">另有 \(all.count - tickets.count) 件，派完这些后显示。</p>" : .empty
        return Layout.page(request, title: "派单", """
        <section class="card"><h1>12345 待派单（\(all.count)）</h1>
          <p class="muted">等待最久的在最前。按钮为智能派单的前三个建议，点一下即派出；也可以选择其他部门。</p>
          \(rows.isEmpty ? "<p class=\"muted\">目前没有待派单的工单。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
          \(more)
        </section>
        """)
    }

    static func row(_ request: Request, _ ticket: TicketSummary, _ detail: TicketService.QueueDetail?, snapshot: CatalogSnapshot) -> HTML {
        let back: HTML = "<input type=\"hidden\" name=\"back\" value=\"\(HotlineURL.dispatch)\">"
        let action = HotlineURL.staff(ticket.number, "dispatch")
        let buttons: [HTML] = (detail?.suggestions ?? []).map { suggestion in
            """
            <form method="post" action="\(action)" class="inline">\(Layout.csrfField(request))\(back)
              <input type="hidden" name="department" value="\(suggestion.department)">
              <button type="submit">派至\(TicketHTML.departmentName(suggestion.department, snapshot))（\(TicketHTML.percent(suggestion.confidence))）</button></form>
            """
        }
        let related: [HTML] = [(detail?.duplicate, "疑似重复件"), (detail?.earlier, "同一来电人重复反映")].compactMap { reference, label in
            guard let reference else { return nil }
            let score: HTML = reference.score.map { "，相似度 \(TicketHTML.percent($0))" as HTML } ?? .empty
            let merge: HTML = reference.open ? """
                <form method="post" action="\(HotlineURL.staff(ticket.number, "merge"))" class="inline">\(Layout.csrfField(request))\(back)
                  <input type="hidden" name="parent" value="\(reference.number)">
                  <button type="submit" class="secondary">合并到 \(reference.number)</button></form>
                """ : "（该工单已办结，不能合并）"
            return """
            <p><span class="tag hot">\(label)</span> 与 <a href="\(HotlineURL.staff(reference.number))">\(reference.number)</a>“\(reference.title)”\(score) \(merge)</p>
            """
        }
        let id = "d-\(ticket.number)"
        return """
        <li id="t-\(ticket.number)">
          <p><a href="\(HotlineURL.staff(ticket.number))"><strong>\(ticket.number)</strong></a> <span class="tag">\(ticket.typeTitle)</span>
            <span class="tag">\(ticket.channelTitle)</span> \(ticket.districtName ?? "区县未识别") · \(TimeText.minute(ticket.createdAt))
            \(ticket.returnCount > 0 ? "<span class=\"tag hot\">退单 \(ticket.returnCount) 次</span>" as HTML : .empty)</p>
          <p><strong>\(ticket.title)</strong><br><span class="hint">\(detail.map { String($0.body.prefix(120)) } ?? "")</span></p>
          \(related)
          <div>\(buttons)</div>
          <form method="post" action="\(action)" class="stacked">\(Layout.csrfField(request))\(back)
            \(TicketHTML.select("department", "其他部门", id: id, options: TicketHTML.departmentOptions(snapshot), selected: nil, placeholder: "请选择部门",
                                attributes: "required"))
            <p><button type="submit" class="secondary">派单</button></p>
          </form>
        </li>
        """
    }
}
