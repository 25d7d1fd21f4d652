import Foundation
import TongbanCore
import Vapor

/// 社区报修 in the browser. Residents file from 我的社区 and follow each order on its ticket page (reply, callback,
/// 好差评); the community's staff work the queue and each order. Plain forms: everything works without JavaScript.
struct RepairPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "community", "repairs", use: mine)
        routes.on(.POST, "me", "community", "repairs", body: .collect(maxSize: ByteCount(value: BodyLimitMiddleware.uploadBytes)), use: file)
        routes.get("community", ":code", "repairs", use: queue)
        routes.get("community", ":code", "repairs", ":number", use: order)
        for step in RepairService.Step.allCases {
            routes.post("community", ":code", "repairs", ":number", PathComponent(stringLiteral: step.rawValue)) { request in
                try await perform(step, request)
            }
        }
    }

    // MARK: Residents

    @Sendable func mine(_ request: Request) async throws -> Response {
        try await renderMine(request, form: RepairInput(), errors: [:], message: nil)
    }

    func renderMine(_ request: Request, form: RepairInput, errors: [String: String], message: String?,
                    status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try request.requirePrincipal()
        guard let community = try await request.communities.mine() else {
            return Layout.page(request, title: "社区报修", """
            <section class="card"><h1>社区报修</h1><p>\(RepairService.notResident.message)</p></section>
            """)
        }
        let orders = try await request.repairs.mine(person)
        let rows: [HTML] = orders.map { order in
            """
            <li><a href="\(HotlineURL.mine(order.number))"><strong>\(order.title)</strong></a> \(TicketHTML.state(order.state, order.stateTitle))
            \(TicketHTML.clock(order.state, order.deadlineStatus, order.deadlineStatusTitle))<br>
            <span class="muted">\(order.number) · \(TimeText.minute(order.createdAt)) · \(order.handledBy)\(order.escalatedAt == nil ? "" : "（已转12345）")</span></li>
            """
        }
        let categories: [(value: String, title: String)] = RepairCategory.allCases.map { ($0.rawValue, "\($0.title)（\($0.examples)）") }
        let filing: HTML = person.isStaff ? "<p class=\"muted\">社区报修由居民本人提交；工作人员请在社区工作台办理。</p>" : """
            \(TicketHTML.alert(errors.isEmpty ? message : "提交的内容有误，请按提示修改。您填写的内容已保留。"))
            <form class="stacked" method="post" action="\(RepairURL.mine)" enctype="multipart/form-data">
              \(Layout.csrfField(request))
              \(TicketHTML.select("category", "报修类别", options: categories, selected: form.category, placeholder: "请选择", error: errors["category"],
                                  attributes: "required"))
              \(TicketHTML.input("location", "位置", value: form.location, hint: "楼栋、单元、楼层或小区里的地点，如“3栋2单元楼道”“小区东门”",
                                 error: errors["location"], attributes: "required minlength=\"2\" maxlength=\"\(RepairService.maxLocation)\""))
              \(TicketHTML.textArea("description", "问题描述", value: form.description, hint: "什么坏了、从什么时候开始、有没有安全隐患。",
                                    error: errors["description"], attributes: "required minlength=\"5\" maxlength=\"\(RepairService.maxDescription)\" rows=\"5\""))
              <label for="photo">现场照片（可选，最多\(TicketPhotos.maxCount)张）</label>
              <input id="photo" name="photo[]" type="file" accept="image/jpeg,image/png" multiple\(errors["photos"] == nil ? "" : " aria-invalid=\"true\"")>
              <p class="hint">JPG 或 PNG，每张不超过 \(UploadStore.maxBytes / 1024 / 1024) MB。照片只有您和办理人员能看到。</p>
              \(errors["photos"].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
              <p><button type="submit">提交报修</button></p>
            </form>
            """
        let limit = request.application.settings.hotline.limits.limit(RepairCategory.other.ticketType)
        return Layout.page(request, title: "社区报修", status: status, """
        <section class="card"><h1>社区报修 · \(community.name)</h1>
          <p>物业维修由社区物业办理，公共设施和其他诉求由社区居委会办理，\(limit) 个工作日内答复；答复后请您评价。
          超出社区职责的，社区会转为12345工单，由承办部门办理。</p>
          \(filing)
        </section>
        <section class="card"><h2>我的报修</h2>
          \(rows.isEmpty ? "<p class=\"muted\">您还没有报修过。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
        </section>
        """)
    }

    /// The page's multipart form: the fields, and the photos as files (saved first, then attached by id).
    struct Form: Content {
        var category: String?
        var description: String?
        var location: String?
        var photo: [File]?
    }

    @Sendable func file(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let posted = try request.content.decode(Form.self)
        var form = RepairInput(category: posted.category, description: posted.description, location: posted.location)
        do {
            let files = (posted.photo ?? []).filter { $0.data.readableBytes > 0 }
            guard files.count <= TicketPhotos.maxCount else {
                throw AppError.invalid("ticket.too_many_photos", "最多上传\(TicketPhotos.maxCount)张照片", details: ["photos": "最多上传\(TicketPhotos.maxCount)张照片"])
            }
            var photos: [UUID] = []
            for file in files {
                do {
                    photos.append(try await request.application.uploadStore.save(Data(file.data.readableBytesView), fileName: file.filename,
                                                                                  owner: person.userID, on: request.db).requireID())
                } catch let error as AppError {
                    throw AppError.invalid(error.code, "照片：\(error.message)", details: ["photos": error.message])
                }
            }
            form.photos = photos
            let filed = try await request.repairs.file(form, by: person)
            return request.redirect(to: HotlineURL.mine(filed.ticket.number) + "?filed=1", redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderMine(request, form: form, errors: error.details, message: error.message, status: error.status)
        }
    }

    // MARK: The community's staff

    @Sendable func queue(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let code = request.parameters.get("code") ?? ""
        let service = request.repairs
        let audience = try service.audience(code, person)
        let queue = try await service.queue(try await request.communities.find(code), for: person)
        let late = queue.open.filter { $0.deadlineStatus == DeadlineStatus.overdue.rawValue }.count
        let risky = queue.open.filter { $0.deadlineStatus == DeadlineStatus.atRisk.rawValue }.count
        let scope = audience.categories.count == 1 ? "（\(audience.categories[0].title)）" : ""
        return Layout.page(request, title: "报修工单 · \(queue.community.name)", """
        <section class="card"><h1>报修工单\(scope) · \(queue.community.name)</h1>
          <p>待办 <strong>\(queue.open.count)</strong> 件，其中超期 <strong>\(late)</strong> 件，预警 <strong>\(risky)</strong> 件。按答复期限排序，最紧急的在最前。</p>
          \(Self.table(queue.open, community: code, empty: "暂无待办的报修"))
          <p>\(audience.mayFileForResidents ? "<a class=\"button secondary\" href=\"\(RepairOnBehalfPages.path(code))\">代居民报修</a> " as HTML : .empty)<a href="\(CommunityURL.workbench(code))">返回社区工作台</a></p>
        </section>
        <section class="card"><h2>已升级为12345工单（近90天）</h2>
          \(Self.table(queue.escalated, community: code, empty: "近90天没有升级的工单"))</section>
        <section class="card"><h2>已办结（近90天）</h2>
          \(Self.table(queue.closed, community: code, empty: "近90天没有办结的工单"))</section>
        """)
    }

    static func table(_ orders: [RepairSummary], community: String, empty: String) -> HTML {
        guard !orders.isEmpty else { return "<p class=\"muted\">\(empty)</p>" }
        let rows: [HTML] = orders.map { order in
            """
            <tr><td><a href="\(RepairURL.staff(community, order.number))">\(order.number)</a><br><span class="hint">\(TimeText.minute(order.createdAt))</span></td>
            <td><span class="tag">\(order.categoryTitle)</span> \(order.title)</td><td>\(order.location ?? "—")</td><td>\(order.handledBy)</td>
            <td>\(TicketHTML.state(order.state, order.stateTitle))\(order.satisfaction.map { " · 回访\($0)" } ?? "")</td>
            <td>\(order.deadlineAt == nil ? "—" : TimeText.deadline(order.deadlineAt)) \(TicketHTML.clock(order.state, order.deadlineStatus, order.deadlineStatusTitle))</td></tr>
            """
        }
        return """
        <div class="table-wrap"><table><thead><tr><th>工单号</th><th>报修</th><th>位置</th><th>承办</th><th>状态</th><th>答复期限</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    @Sendable func order(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let code = request.parameters.get("code") ?? ""
        let number = request.parameters.get("number") ?? ""
        return try await render(request, code: code, number: number, person: person, failed: nil)
    }

    /// A refused step comes back to the page with its message next to its form and what was typed kept.
    struct Failure {
        var step: RepairService.Step
        var text: String?
        var error: AppError
    }

    func render(_ request: Request, code: String, number: String, person: Principal, failed: Failure?,
                status: HTTPResponseStatus = .ok) async throws -> Response {
        let (ticket, audience) = try await request.repairs.order(code, number, for: person)
        let view = try await request.tickets.view(ticket, for: audience)
        let who = RepairAudience(person, community: code)
        var forms: [HTML] = []
        if who.handles(ticket), ticket.ticketState == .dispatched {
            forms.append(Self.form(request, code: code, number: number, step: .sign, title: "签收", button: "签收", failed: failed,
                                   field: "<p>确认由\(view.departmentName ?? "社区")办理，请在 \(TimeText.deadline(view.deadlineAt)) 前答复居民。</p>"))
        }
        if who.handles(ticket), ticket.ticketState == .handling {
            forms.append(Self.form(request, code: code, number: number, step: .reply, title: "答复居民", button: "提交答复", failed: failed,
                                   field: TicketHTML.textArea("reply", "答复内容（居民可见）", value: failed?.step == .reply ? failed?.text : nil,
                                                              hint: "写明处理结果；答复后居民会收到消息，并请其评价。",
                                                              error: failed?.step == .reply ? failed?.error.details["reply"] : nil,
                                                              attributes: "required minlength=\"2\" maxlength=\"2000\" rows=\"5\"")))
        }
        if who.escalates(ticket), ticket.ticketState.isWithDepartment {
            forms.append(Self.form(request, code: code, number: number, step: .escalate, title: "升级为12345工单", button: "升级为12345工单",
                                   failed: failed, secondary: true,
                                   field: TicketHTML.textArea("reason", "升级理由", value: failed?.step == .escalate ? failed?.text : nil,
                                                              hint: "超出社区职责的（如市政道路、供水主管网、违法建设），转12345派给承办部门，居民会收到通知。",
                                                              error: failed?.step == .escalate ? failed?.error.details["reason"] : nil,
                                                              attributes: "required minlength=\"2\" maxlength=\"500\" rows=\"3\"")))
        }
        let escalated: HTML = ticket.communityEscalatedAt.map {
            "<p class=\"card notice\">已于 \(TimeText.minute($0)) 升级为12345工单，现由\(view.departmentName ?? "12345派单员")办理：\(TicketHTML.state(view.state, view.stateTitle))</p>"
        } ?? .empty
        return Layout.page(request, title: "报修 \(view.number)", status: status, """
        \(escalated)
        <section class="card">
          <h1>\(view.title)</h1>
          \(StaffTicketPages.facts(view, snapshot: request.catalog.snapshot))
          <h2>报修内容</h2><p>\(TicketHTML.multiline(view.body))</p>
          \(TicketPhotos.html(view))
          <p><a href="\(RepairURL.queue(code))">返回报修工单</a></p>
        </section>
        \(TicketHTML.reply(view))
        \(forms)
        \(TicketHTML.timeline(view))
        """)
    }

    static func form(_ request: Request, code: String, number: String, step: RepairService.Step, title: String, button: String,
                     failed: Failure?, secondary: Bool = false, field: HTML) -> HTML {
        """
        <section class="card notice" id="\(step.rawValue)"><h2>\(title)</h2>
          \(TicketHTML.alert(failed?.step == step ? failed?.error.message : nil))
          <form class="stacked" method="post" action="\(RepairURL.staff(code, number))/\(step.rawValue)#\(step.rawValue)">
            \(Layout.csrfField(request))
            \(field)
            <p><button type="submit"\(secondary ? " class=\"secondary\"" as HTML : .empty)>\(button)</button></p>
          </form>
        </section>
        """
    }

    struct StepForm: Content {
        var reply: String?
        var reason: String?
    }

    func perform(_ step: RepairService.Step, _ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let code = request.parameters.get("code") ?? ""
        let number = request.parameters.get("number") ?? ""
        let form = try request.content.decode(StepForm.self)
        let text = step == .reply ? form.reply : form.reason
        do {
            _ = try await request.repairs.perform(step, code: code, number: number, text: text, by: person)
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableEntity {
            return try await render(request, code: code, number: number, person: person, failed: Failure(step: step, text: text, error: error),
                                    status: error.status)
        }
        return request.redirect(to: RepairURL.staff(code, number), redirectType: .normal)
    }
}
