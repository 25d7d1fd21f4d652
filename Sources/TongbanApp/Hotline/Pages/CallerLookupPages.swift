import Foundation
import TongbanCore
import Vapor

/// Following a ticket without an account: the look-up by number and 查询码, and the SMS link
/// (`/hotline/callback/{number}?code=…`) that shows the reply and takes the rating.
struct CallerLookupPages {
    @Sendable func lookup(_ request: Request) async throws -> Response {
        let number = (request.query[String.self, at: "number"] ?? "").trimmed
        let code = (request.query[String.self, at: "code"] ?? "").trimmed
        guard !number.isEmpty || !code.isEmpty else { return Self.renderForm(request, number: "", error: nil) }
        let service = request.tickets
        let ticket: Ticket
        do {
            ticket = try await service.lookup(number, code: code, client: request.clientAddress)
        } catch let error as AppError where error.status == .notFound {
            return Self.renderForm(request, number: number, error: "工单号或查询码不正确，请核对短信或话务员告知的号码", status: .notFound)
        }
        let notice = request.query[String.self, at: "filed"] != nil
            ? "您的举报已受理。请记下工单号和查询码，凭它们查询进度和答复。" : nil
        return Self.render(request, try await service.view(ticket, for: .caller), code: code, notice: notice, values: [:], errors: [:], message: nil)
    }

    static func renderForm(_ request: Request, number: String, error: String?, status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(request, title: "查询诉求办理进度", status: status, """
        <section class="card">
          <h1>查询诉求办理进度</h1>
          <p>输入工单号和查询码即可查询，无需登录。工单号和查询码在受理短信里，也可以拨打 <a href="tel:12345">12345</a> 询问。</p>
          \(TicketHTML.alert(error))
          <form class="stacked" method="get" action="\(HotlineURL.lookup)">
            \(TicketHTML.input("number", "工单号", value: number, hint: "如 12345-20261125-7KQ3M9", attributes: "required maxlength=\"40\" autocomplete=\"off\""))
            \(TicketHTML.input("code", "查询码", value: "", hint: "6位数字", attributes: "required inputmode=\"numeric\" maxlength=\"6\" autocomplete=\"off\""))
            <p><button type="submit">查询</button></p>
          </form>
          <p class="muted">已登录的市民可以在<a href="\(HotlineURL.mine)">我的诉求</a>中查看全部诉求。</p>
        </section>
        """)
    }

    static func render(_ request: Request, _ view: TicketView, code: String, notice: String?, values: [String: String],
                       errors: [String: String], message: String?, status: HTTPResponseStatus = .ok) -> Response {
        let callback: HTML = view.state == TicketState.replied.rawValue
            ? TicketHTML.callbackForm(request, action: HotlineURL.callback(view.number), code: code, values: values, errors: errors, message: message)
            : TicketHTML.alert(message)
        return Layout.page(request, title: "诉求 \(view.number)", status: status,
                           CitizenTicketPages.callerBody(view, notice: notice, callback: callback))
    }

    /// The SMS link: a wrong code is simply "not found".
    @Sendable func callbackPage(_ request: Request) async throws -> Response {
        let code = (request.query[String.self, at: "code"] ?? "").trimmed
        let service = request.tickets
        let ticket = try await service.lookup(request.parameters.get("number") ?? "", code: code, client: request.clientAddress)
        let notice: String? = request.query[String.self, at: "rated"] != nil ? "感谢您的评价！" :
            ticket.ticketState == .replied ? nil : "该诉求目前“\(ticket.ticketState.title)”，暂不需要评价。"
        return Self.render(request, try await service.view(ticket, for: .caller), code: code, notice: notice, values: [:], errors: [:], message: nil)
    }

    @Sendable func callback(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CitizenTicketPages.CallbackForm.self)
        let code = (form.code ?? "").trimmed
        let service = request.tickets
        let ticket = try await service.lookup(request.parameters.get("number") ?? "", code: code, client: request.clientAddress)
        do {
            _ = try await service.callback(ticket.number, satisfaction: form.satisfaction ?? "", comment: form.comment, actor: "来电人") { _ in }  // the code was checked (and counted) by lookup
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return Self.render(request, try await service.view(ticket, for: .caller), code: code, notice: nil,
                               values: form.values, errors: error.details, message: error.message, status: error.status)
        }
        return request.redirect(to: HotlineURL.callback(ticket.number, code: code) + "&rated=1", redirectType: .normal)
    }
}
