import Foundation
import TongbanCore
import Vapor

/// 通知公告 in the browser: the community's staff publish to all residents or one building and see what they sent;
/// residents read their community's notices from 我的社区.
struct CommunityNoticePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "notices", use: page)
        routes.post("community", ":code", "notices", use: publish)
        routes.get("me", "community", "notices", use: mine)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        try await render(request, form: NoticeInput(), errors: [:], message: nil)
    }

    func render(_ request: Request, form: NoticeInput, errors: [String: String], message: String?,
                status: HTTPResponseStatus = .ok) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let person = try request.communities.requireStaff(code)
        let community = try await request.communities.find(code)
        let service = request.communityNotices
        let sent = try await service.list(code)
        var publishing: HTML = .empty
        if person.has(.communityStaff, inCommunity: code) {
            let buildings = try await service.buildings(code).map { (value: $0, title: $0) }
            let published: HTML = request.query[Int.self, at: "published"].map {
                "<p class=\"notice\" role=\"status\">已发布，\($0) 位有账户的居民收到了消息。</p>"
            } ?? .empty
            publishing = """
            <section class="card" id="publish"><h2>发布通知</h2>
              \(published)\(TicketHTML.alert(errors.isEmpty ? message : "提交的内容有误，请按提示修改。"))
              <form class="stacked" method="post" action="\(NoticeURL.community(code))#publish">
                \(Layout.csrfField(request))
                \(TicketHTML.select("building", "发给", options: buildings, selected: form.building, placeholder: "全体居民",
                                    hint: "选一栋楼，只通知登记在这栋楼的居民。", error: errors["building"]))
                \(TicketHTML.input("title", "标题", value: form.title, error: errors["title"],
                                   attributes: "required minlength=\"2\" maxlength=\"\(CommunityNoticeService.maxTitle)\""))
                \(TicketHTML.textArea("body", "内容", value: form.body, hint: "如停水停电的时间和范围、需要居民配合的事项。", error: errors["body"],
                                      attributes: "required minlength=\"5\" maxlength=\"\(CommunityNoticeService.maxBody)\" rows=\"5\""))
                <label><input type="checkbox" name="sms" value="true"\(form.sms == true ? " checked" as HTML : .empty)> 同时发送短信</label>
                <p class="hint">默认只发站内消息；紧急事项再勾选短信。</p>
                <p><button type="submit">发布</button></p>
              </form>
            </section>
            """
        }
        let rows: [HTML] = sent.map { notice in
            """
            <li><strong>\(notice.title)</strong> <span class="tag">\(notice.audience)</span>\(notice.sms ? " <span class=\"tag\">短信</span>" as HTML : .empty)<br>
            \(TicketHTML.multiline(notice.body))<br>
            <span class="muted">\(notice.author) · \(TimeText.minute(notice.createdAt)) · 送达 \(notice.recipients) 位有账户的居民</span></li>
            """
        }
        return Layout.page(request, title: "通知公告 · \(community.name)", status: status, """
        <section class="card"><h1>通知公告 · \(community.name)</h1>
          <p><a href="\(CommunityURL.workbench(code))">返回社区工作台</a></p></section>
        \(publishing)
        <section class="card"><h2>已发布</h2>
          \(rows.isEmpty ? "<p class=\"muted\">还没有发布过通知。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")</section>
        """)
    }

    struct PublishForm: Content {
        var title: String?
        var body: String?
        var building: String?
        var sms: String?

        var input: NoticeInput { NoticeInput(title: title, body: body, building: building, sms: sms == "true") }
    }

    @Sendable func publish(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let person = try request.communities.requireStaff(code)
        let form = try request.content.decode(PublishForm.self).input
        do {
            let notice = try await request.communityNotices.publish(form, in: try await request.communities.find(code), by: person)
            return request.redirect(to: NoticeURL.community(code) + "?published=\(notice.recipients)#publish", redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, form: form, errors: error.details, message: error.message, status: error.status)
        }
    }

    @Sendable func mine(_ request: Request) async throws -> Response {
        _ = try request.requirePrincipal()
        guard let mine = try await request.communityNotices.mine() else {
            return Layout.page(request, title: "通知公告", """
            <section class="card"><h1>通知公告</h1><p>人口库中没有您在六安的户籍地址，暂时无法确定您所在的社区。</p></section>
            """)
        }
        let rows: [HTML] = mine.notices.map { notice in
            """
            <li><strong>\(notice.title)</strong> <span class="tag">\(notice.audience)</span><br>\(TicketHTML.multiline(notice.body))<br>
            <span class="muted">\(TimeText.minute(notice.createdAt))</span></li>
            """
        }
        return Layout.page(request, title: "通知公告 · \(mine.community.name)", """
        <section class="card"><h1>通知公告 · \(mine.community.name)</h1>
          <p class="muted">发给全体居民\(mine.building.map { "和\($0)" } ?? "")的通知。</p>
          \(rows.isEmpty ? "<p class=\"muted\">暂无通知。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
          <p><a href="\(CommunityURL.mine)">返回我的社区</a></p>
        </section>
        """)
    }
}
