import Foundation
import TongbanCore
import Vapor

/// 12345 for citizens: what it is, the form to file a request (or write to the mayor's or a department
/// head's mailbox), my tickets, and one ticket with its reply and the callback. Plain forms.
struct CitizenTicketPages {
    struct FileForm: Content {
        var type: String?
        var title: String?
        var body: String?
        var district: String?
        var address: String?
        var anonymous: String?
        var channel: String?
        var mailboxDepartment: String?

        var input: TicketInput {
            TicketInput(type: type ?? "", title: title ?? "", body: body ?? "", district: district, address: address,
                        latitude: nil, longitude: nil, contactName: nil, contactPhone: nil, anonymous: anonymous != nil,
                        channel: channel, mailboxDepartment: mailboxDepartment, answer: nil)
        }
    }

    @Sendable func hotline(_ request: Request) async throws -> Response {
        let channel = request.query[String.self, at: "channel"].flatMap(TicketChannel.init(rawValue:))
        var form = FileForm()
        form.channel = [.mayorMailbox, .departmentMailbox].contains(channel) ? channel?.rawValue : TicketChannel.web.rawValue
        return Self.render(request, form: form, errors: [:])
    }

    static func render(_ request: Request, form: FileForm, errors: [String: String], message: String? = nil,
                       status: HTTPResponseStatus = .ok) -> Response {
        let limits = request.application.settings.hotline.limits
        let promises: [HTML] = TicketType.allCases.map { "<li>\($0.title)：\(limits.limit($0)) 个工作日内答复</li>" }
        let filing: HTML
        if let person = request.principal, !person.isStaff {
            filing = fileForm(request, form: form, errors: errors, message: message)
        } else if request.principal != nil {
            filing = """
            <section class="card" id="file"><h2>登记诉求</h2>
              <p>工作人员请在工作台<a href="\(HotlineURL.call)">登记来电</a>；网上诉求由市民本人登录后提交。</p></section>
            """
        } else {
            filing = """
            <section class="card" id="file"><h2>网上提交诉求</h2>
              <p>为便于办理和回复，请先登录（实名账户）后提交。也可以直接拨打 <a href="tel:12345">12345</a>，话务员帮您登记。</p>
              <p><a class="button" href="\(SiteURL.login)?next=\(HotlineURL.home.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")">登录后提交</a>
                 <a class="button secondary" href="\(SiteURL.register)">实名注册</a></p>
            </section>
            """
        }
        return Layout.page(request, title: "12345热线", status: status, """
        <section class="card hero">
          <h1>12345 政务服务便民热线</h1>
          <p>一个号码管民生：咨询政策、投诉问题、提出建议、举报违法、求助和表扬，都可以找 12345。
          电话 <a href="tel:12345">12345</a> 全天候接听，也可以在这里网上提交。您的诉求由承办部门在规定时限内答复，答复后我们会请您评价。</p>
          <p><a class="button" href="#file">我要反映</a> <a class="button secondary" href="\(HotlineURL.lookup)">查询办理进度</a>
             <a class="button secondary" href="\(HotlineURL.mine)">我的诉求</a></p>
        </section>
        \(filing)
        <section class="card"><h2>写信</h2>
          <ul class="list">
            <li><a href="\(HotlineURL.write(.mayorMailbox))"><strong>市长信箱</strong></a><br><span class="muted">对全市工作的意见建议，写给市长。</span></li>
            <li><a href="\(HotlineURL.write(.departmentMailbox))"><strong>部门负责人信箱</strong></a><br><span class="muted">写给某个部门的负责人，直接转该部门办理。</span></li>
          </ul>
        </section>
        <section class="card secondary-info"><h2>办理时限</h2><ul>\(promises)</ul>
          <p class="muted">按工作日计算，自派到承办部门起算；复杂问题经批准可以延期，延期情况会在办理过程中显示。</p></section>
        """)
    }

