import Fluent
import Vapor

/// 意见征集 and 政府开放日 for the public, with JavaScript off: anyone reads drafts, comments and reports; a signed-in
/// person with a real-name account comments, supports others' comments and signs up for open days.
struct ConsultationPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("consultations", use: list)
        routes.get("consultations", ":id", use: page)
        routes.post("consultations", ":id", "comments", use: comment)
        routes.post("consultation-comments", ":id", "support", use: support)
        routes.get("consultations", ":id", "report", use: report)
        routes.get("open-days", use: openDays)
        routes.post("open-days", ":id", "signup", use: signUp)
        routes.post("open-days", ":id", "cancel", use: cancel)
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        let views = try await request.consultations.views(try await request.consultations.list())
        let items: [HTML] = views.map { ConsultationHTML.item($0, link: ConsultationURL.page($0.id)) }
        return Layout.page(request, title: "意见征集", """
        <section class="card"><h1>意见征集</h1>
          <p class="muted">政府部门起草的政策、规划和规章，在征集期内听取大家的意见。截止后，部门会逐条答复是否采纳并说明理由。</p>
          \(items.isEmpty ? "<p class=\"muted\">目前没有征求意见的草案。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
          <p><a href="\(ConsultationURL.openDays)">政府开放日 · 报名参观 →</a></p>
        </section>
        """)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        try await render(request, form: CommentInput(), errors: [:])
    }

    private func render(_ request: Request, form: CommentInput, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let service = request.consultations
        let consultation = try await service.find(request.parameters.get("id", as: UUID.self))
        let view = try await service.view(consultation)
        let comments = try await service.comments(consultation, viewer: request.principal)
        let open = view.phase == Consultation.Phase.open.rawValue
        let sections: [HTML] = view.sections.map { "<li><strong>\($0.heading)</strong><br>\(TicketHTML.multiline($0.text))</li>" }
        let rows: [HTML] = comments.map { comment in
            let canSupport = open && request.principal?.has(.citizen) == true && !comment.mine && !comment.supportedByMe
                && comment.status == ConsultationComment.Status.published.rawValue
            let action: HTML = canSupport ? """
                <form method="post" action="/consultation-comments/\(comment.id.uuidString)/support">\(Layout.csrfField(request))<button type="submit" class="secondary">附议</button></form>
                """ : comment.supportedByMe ? "<br><span class=\"badge\">已附议</span>" : .empty
            return ConsultationHTML.comment(comment, in: view, extra: action)
        }
        let commenting = open ? try await commentForm(request, view: view, form: form, errors: errors) : HTML.empty
        return Layout.page(request, title: view.title, status: status, """
        <section class="card"><h1>\(view.title)</h1>\(ConsultationHTML.heading(view))
          <h2>起草说明</h2><p>\(TicketHTML.multiline(view.summary))</p>
          <p>其他方式反映意见：\(view.contact)</p>
          \(view.reportPublishedAt == nil ? HTML.empty : "<p><a class=\"button\" href=\"\(ConsultationURL.report(view.id))\">查看意见采纳情况</a></p>")
        </section>
        <section class="card"><h2>征求意见稿</h2><ol class="list">\(sections)</ol></section>
        \(commenting)
        <section class="card" id="comments"><h2>大家的意见（\(comments.filter { $0.status == ConsultationComment.Status.published.rawValue }.count)）</h2>
          <p class="hint">为保护个人信息，发表人姓名只显示姓氏。</p>
          \(rows.isEmpty ? "<p class=\"muted\">还没有公开的意见。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
        </section>
        <p><a href="\(ConsultationURL.list)">返回意见征集</a></p>
        """)
    }

    private func commentForm(_ request: Request, view: ConsultationView, form: CommentInput, errors: [String: String]) async throws -> HTML {
        guard request.principal != nil else {
            let back = ConsultationURL.page(view.id).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return "<section class=\"card\" id=\"comment\"><h2>发表意见</h2><p><a class=\"button\" href=\"\(SiteURL.login)?next=\(back)\">登录后发表意见</a></p></section>"
        }
        guard request.principal?.has(.citizen) == true else {
            return "<section class=\"card\" id=\"comment\"><h2>发表意见</h2><p class=\"muted\">工作人员账户不能发表意见，请用本人的市民账户登录。</p></section>"
        }
        let sections = view.sections.map { (value: $0.id.uuidString, title: $0.heading) }
        let companies = try await request.consultations.companies(of: request.principal!.userID)
        let speaker: HTML = companies.isEmpty ? .empty
            : TicketHTML.select("company", "以谁的名义", options: companies, selected: form.company, placeholder: "本人", error: errors["company"])
        return """
        <section class="card" id="comment"><h2>发表意见</h2>
          \(TicketHTML.alert(errors.isEmpty ? nil : "提交的内容有误，请按提示修改。"))
          <form class="stacked" method="post" action="\(ConsultationURL.page(view.id))/comments#comment">
            \(Layout.csrfField(request))
            \(speaker)
            \(TicketHTML.select("sectionId", "针对", options: sections, selected: form.sectionId?.uuidString, placeholder: "整体意见", error: errors["sectionId"]))
            \(TicketHTML.textArea("body", "您的意见", value: form.body, hint: "请勿填写身份证号、手机号等个人信息，含有这些内容的意见不会公开。",
                                  error: errors["body"], attributes: "required minlength=\"5\" maxlength=\"\(ConsultationService.maxComment)\" rows=\"5\""))
            <p><button type="submit">提交意见</button></p>
          </form>
        </section>
        """
    }

    struct CommentForm: Content {
        var body: String?
        var sectionId: String?
        var company: String?
        var input: CommentInput { CommentInput(body: body, sectionId: sectionId.flatMap { UUID(uuidString: $0) }, company: company) }
    }

    @Sendable func comment(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let form = try request.content.decode(CommentForm.self).input
        let id = try await request.consultations.find(request.parameters.get("id", as: UUID.self)).requireID()
        do {
            let comment = try await request.consultations.comment(on: id, form, by: person)
            return request.redirect(to: ConsultationURL.page(id) + "#c-\(comment.id!.uuidString)", redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, form: form, errors: error.details, status: error.status)
        }
    }

    @Sendable func support(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let comment = try await request.consultations.support(request.parameters.get("id", as: UUID.self), by: person)
        return request.redirect(to: ConsultationURL.page(comment.$consultation.id) + "#c-\(comment.id!.uuidString)", redirectType: .normal)
    }

    @Sendable func report(_ request: Request) async throws -> Response {
        let service = request.consultations
        let report = try await service.report(try await service.find(request.parameters.get("id", as: UUID.self)), viewer: request.principal)
        let view = report.consultation
        let answers: [HTML] = report.answers.enumerated().map { index, answer in
            let comments: [HTML] = answer.comments.map { ConsultationHTML.comment($0, in: view) }
            return """
            <li id="a-\(answer.id.uuidString)"><h3>\(index + 1). \(ConsultationHTML.verdictBadge(answer)) 涉及 \(answer.comments.count) 条意见</h3>
              <p><strong>答复：</strong>\(TicketHTML.multiline(answer.reason))</p>
              <details><summary>查看对应的意见</summary><ul class="list">\(comments)</ul></details></li>
            """
        }
        return Layout.page(request, title: "意见采纳情况 · \(view.title)", """
        <section class="card"><h1>意见采纳情况</h1><p><a href="\(ConsultationURL.page(view.id))">\(view.title)</a></p>\(ConsultationHTML.heading(view))
          <p>共收到公开意见 \(report.comments) 条：采纳 \(report.adopted) 条，部分采纳 \(report.partlyAdopted) 条，未采纳 \(report.notAdopted) 条。</p>
          \(report.summary.isEmpty ? HTML.empty : "<p>\(TicketHTML.multiline(report.summary))</p>")
          <p class="muted">\(view.departmentName) · \(TimeText.minute(report.publishedAt)) 发布</p>
        </section>
        <section class="card"><h2>逐条答复</h2>
          \(answers.isEmpty ? "<p class=\"muted\">本次征集没有收到公开的意见。</p>" as HTML : "<ol class=\"list\">\(answers)</ol>")</section>
        """)
    }

    @Sendable func openDays(_ request: Request) async throws -> Response {
        let days = try await request.openDays.upcoming(for: request.principal?.userID)
        let items: [HTML] = days.map { day in
            let view = day.event
            let action: HTML
            if request.principal == nil {
                action = "<p><a href=\"\(SiteURL.login)?next=\(ConsultationURL.openDays.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")\">登录后报名</a></p>"
            } else if view.myStatus == nil {
                action = """
                <form method="post" action="/open-days/\(view.id.uuidString)/signup">\(Layout.csrfField(request))<button type="submit">\(view.confirmed < view.capacity ? "报名" : "名额已满，候补")</button></form>
                """
            } else {
                action = """
                <form method="post" action="/open-days/\(view.id.uuidString)/cancel">\(Layout.csrfField(request))<button type="submit" class="secondary">取消报名</button></form>
                """
            }
            return "<li><span class=\"tag\">\(day.departmentName)</span> \(EventPages.summary(view)) \(EventPages.status(view))\(action)</li>"
        }
        return Layout.page(request, title: "政府开放日", """
        <section class="card"><h1>政府开放日</h1>
          <p class="muted">走进政府部门，看看事情是怎么办的。名额满后可以候补；有人取消时按先后自动补上并通知您，活动前一天会提醒您。</p>
          \(items.isEmpty ? "<p class=\"muted\">近期没有开放日活动。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
          <p><a href="\(ConsultationURL.list)">意见征集 →</a></p>
        </section>
        """)
    }

    @Sendable func signUp(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        _ = try await request.events.signUp(try await request.openDays.event(request.parameters.get("id", as: UUID.self)).requireID(), user: person.userID)
        return request.redirect(to: ConsultationURL.openDays, redirectType: .normal)
    }

    @Sendable func cancel(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        try await request.events.cancel(try await request.openDays.event(request.parameters.get("id", as: UUID.self)).requireID(), user: person.userID)
        return request.redirect(to: ConsultationURL.openDays, redirectType: .normal)
    }
}
