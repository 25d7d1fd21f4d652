import Foundation
import Vapor

/// 智能客服 in the browser: a conversation carried in the form itself (hidden fields), so it works with JavaScript
/// off and needs no session; every answer names and links its service and offers "办理" and 转人工.
struct AssistantPages: RouteCollection {
    static let path = "/assistant"
    static let handoffPath = "/assistant/handoff"
    /// Exchanges kept in the page; older ones drop off.
    static let keptExchanges = 8

    func boot(routes: any RoutesBuilder) throws {
        routes.get("assistant", use: page)
        routes.post("assistant", use: ask)
        routes.post("assistant", "handoff", use: handoff)
    }

    struct Form: Content {
        var message: String?
        var context: String?
        var transcript: [String]?
    }

    static let examples = ["如何办理身份证", "公积金提取条件", "开公司要带什么", "社保卡丢了怎么办", "结婚登记要多久"]

    /// `?q=` answers at once: the examples and the "您是想了解…" choices are plain links.
    @Sendable func page(_ request: Request) async throws -> Response {
        let form = try request.query.decode(Form.self)
        guard let question = request.query[String.self, at: "q"]?.trimmed.nilIfEmpty else {
            return render(request, transcript: [], answer: nil)
        }
        return try await answer(request, Form(message: question, context: form.context, transcript: form.transcript))
    }

    @Sendable func ask(_ request: Request) async throws -> Response {
        try await answer(request, try request.content.decode(Form.self))
    }

    private func answer(_ request: Request, _ form: Form) async throws -> Response {
        let transcript = Array((form.transcript ?? []).suffix(Self.keptExchanges * 2))
        do {
            let answer = try await request.assistant.ask(.init(message: form.message ?? "", context: form.context))
            return render(request, transcript: transcript, answer: answer)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return render(request, transcript: transcript, answer: nil, error: error.message, context: form.context, status: error.status)
        }
    }

    @Sendable func handoff(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        // Staff are not citizens with a question; the sign-in page explains itself to everyone else.
        guard request.web.principal.map({ !$0.isStaff }) == true else {
            return Layout.page(request, title: "转人工服务", """
            <section class="card"><h1>转人工服务</h1>
              <p>转人工需要先登录，话务员答复后会通知您。<a href="\(SiteURL.login)?next=\(Self.path)">登录</a></p>
              <p>不方便登录的，请直接拨打政务服务便民热线 <a href="tel:12345"><strong>12345</strong></a>。</p>
            </section>
            """)
        }
        do {
            let ticket = try await request.assistant.handoff(.init(message: form.message ?? "", transcript: form.transcript))
            return Layout.page(request, title: "已转人工服务", status: .created, """
            <section class="card"><h1>已转人工服务</h1>
              <p>您的问题已转给 12345 话务员，工单号 <strong>\(ticket.number)</strong>，一般在 1 个工作日内答复，答复会通知您。</p>
              <p><a href="\(HotlineURL.mine(ticket.number))">查看办理进度</a> · <a href="\(Self.path)">继续提问</a></p>
            </section>
            """)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return render(request, transcript: form.transcript ?? [], answer: nil, error: error.message, status: error.status)
        }
    }

    private func render(_ request: Request, transcript: [String], answer: AssistantAnswer?, error: String? = nil, context: String? = nil,
                        status: HTTPResponseStatus = .ok) -> Response {
        var kept = transcript
        if let answer { kept += [answer.question, answer.answer] }
        kept = Array(kept.suffix(Self.keptExchanges * 2))
        let bubbles: [HTML] = kept.enumerated().map { index, text in
            let lines: [HTML] = text.split(whereSeparator: \.isNewline).map { "<p>\(String($0))</p>" }
            return index % 2 == 0 ? "<li class=\"asked\"><span class=\"visually-hidden\">我：</span>\(lines)</li>"
                                  : "<li class=\"answered\"><span class=\"visually-hidden\">智能客服：</span>\(lines)</li>"
        }
        var actions: HTML = .empty
        if let answer {
            if let service = answer.service {
                actions = """
                <p class="actions"><a class="button" href="\(service.apply)">办理</a> <a href="\(service.url)">查看“\(service.name)”办事指南</a></p>
                """
            }
            if !answer.alternatives.isEmpty {
                let links: [HTML] = answer.alternatives.map { "<li><a href=\"\(Self.path)?q=\(Self.escape($0.name))\">\($0.name)</a></li>" }
                actions = "\(actions)<p>\(answer.confident ? "您也可能想了解：" : "请选择：")</p><ul class=\"list\">\(links)</ul>"
            }
        }
        let hidden: [HTML] = kept.map { "<input type=\"hidden\" name=\"transcript[]\" value=\"\($0)\">" }
        let lastQuestion = answer?.question ?? ""
        let examples: [HTML] = Self.examples.map { "<li><a href=\"\(Self.path)?q=\(Self.escape($0))\">\($0)</a></li>" }
        return Layout.page(request, title: "智能客服", status: status, """
        <section class="card assistant"><h1>智能客服</h1>
          \(kept.isEmpty ? "<p>您好！我可以回答办事问题：要带什么材料、多久办好、收不收费、在哪里办、能不能网上办。例如：</p><ul class=\"list\">\(examples)</ul>" as HTML : "<ol class=\"chat\">\(bubbles)</ol>")
          \(actions)
          \(error.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form class="stacked" method="post" action="\(Self.path)">
            \(Layout.csrfField(request))
            <input type="hidden" name="context" value="\(answer?.context ?? context ?? "")">
            \(hidden)
            <label for="message">请输入您的问题</label>
            <input id="message" name="message" type="text" maxlength="\(AssistantService.maxQuestion)" required autocomplete="off" placeholder="例如：身份证到期换证要带什么">
            <p><button type="submit">发送</button></p>
          </form>
          \(kept.isEmpty ? HTML.empty : """
          <form method="post" action="\(Self.handoffPath)" class="inline">
            \(Layout.csrfField(request))
            <input type="hidden" name="message" value="\(lastQuestion)">
            \(hidden)
            <button type="submit" class="secondary">没解决？转人工服务</button>
          </form>
          <p class="hint">转人工会把以上对话转给 12345 话务员；也可以直接拨打 <a href="tel:12345">12345</a>。</p>
          """)
        </section>
        """)
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?"))) ?? text
    }
}