    static func fileForm(_ request: Request, form: FileForm, errors: [String: String], message: String?) -> HTML {
        let snapshot = request.catalog.snapshot
        let channel = TicketChannel(rawValue: form.channel ?? "") ?? .web
        let channels: [HTML] = [(TicketChannel.web, "12345网上诉求"), (.mayorMailbox, "市长信箱"), (.departmentMailbox, "部门负责人信箱")].map { option in
            "<label><input type=\"radio\" name=\"channel\" value=\"\(option.0.rawValue)\"\(channel == option.0 ? " checked" as HTML : .empty)> \(option.1)</label>"
        }
        let heading = channel == .web ? "网上提交诉求" : "写信：\(channel.title)"
        return """
        <section class="card" id="file"><h2>\(heading)</h2>
          \(TicketHTML.alert(errors.isEmpty ? message : "提交的内容有误，请按提示修改。您填写的内容已保留。"))
          <form class="stacked" method="post" action="\(HotlineURL.home)#file">
            \(Layout.csrfField(request))
            <fieldset><legend>提交到</legend>\(channels)\(TicketHTML.fieldError(errors["channel"]))
              \(TicketHTML.select("mailboxDepartment", "写信给哪个部门的负责人", options: TicketHTML.departmentOptions(snapshot), selected: form.mailboxDepartment,
                                  placeholder: "请选择部门（仅部门负责人信箱）", error: errors["mailboxDepartment"]))
            </fieldset>
            \(TicketHTML.select("type", "诉求类型", options: TicketHTML.typeOptions(), selected: form.type, placeholder: "请选择",
                                error: errors["type"], attributes: "required"))
            \(TicketHTML.input("title", "标题", value: form.title, hint: "一句话说明问题，如“梅山路路灯不亮”", error: errors["title"],
                               attributes: "required minlength=\"2\" maxlength=\"\(TicketService.maxTitle)\""))
            \(TicketHTML.textArea("body", "具体内容", value: form.body, hint: "请写清时间、地点和具体情况，便于部门核实办理。", error: errors["body"],
                                  attributes: "required minlength=\"5\" maxlength=\"\(TicketService.maxBody)\" rows=\"6\""))
            \(TicketHTML.select("district", "所在区县", options: TicketHTML.districtOptions(snapshot), selected: form.district,
                                placeholder: "不确定（按内容识别）", error: errors["district"]))
            \(TicketHTML.input("address", "具体地点（选填）", value: form.address, hint: "问题发生的地点，如小区、路口、门牌号", error: errors["address"],
                               attributes: "maxlength=\"200\""))
            <label><input type="checkbox" name="anonymous" value="1"\(form.anonymous == nil ? HTML.empty : " checked")> 匿名举报</label>
            <p class="hint">只有举报可以匿名。匿名后不关联您的账户，也不会留下联系方式；请记下提交后显示的工单号和查询码，凭它们查询进度。</p>
            \(TicketHTML.fieldError(errors["anonymous"]))
            <p><button type="submit">提交</button></p>
          </form>
        </section>
        """
    }

    @Sendable func file(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        guard !person.isStaff, let user = try await User.find(person.userID, on: request.db) else { throw AppError.forbidden }
        let form = try request.content.decode(FileForm.self)
        do {
            let ticket = try await request.tickets.file(form.input, by: .citizen(user))
            // An anonymous report belongs to no account: its number and code are the only way back to it.
            let next = ticket.anonymous ? HotlineURL.lookup(ticket.number, code: ticket.accessCode) + "&filed=1" : HotlineURL.mine(ticket.number) + "?filed=1"
            return request.redirect(to: next, redirectType: .normal)
        } catch let error as AppError where [.unprocessableEntity, .tooManyRequests].contains(error.status) {
            // Too many requests too: the form comes back with what was typed, so nothing is lost when trying later.
            return Self.render(request, form: form, errors: error.details, message: error.message, status: error.status)
        }
    }

