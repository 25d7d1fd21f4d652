import Fluent
import Vapor

/// The publishing department's side, with JavaScript off: publish a draft or an open day, moderate comments, answer
/// the proposed groups of similar comments (untick one to answer it apart), publish the feedback report.
struct ConsultationStaffPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "consultations", use: home)
        routes.post("workbench", "consultations", use: create)
        routes.post("workbench", "open-days", use: createOpenDay)
        routes.get("workbench", "consultations", ":id", use: manage)
        routes.post("workbench", "consultation-comments", ":id", "reject", use: reject)
        routes.post("workbench", "consultation-comments", ":id", "approve", use: approve)
        routes.post("workbench", "consultations", ":id", "answers", use: answer)
        routes.post("workbench", "consultations", ":id", "report", use: publishReport)
    }

    /// Departments the person may publish for: their own, or all of them for the administrator.
    static func departments(_ request: Request, _ person: Principal) -> [(value: String, title: String)] {
        request.catalog.snapshot.departments.filter { ConsultationService.canManage(person, department: $0.code) }.map { (value: $0.code, title: $0.name) }
    }

    @Sendable func home(_ request: Request) async throws -> Response {
        try await renderHome(request, draft: ConsultationInput(), day: OpenDayInput(), errors: [:], failed: nil)
    }

    private func renderHome(_ request: Request, draft: ConsultationInput, day: OpenDayInput, errors: [String: String], failed: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try request.requireStaff()
        let departments = Self.departments(request, person)
        guard !departments.isEmpty else { throw AppError(.forbidden, "consultation.other_department", "只有部门工作人员可以发布意见征集和开放日") }
        let mine = try await request.consultations.list().filter { ConsultationService.canManage(person, department: $0.departmentCode) }
        let items: [HTML] = try await request.consultations.views(mine).map { ConsultationHTML.item($0, link: ConsultationURL.manage($0.id)) }
        let draftErrors = failed == "draft" ? errors : [:], dayErrors = failed == "day" ? errors : [:]
        let kinds = ConsultationService.kinds.map { (value: $0, title: $0) }
        return Layout.page(request, title: "意见征集与开放日", status: status, """
        <section class="card"><h1>意见征集与开放日</h1>
          \(items.isEmpty ? "<p class=\"muted\">本部门还没有发布过征求意见稿。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
          <p><a href="\(ConsultationURL.list)">公众看到的意见征集</a> · <a href="\(ConsultationURL.openDays)">政府开放日</a></p>
        </section>
        <section class="card" id="draft"><h2>发布征求意见稿</h2>
          \(TicketHTML.alert(draftErrors.isEmpty ? nil : "草案信息有误，请按提示修改。"))
          <form class="stacked" method="post" action="\(ConsultationURL.staff)#draft">
            \(Layout.csrfField(request))
            \(TicketHTML.select("department", "发布部门", options: departments, selected: draft.department, error: draftErrors["department"]))
            \(TicketHTML.input("title", "草案名称", value: draft.title, error: draftErrors["title"], attributes: "required minlength=\"4\" maxlength=\"80\""))
            \(TicketHTML.select("kind", "类型", options: kinds, selected: draft.kind, error: draftErrors["kind"]))
            \(TicketHTML.textArea("summary", "起草说明", value: draft.summary, hint: "为什么起草、主要内容、希望听取哪些方面的意见。", error: draftErrors["summary"],
                                  attributes: "required rows=\"4\""))
            \(TicketHTML.textArea("sectionsText", "正文", value: draft.sectionsText, hint: "每节之间空一行；每节第一行是小标题（如“第一条 适用范围”），其后是条文。",
                                  error: draftErrors["sections"], attributes: "required rows=\"10\""))
            \(TicketHTML.input("contact", "联系方式", value: draft.contact, hint: "电话、电子邮箱或通信地址，供不方便上网的群众反映意见。", error: draftErrors["contact"],
                               attributes: "required"))
            \(TicketHTML.input("opensAt", "开始时间（可空，即现在）", type: "datetime-local", value: draft.opensAt, error: draftErrors["opensAt"]))
            \(TicketHTML.input("closesAt", "截止时间", type: "datetime-local", value: draft.closesAt, hint: "规章草案征求意见一般不少于30日。",
                               error: draftErrors["closesAt"], attributes: "required"))
            <p><button type="submit">发布</button></p>
          </form>
        </section>
        <section class="card" id="open-day"><h2>发布政府开放日</h2>
          \(TicketHTML.alert(dayErrors.isEmpty ? nil : "活动信息有误，请按提示修改。"))
          <form class="stacked" method="post" action="/workbench/open-days#open-day">
            \(Layout.csrfField(request))
            \(TicketHTML.select("department", "举办部门", id: "day-department", options: departments, selected: day.department, error: dayErrors["department"]))
            \(TicketHTML.input("title", "活动名称", id: "day-title", value: day.title, error: dayErrors["title"], attributes: "required"))
            \(TicketHTML.input("place", "地点", value: day.place, error: dayErrors["place"], attributes: "required"))
            \(TicketHTML.input("startsAt", "开始时间", type: "datetime-local", value: day.startsAt, error: dayErrors["startsAt"], attributes: "required"))
            \(TicketHTML.input("endsAt", "结束时间", type: "datetime-local", value: day.endsAt, error: dayErrors["endsAt"], attributes: "required"))
            \(TicketHTML.input("capacity", "名额（人）", type: "number", value: day.capacity.map(String.init), error: dayErrors["capacity"], attributes: "min=\"1\" required"))
            \(TicketHTML.textArea("description", "说明（可选）", value: day.description, error: dayErrors["description"], attributes: "rows=\"3\""))
            <p><button type="submit">发布</button></p>
          </form>
        </section>
        """)
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let input = try request.content.decode(ConsultationInput.self)
        do {
            let consultation = try await request.consultations.create(input, by: person)
            return request.redirect(to: ConsultationURL.manage(try consultation.requireID()), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderHome(request, draft: input, day: OpenDayInput(), errors: error.details, failed: "draft", status: error.status)
        }
    }

    struct OpenDayForm: Content {
        var department: String?, title: String?, description: String?, place: String?, startsAt: String?, endsAt: String?, capacity: String?
        var input: OpenDayInput {
            OpenDayInput(department: department, title: title, description: description, place: place, startsAt: startsAt, endsAt: endsAt,
                         capacity: capacity.flatMap { Int($0) })
        }
    }

    @Sendable func createOpenDay(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let input = try request.content.decode(OpenDayForm.self).input
        do {
            _ = try await request.openDays.create(input, by: person)
            return request.redirect(to: ConsultationURL.openDays, redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderHome(request, draft: ConsultationInput(), day: input, errors: error.details, failed: "day", status: error.status)
        }
    }

    @Sendable func manage(_ request: Request) async throws -> Response {
        _ = try request.requireStaff()  // before the look-up: anonymous is asked to sign in, citizens refused
        return try await renderManage(request, message: nil)
    }

    private func renderManage(_ request: Request, message: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let service = request.consultations
        let consultation = try await service.find(request.parameters.get("id", as: UUID.self))
        let person = try ConsultationService.requireManager(request.principal, department: consultation.departmentCode)
        let view = try await service.view(consultation)
        let comments = try await service.comments(consultation, viewer: person)
        let id = view.id
        let moderation: [HTML] = comments.map { comment in
            let action: HTML
            if comment.answerId != nil {
                action = "<br><span class=\"badge\">已答复</span>"
            } else if comment.status == ConsultationComment.Status.published.rawValue {
                action = """
                <form class="stacked" method="post" action="/workbench/consultation-comments/\(comment.id.uuidString)/reject">\(Layout.csrfField(request))
                  \(TicketHTML.input("reason", "不予公开的理由", id: "reason-\(comment.id.uuidString)", value: nil, attributes: "required minlength=\"2\" maxlength=\"200\""))
                  <button type="submit" class="secondary">不予公开</button></form>
                """
            } else {
                action = """
                <form method="post" action="/workbench/consultation-comments/\(comment.id.uuidString)/approve">\(Layout.csrfField(request))<button type="submit" class="secondary">公开</button></form>
                """
            }
            return ConsultationHTML.comment(comment, in: view, extra: action)
        }
        var feedback: HTML = .empty
        if view.phase == Consultation.Phase.closed.rawValue {
            let groups = try await service.proposedGroups(consultation)
            var forms: [HTML] = []
            for (index, group) in groups.enumerated() {
                let members: [HTML] = try await service.views(group, viewer: person).map { comment in
                    """
                    <li><label><input type="checkbox" name="commentIds[]" value="\(comment.id.uuidString)" checked> \(comment.author)：\(comment.body)</label>
                    <span class="muted">附议 \(comment.supports)</span></li>
                    """
                }
                let verdicts: [HTML] = ConsultationAnswer.Verdict.allCases.map {
                    "<label><input type=\"radio\" name=\"verdict\" value=\"\($0.rawValue)\" required> \($0.title)</label>"
                }
                forms.append("""
                <li><form class="stacked" method="post" action="\(ConsultationURL.manage(id))/answers">\(Layout.csrfField(request))
                  <h3>第 \(index + 1) 组（\(group.count) 条相似意见）</h3><ul class="list">\(members)</ul>
                  <p class="hint">取消勾选的意见留待单独答复。</p>
                  <fieldset><legend>处理结果</legend>\(verdicts)</fieldset>
                  \(TicketHTML.textArea("reason", "理由", id: "answer-\(index)", value: nil, attributes: "required minlength=\"2\" maxlength=\"1000\" rows=\"3\""))
                  <button type="submit">答复</button></form></li>
                """)
            }
            feedback = """
            <section class="card" id="answers"><h2>答复意见</h2>\(TicketHTML.alert(message))
              \(forms.isEmpty ? "<p>公开的意见已全部答复。</p>" as HTML : "<p class=\"hint\">相似的意见已自动归为一组，一次答复。</p><ol class=\"list\">\(forms)</ol>")
              <form class="stacked" method="post" action="\(ConsultationURL.manage(id))/report">\(Layout.csrfField(request))
                \(TicketHTML.textArea("summary", "总体情况（可选）", value: nil, attributes: "rows=\"3\" maxlength=\"5000\""))
                <button type="submit"\(forms.isEmpty ? HTML.empty : " disabled")>发布意见采纳情况并通知参与者</button></form>
            </section>
            """
        }
        return Layout.page(request, title: "管理 · \(view.title)", status: status, """
        <section class="card"><h1>\(view.title)</h1>\(ConsultationHTML.heading(view))
          <p><a href="\(ConsultationURL.page(id))">公众页面</a>\(view.reportPublishedAt == nil ? HTML.empty : " · <a href=\"\(ConsultationURL.report(id))\">意见采纳情况</a>")
          · <a href="\(ConsultationURL.staff)">返回</a></p></section>
        \(feedback)
        <section class="card"><h2>全部意见（\(comments.count)）</h2>
          <p class="hint">含有身份证号、手机号或不文明用语的意见已自动不予公开；误拦的可以公开。</p>
          \(moderation.isEmpty ? "<p class=\"muted\">还没有意见。</p>" as HTML : "<ul class=\"list\">\(moderation)</ul>")</section>
        """)
    }

    @Sendable func reject(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let reason = try request.content.decode(ModerationInput.self).reason
        let comment = try await request.consultations.moderate(request.parameters.get("id", as: UUID.self), publish: false, reason: reason, by: person)
        return request.redirect(to: ConsultationURL.manage(comment.$consultation.id), redirectType: .normal)
    }

    @Sendable func approve(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let comment = try await request.consultations.moderate(request.parameters.get("id", as: UUID.self), publish: true, reason: nil, by: person)
        return request.redirect(to: ConsultationURL.manage(comment.$consultation.id), redirectType: .normal)
    }

    struct AnswerForm: Content {
        var commentIds: [UUID]?
        var verdict: String?
        var reason: String?
    }

    @Sendable func answer(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let form = try request.content.decode(AnswerForm.self)
        let id = try await request.consultations.find(request.parameters.get("id", as: UUID.self)).requireID()
        do {
            _ = try await request.consultations.answer(id, AnswerInput(commentIds: form.commentIds, verdict: form.verdict, reason: form.reason), by: person)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderManage(request, message: error.details.values.sorted().joined(separator: "；"), status: error.status)
        }
        return request.redirect(to: ConsultationURL.manage(id) + "#answers", redirectType: .normal)
    }

    @Sendable func publishReport(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let id = try await request.consultations.find(request.parameters.get("id", as: UUID.self)).requireID()
        _ = try await request.consultations.publishReport(id, try request.content.decode(ReportInput.self), by: person)
        return request.redirect(to: ConsultationURL.report(id), redirectType: .normal)
    }
}
