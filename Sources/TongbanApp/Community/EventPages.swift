import Fluent
import Vapor

/// Community events in the browser, with JavaScript off: residents sign up and cancel; staff create, keep the roster,
/// sign up residents who cannot do it themselves (代办) and tick who came.
struct EventPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "community", "events", use: resident)
        routes.post("me", "community", "events", ":id", "signup", use: signUp)
        routes.post("me", "community", "events", ":id", "cancel", use: cancel)
        routes.get("community", ":code", "events", use: staff)
        routes.post("community", ":code", "events", use: create)
        routes.get("community", ":code", "events", ":id", use: roster)
        routes.post("community", ":code", "events", ":id", "signups", use: signUpFor)
        routes.post("community", ":code", "events", ":id", "attendance", use: attendance)
    }

    static func status(_ view: EventView) -> HTML {
        switch view.myStatus {
        case EventSignup.Status.confirmed.rawValue: "<span class=\"badge\">已报名</span>"
        case EventSignup.Status.waitlisted.rawValue: "<span class=\"badge\">候补第 \(view.myWaitlistPosition ?? 0) 位</span>"
        default: .empty
        }
    }

    static func summary(_ view: EventView) -> HTML {
        """
        <strong>\(view.title)</strong> <span class="muted">\(view.kind)</span><br>
        \(TimeText.minute(view.startsAt)) – \(TimeText.minute(view.endsAt)) · \(view.place)<br>
        名额 \(view.capacity) 人，已报名 \(view.confirmed) 人\(view.waitlisted > 0 ? "，候补 \(view.waitlisted) 人" : "")
        \(view.description.isEmpty ? HTML.empty : "<br><span class=\"hint\">\(view.description)</span>")
        """
    }

    @Sendable func resident(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let community = try await request.communities.mine()
        let views = try await request.events.views(try await request.events.upcoming(community: community?.code), for: person.userID)
        let items: [HTML] = views.map { view in
            let action: HTML = view.myStatus == nil
                ? "<button type=\"submit\">\(view.confirmed < view.capacity ? "报名" : "名额已满，候补")</button>"
                : "<button type=\"submit\" class=\"secondary\" formaction=\"/me/community/events/\(view.id.uuidString)/cancel\">取消报名</button>"
            return """
            <li>\(Self.summary(view)) \(Self.status(view))
              <form method="post" action="/me/community/events/\(view.id.uuidString)/signup">\(Layout.csrfField(request))\(action)</form></li>
            """
        }
        return Layout.page(request, title: "社区活动", """
        <section class="card"><h1>社区活动\(community.map { "（\($0.name)）" } ?? "")</h1>
          <p class="muted">名额满后可以候补；有人取消时，候补的居民按先后自动补上，并收到通知。活动前一天会提醒您。</p>
          \(items.isEmpty ? "<p class=\"muted\">近期没有活动。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
        </section>
        """)
    }

    @Sendable func signUp(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let event = try await EventController.joinable(request)
        _ = try await request.events.signUp(event.requireID(), user: person.userID)
        return request.redirect(to: EventURL.resident, redirectType: .normal)
    }

    @Sendable func cancel(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let event = try await EventController.joinable(request)
        try await request.events.cancel(event.requireID(), user: person.userID)
        return request.redirect(to: EventURL.resident, redirectType: .normal)
    }

    @Sendable func staff(_ request: Request) async throws -> Response {
        try await render(request, input: nil, errors: [:])
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: EventController.organisers)
        let input = try request.content.decode(EventService.Input.self)
        do {
            _ = try await request.events.create(input, community: code, by: try request.requirePrincipal().realName)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, input: input, errors: error.details, status: error.status)
        }
        return request.redirect(to: EventURL.staff(code), redirectType: .normal)
    }

    private func render(_ request: Request, input: EventService.Input?, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let code = try EventController.community(request, roles: EventController.helpers)
        let community = try await request.communities.find(code)
        let events = try await CommunityEvent.query(on: request.db).filter(\.$communityCode == code).sort(\.$startsAt, .descending).limit(50).all()
        let items: [HTML] = try await request.events.views(events, for: nil).map {
            "<li><a href=\"\(EventURL.roster(code, $0.id))\">\(Self.summary($0))</a></li>"
        }
        let kinds: [HTML] = EventService.kinds.map { "<option\(input?.kind == $0 ? " selected" as HTML : .empty)>\($0)</option>" }
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        let canCreate = try request.requirePrincipal().has(.communityStaff, inCommunity: code)
        let form: HTML = canCreate ? """
        <section class="card"><h2>发布活动</h2>
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">活动信息有误，请按提示修改</p>")
          <form class="stacked" method="post" action="\(EventURL.staff(code))">
            \(Layout.csrfField(request))
            \(IdentityPages.field("title", "活动名称", value: input?.title ?? "", error: errors["title"], attributes: "required"))
            <label for="kind">类型</label><select id="kind" name="kind">\(kinds)</select>\(error("kind"))
            \(IdentityPages.field("place", "地点", value: input?.place ?? "", error: errors["place"], attributes: "required"))
            \(IdentityPages.field("startsAt", "开始时间", type: "datetime-local", value: input?.startsAt ?? "", error: errors["startsAt"], attributes: "required"))
            \(IdentityPages.field("endsAt", "结束时间", type: "datetime-local", value: input?.endsAt ?? "", error: errors["endsAt"], attributes: "required"))
            \(IdentityPages.field("capacity", "名额（人）", type: "number", value: input?.capacity.map(String.init) ?? "", error: errors["capacity"], attributes: "min=\"1\" required"))
            <label for="description">说明（可选）</label><textarea id="description" name="description" rows="3">\(input?.description ?? "")</textarea>\(error("description"))
            <p><button type="submit">发布</button></p>
          </form>
        </section>
        """ : .empty
        return Layout.page(request, title: "\(community.name) · 社区活动", status: status, """
        <section class="card"><h1>\(community.name) · 社区活动</h1>
          \(items.isEmpty ? "<p class=\"muted\">还没有活动。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
        </section>
        \(form)
        """)
    }

    @Sendable func roster(_ request: Request) async throws -> Response {
        try await renderRoster(request, errors: [:])
    }

    private func renderRoster(_ request: Request, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let code = try EventController.community(request, roles: EventController.helpers)
        let event = try await EventController.event(request, in: code)
        let view = try await request.events.views([event], for: nil)[0]
        let entries = try await request.events.roster(event)
        let started = event.startsAt <= request.application.clock.now()
        let rows: [HTML] = entries.enumerated().map { index, entry in
            let state: HTML = entry.status == EventSignup.Status.confirmed.rawValue ? "已报名" : "候补"
            let came: HTML = entry.status == EventSignup.Status.confirmed.rawValue && started
                ? "<input type=\"checkbox\" name=\"attended[]\" value=\"\(entry.signupId.uuidString)\" aria-label=\"\(entry.name) 到场\"\(entry.attended == true ? " checked" as HTML : .empty)>"
                : "\(entry.attended.map { $0 ? "到场" : "未到" } ?? "—")"
            let agent: HTML = entry.agentName.map { "\($0) 代报名（\(entry.consent ?? "")）" } ?? "本人"
            return "<tr><td>\(index + 1)</td><td>\(entry.name)</td><td>\(state)</td><td>\(agent)</td><td>\(came)</td></tr>"
        }
        return Layout.page(request, title: "\(event.title) · 报名名单", status: status, """
        <section class="card"><h1>\(event.title)</h1><p>\(Self.summary(view))</p>
          <form method="post" action="\(EventURL.roster(code, event.id!))/attendance">
            \(Layout.csrfField(request))
            <div class="table-wrap"><table><thead><tr><th>#</th><th>姓名</th><th>状态</th><th>报名方式</th><th>签到</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(started ? "<p><button type=\"submit\">保存签到</button></p>" as HTML : "<p class=\"hint\">活动开始后可登记签到。</p>")
          </form>
        </section>
        <section class="card"><h2>代居民报名</h2>
          <p class="hint">为不方便上网的居民（如老年人）代为报名，需征得本人同意并写明方式。</p>
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">代为报名信息有误</p>")
          <form class="stacked" method="post" action="\(EventURL.roster(code, event.id!))/signups">
            \(Layout.csrfField(request))
            \(IdentityPages.field("idNumber", "居民身份证号码", value: "", error: errors["idNumber"], attributes: "required autocomplete=\"off\""))
            \(IdentityPages.field("consent", "本人同意方式", value: "", error: errors["consent"], attributes: "required placeholder=\"如：本人到社区当面同意\""))
            <p><button type="submit">代为报名</button></p>
          </form>
        </section>
        """)
    }

    @Sendable func signUpFor(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: EventController.helpers)
        let event = try await EventController.event(request, in: code)
        let input = try request.content.decode(EventController.OnBehalf.self)
        do {
            let resident = try await EventController.resident(request, idNumber: input.idNumber, consent: input.consent)
            _ = try await request.events.signUp(event.requireID(), user: resident.requireID(),
                                                agent: try request.requirePrincipal().realName, consent: input.consent.trimmed)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderRoster(request, errors: error.details, status: error.status)
        }
        return request.redirect(to: EventURL.roster(code, event.id!), redirectType: .normal)
    }

    struct AttendanceForm: Content {
        var attended: [UUID]?
    }

    @Sendable func attendance(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: EventController.helpers)
        let event = try await EventController.event(request, in: code)
        try await request.events.recordAttendance(event.requireID(), attended: Set(try request.content.decode(AttendanceForm.self).attended ?? []))
        return request.redirect(to: EventURL.roster(code, event.id!), redirectType: .normal)
    }
}
