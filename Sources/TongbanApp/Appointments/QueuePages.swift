import Fluent
import TongbanCore
import Vapor

/// The hall in the browser, JavaScript off: the kiosk's 取号 page and the number it gives, the TV's display page
/// (refreshes itself), and the clerk's 叫号 page on the workbench.
struct QueuePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("halls", use: halls)
        routes.get("halls", ":hall", "take", use: takePage)
        routes.post("halls", ":hall", "take", use: take)
        routes.get("halls", ":hall", "tickets", ":id", use: ticket)
        routes.get("halls", ":hall", "display", use: display)
        routes.get("workbench", "queue", use: workbench)
        routes.post("workbench", "queue", "call", use: call)
        routes.post("workbench", "queue", ":id", "finish", use: finish)
    }

    @Sendable func halls(_ request: Request) async throws -> Response {
        let items: [HTML] = try await ServiceHall.query(on: request.db).sort(\.$code).all().map { hall in
            """
            <li><strong>\(hall.name)</strong><br><span class="muted">\(hall.address) · \(hall.hours)</span><br>
              <a class="button" href="\(QueueURL.take(hall.code))">取号</a> <a class="button secondary" href="\(QueueURL.display(hall.code))">叫号屏</a></li>
            """
        }
        return Layout.page(request, title: "政务服务中心", """
        <section class="card"><h1>政务服务中心 · 取号</h1><ul class="list">\(items)</ul></section>
        """)
    }

    @Sendable func takePage(_ request: Request) async throws -> Response {
        try await renderTake(request, input: .init(), errors: [:])
    }

    private func renderTake(_ request: Request, input: QueueService.TakeInput, errors: [String: String],
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let service = request.queues
        let hall = try await service.hall(request.parameters.get("hall") ?? "")
        let options: [HTML] = try await service.departments(of: hall).map { department in
            "<label class=\"choice\"><input type=\"radio\" name=\"department\" value=\"\(department.code)\"\(input.department == department.code ? " checked" : "")> \(department.name)</label>"
        }
        return Layout.page(request, title: "取号 · \(hall.name)", status: status, """
        <section class="card"><h1>\(hall.name) · 取号</h1>
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">请按提示修改</p>")
          <form method="post" action="\(QueueURL.take(hall.code))" class="stacked">
            \(Layout.csrfField(request))
            \(IdentityPages.field("bookingCode", "已预约？输入预约码", value: input.bookingCode ?? "", hint: "有预约的按预约时段优先叫号；没有预约请选择业务",
                                  error: errors["bookingCode"], attributes: "inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"8\""))
            <fieldset><legend>办理什么业务</legend>\(options)\(errors["department"].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)</fieldset>
            \(IdentityPages.field("idNumber", "身份证号码（可选）", value: input.idNumber ?? "", hint: "70岁以上老人、残疾人填写后自动进入绿色通道优先叫号",
                                  error: errors["idNumber"], attributes: "autocomplete=\"off\""))
            <label class="choice"><input type="checkbox" name="pregnant" value="true"\(input.pregnant == true ? " checked" : "")> 我是孕妇（绿色通道）</label>
            <p><button type="submit">取号</button></p>
          </form>
        </section>
        """)
    }

    struct TakeForm: Content {
        var bookingCode: String?
        var department: String?
        var idNumber: String?
        var pregnant: String?
    }

    @Sendable func take(_ request: Request) async throws -> Response {
        let form = try request.content.decode(TakeForm.self)
        let input = QueueService.TakeInput(department: form.department, idNumber: form.idNumber, pregnant: form.pregnant == "true",
                                           bookingCode: form.bookingCode)
        let code = request.parameters.get("hall") ?? ""
        do {
            let ticket = try await request.queues.take(input, hall: code)
            return request.redirect(to: QueueURL.ticket(code, ticket.id!), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderTake(request, input: input, errors: error.details, status: error.status)
        }
    }

    @Sendable func ticket(_ request: Request) async throws -> Response {
        let service = request.queues
        let hall = try await service.hall(request.parameters.get("hall") ?? "")
        guard let id = request.parameters.get("id", as: UUID.self), let ticket = try await QueueTicket.find(id, on: request.db), ticket.hallID == hall.id else {
            throw AppError.notFound("排队号", code: "queue.ticket_not_found")
        }
        let ahead = ticket.state == .waiting ? try await service.ahead(of: ticket) : 0
        let department = request.catalog.snapshot.department(ticket.departmentCode)?.name ?? ticket.departmentCode
        return Layout.page(request, title: "您的号码 \(ticket.number)", """
        <section class="card queue-ticket"><h1>您的号码</h1>
          <p class="queue-number">\(ticket.number)</p>
          <p>\(hall.name) · \(department)\(ticket.priorityReason.map { " · 绿色通道（\($0)）" } ?? "")</p>
          <p>\(ticket.state == .waiting ? "前面还有 \(ahead) 人，请留意叫号屏" : ticket.state == .called ? "请到 \(ticket.windowNumber ?? 0) 号窗口办理" : ticket.state.title)</p>
          <p class="muted">取号时间 \(TimeText.minute(ticket.issuedAt))。过号请到综合窗口重新取号。</p>
        </section>
        """)
    }

    @Sendable func display(_ request: Request) async throws -> Response {
        let code = request.parameters.get("hall") ?? ""
        let board = try await request.queues.display(hall: code)
        let called: [HTML] = board.called.map { "<tr><td class=\"queue-number\">\($0.number)</td><td>请到 \($0.window) 号窗口<br><span class=\"muted\">\($0.windowName)</span></td></tr>" }
        let waiting: [HTML] = board.waiting.map { "<li>\($0.name)：等候 <strong>\($0.count)</strong> 人</li>" }
        // A TV browser runs no script: the page asks to be fetched again every five seconds.
        let html: HTML = """
        <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>叫号 · \(board.hall)</title>
        <link rel="stylesheet" href="/static/app.css"></head>
        <body class="elder hall-display"><main>
          <h1>\(board.hall) · 叫号</h1>
          \(called.isEmpty ? "<p class=\"big\">请稍候</p>" as HTML : "<table class=\"called\"><tbody>\(called)</tbody></table>")
          <h2>等候 \(board.totalWaiting) 人</h2><ul class="waiting">\(waiting)</ul>
        </main></body></html>
        """
        var headers = HTTPHeaders([("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")])
        headers.replaceOrAdd(name: "Refresh", value: "5")
        return Response(status: .ok, headers: headers, body: .init(string: html.description))
    }

    // MARK: The clerk's window

    struct WindowChoice: Content {
        var hall: String?
        var window: Int?
    }

    @Sendable func workbench(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        let choice = (try? request.query.decode(WindowChoice.self)) ?? WindowChoice()
        return try await renderWorkbench(request, choice: choice, message: nil)
    }

    private func renderWorkbench(_ request: Request, choice: WindowChoice, message: String?) async throws -> Response {
        let halls = try await ServiceHall.query(on: request.db).sort(\.$code).all()
        let options: [HTML] = halls.map { "<option value=\"\($0.code)\"\(choice.hall == $0.code ? " selected" : "")>\($0.name)</option>" }
        var current: HTML = .empty
        if let code = choice.hall, let window = choice.window, let hall = halls.first(where: { $0.code == code }) {
            let today = CalendarDay(request.application.clock.now()).description
            let serving = try await QueueTicket.query(on: request.db).filter(\.$hallID == hall.requireID()).filter(\.$day == today)
                .filter(\.$windowNumber == window).filter(\.$status == QueueTicket.Status.called.rawValue).first()
            let finish: HTML = serving.map { ticket in """
                <p>当前：<strong class="queue-number">\(ticket.number)</strong>\(ticket.priorityReason.map { "（绿色通道：\($0)）" } ?? "")
                · \(request.catalog.snapshot.department(ticket.departmentCode)?.name ?? "")</p>
                <form method="post" action="\(QueueURL.workbench)/\(ticket.id!.uuidString)/finish" class="inline">\(Layout.csrfField(request))
                  <input type="hidden" name="hall" value="\(code)"><input type="hidden" name="window" value="\(window)">
                  <button type="submit" name="outcome" value="served" class="secondary">办结</button>
                  <button type="submit" name="outcome" value="skipped" class="secondary">过号</button></form>
                """ } ?? "<p class=\"muted\">当前没有在办的号。</p>"
            current = """
            <section class="card"><h2>\(hall.name) · \(window) 号窗口</h2>
              \(message.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? .empty)
              \(finish)
              <form method="post" action="\(QueueURL.workbench)/call">\(Layout.csrfField(request))
                <input type="hidden" name="hall" value="\(code)"><input type="hidden" name="window" value="\(window)">
                <button type="submit">叫下一位</button></form>
            </section>
            """
        }
        return Layout.page(request, title: "叫号", """
        <section class="card"><h1>窗口叫号</h1>
          <form method="get" action="\(QueueURL.workbench)" class="inline">
            <label for="hall">服务中心</label><select id="hall" name="hall">\(options)</select>
            <label for="window">窗口号</label><input id="window" name="window" type="number" min="1" max="99" value="\(choice.window.map(String.init) ?? "1")">
            <button type="submit" class="secondary">进入窗口</button>
          </form>
        </section>
        \(current)
        """)
    }

    @Sendable func call(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        let choice = try request.content.decode(WindowChoice.self)
        let called = try await request.queues.callNext(hall: choice.hall ?? "", window: choice.window ?? 0)
        return try await renderWorkbench(request, choice: choice, message: called.map { "已叫号 \($0.number)" } ?? "没有等候的人")
    }

    struct FinishForm: Content {
        var hall: String?
        var window: Int?
        var outcome: String?
    }

    @Sendable func finish(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        let form = try request.content.decode(FinishForm.self)
        let ticket = try await request.queues.finish(request.parameters.get("id", as: UUID.self), skipped: form.outcome == "skipped")
        return try await renderWorkbench(request, choice: .init(hall: form.hall, window: form.window),
                                         message: "\(ticket.number) \(ticket.state.title)")
    }
}