    @Sendable func mine(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let tickets = try await request.tickets.mine(person)
        let rows: [HTML] = tickets.map { t in
            """
            <li><a href="\(HotlineURL.mine(t.number))"><strong>\(t.title)</strong></a>
            \(TicketHTML.state(t.state, t.stateTitle))<br>
            <span class="muted">\(t.typeTitle) · \(t.number) · \(TimeText.minute(t.createdAt))\(t.departmentName.map { " · \($0)" } ?? "")</span></li>
            """
        }
        return Layout.page(request, title: "我的诉求", """
        <section class="card">
          <h1>我的诉求</h1>
          <p><a class="button" href="\(HotlineURL.home)#file">我要反映</a></p>
          \(rows.isEmpty ? "<p class=\"muted\">您还没有提交过12345诉求。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
          <p class="hint">电话反映的诉求，如果来电号码与您的账户手机号一致，也会列在这里。匿名举报请凭工单号和查询码<a href="\(HotlineURL.lookup)">查询</a>。</p>
        </section>
        """)
    }

    /// The citizen's own ticket; anyone else's (and staff, who use the workbench) is "not found".
    func own(_ request: Request) async throws -> (Principal, TicketView) {
        let person = try request.requirePrincipal()
        let service = request.tickets
        let (ticket, _) = try await service.visibleTicket(request.parameters.get("number") ?? "", to: person)
        guard ticket.citizenID == person.userID else { throw AppError.notFound("工单", code: "ticket.not_found") }
        return (person, try await service.view(ticket, for: .caller))
    }

    @Sendable func ticket(_ request: Request) async throws -> Response {
        let (_, view) = try await own(request)
        let notice: String? = request.query[String.self, at: "filed"] != nil ? "您的诉求已受理，我们会尽快办理。" :
            request.query[String.self, at: "rated"] != nil ? "感谢您的评价！" : nil
        return Self.renderTicket(request, view, notice: notice, values: [:], errors: [:], message: nil)
    }

    static func renderTicket(_ request: Request, _ view: TicketView, notice: String?, values: [String: String], errors: [String: String],
                             message: String?, status: HTTPResponseStatus = .ok) -> Response {
        let rate: HTML = [TicketState.replied.rawValue, TicketState.closed.rawValue].contains(view.state) && request.principal != nil
            ? "<p><a class=\"button secondary\" href=\"\(ReviewURL.new(.ticket, view.number))\">好差评：评价本次服务</a></p>" : .empty
        let callback: HTML = view.state == TicketState.replied.rawValue
            ? "\(TicketHTML.callbackForm(request, action: HotlineURL.mine(view.number) + "/callback", code: nil, values: values, errors: errors, message: message))\(rate)"
            : "\(TicketHTML.alert(message))\(rate)"
        return Layout.page(request, title: "诉求 \(view.number)", status: status, callerBody(view, notice: notice, callback: callback))
    }

    /// The caller's page, signed in or through the SMS link.
    static func callerBody(_ view: TicketView, notice: String?, callback: HTML) -> HTML {
        """
        \(notice.map { "<p class=\"card notice\" role=\"status\">\($0)</p>" as HTML } ?? .empty)
        <section class="card">
          <h1>\(view.title)</h1>
          \(TicketHTML.callerFacts(view))
          <h2>反映内容</h2><p>\(TicketHTML.multiline(view.body))</p>
          \(TicketPhotos.html(view))
        </section>
        \(TicketHTML.reply(view))
        \(callback)
        \(TicketHTML.timeline(view))
        """
    }

    struct CallbackForm: Content {
        var satisfaction: String?
        var comment: String?
        var code: String?

        var values: [String: String] { ["satisfaction": satisfaction ?? "", "comment": comment ?? ""] }
    }

    @Sendable func callback(_ request: Request) async throws -> Response {
        let (person, view) = try await own(request)
        let form = try request.content.decode(CallbackForm.self)
        let service = request.tickets
        let owner = person.userID
        do {
            _ = try await service.callback(view.number, satisfaction: form.satisfaction ?? "", comment: form.comment, actor: "来电人") { ticket in
                guard ticket.citizenID == owner else { throw AppError.notFound("工单", code: "ticket.not_found") }
            }
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return Self.renderTicket(request, view, notice: nil, values: form.values, errors: error.details, message: error.message, status: error.status)
        }
        return request.redirect(to: HotlineURL.mine(view.number) + "?rated=1", redirectType: .normal)
    }
}
