import Fluent
import TongbanCore
import Vapor

/// The personal inbox (消息) and, for administrators, the SMS outbox: with the logging gateway
/// this is where the texts that would have gone out can be read.
struct NotificationPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "messages", use: inbox)
        routes.post("me", "messages", "read", use: markRead)
        routes.get("admin", "sms", use: outbox)
    }

    @Sendable func inbox(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let messages = try await NotificationService(db: request.db, now: request.application.clock.now()).inbox(principal.userID)
        let rows: [HTML] = messages.map { message in
            let title: HTML = message.link.map { "<a href=\"\($0)\">\(message.title)</a>" } ?? "\(message.title)"
            return """
            <li class="\(message.readAt == nil ? "unread" : "read")"><strong>\(title)</strong>\(message.readAt == nil ? " <span class=\"tag hot\">未读</span>" as HTML : .empty)
            <br>\(message.body)<br><span class="muted">\(TimeText.minute(message.createdAt))</span></li>
            """
        }
        return Layout.page(request, title: "我的消息", """
        <section class="card"><h1>我的消息</h1>
          \(rows.isEmpty ? "<p class=\"muted\">暂无消息</p>" as HTML : """
          <form method="post" action="/me/messages/read">\(Layout.csrfField(request))<button type="submit" class="secondary">全部标为已读</button></form>
          <ul class="list">\(rows)</ul>
          """)
        </section>
        """)
    }

    @Sendable func markRead(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        try await NotificationService(db: request.db, now: request.application.clock.now()).markAllRead(principal.userID)
        return request.redirect(to: "/me/messages", redirectType: .normal)
    }

    @Sendable func outbox(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let messages = try await Notification.query(on: request.db).filter(\.$channel == Notification.Channel.sms.rawValue)
            .sort(\.$createdAt, .descending).limit(200).with(\.$user).all()
        let status = ["pending": "待发送", "sent": "已发送", "failed": "发送失败"]
        let rows: [HTML] = messages.map { message in
            """
            <tr><td>\(TimeText.minute(message.createdAt))</td><td>\(Masking.name(message.user.realName))</td><td>\(message.body)</td>
            <td>\(status[message.status] ?? message.status)\(message.attempts > 1 ? " · 第\(message.attempts)次" : "")\(message.lastError.map { "<br><span class=\"hint\">\($0)</span>" as HTML } ?? .empty)</td></tr>
            """
        }
        return Layout.page(request, title: "短信发件箱", """
        <section class="card"><h1>短信发件箱</h1>
          <p class="muted">最近 200 条。未配置短信网关时，短信只记录在这里和日志中，不会真正发出。</p>
          <div class="table-wrap"><table><thead><tr><th>时间</th><th>接收人</th><th>内容</th><th>状态</th></tr></thead><tbody>\(rows)</tbody></table></div>
        </section>
        """)
    }
}
