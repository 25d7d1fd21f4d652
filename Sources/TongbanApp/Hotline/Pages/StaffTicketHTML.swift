import Foundation
import TongbanCore
import Vapor

/// The staff ticket page: facts (contact only when the view carries it), related tickets, the reply,
/// the action forms the viewer's post allows, and the full timeline.
extension StaffTicketPages {
    static func render(_ request: Request, _ view: TicketView, person: Principal, attempt: Attempt?, status: HTTPResponseStatus = .ok) -> Response {
        let forms = ActionForms(request: request, view: view, attempt: attempt, snapshot: request.catalog.snapshot)
        let state = TicketState(rawValue: view.state) ?? .pending
        let handles = view.department.map { person.has(.handler, inDepartment: $0) } ?? false
        let dispatches = person.has(.dispatcher) || person.has(.supervisor)
        let supervises = person.has(.supervisor)
        var actions: [HTML] = []
        if handles, state == .dispatched { actions += [forms.sign(), forms.giveBack()] }
        if handles, state == .handling {
            actions.append(forms.reply())
            if view.extensionRequest == nil { actions.append(forms.extensionRequest()) }
            actions.append(forms.giveBack())
        }
        if supervises, let asked = view.extensionRequest { actions.append(forms.extensionDecision(asked)) }
        if dispatches, state == .pending { actions.append(forms.dispatch()) }
        if dispatches, state.isWithDepartment { actions.append(forms.reassign()) }
        if supervises, state.isWithDepartment { actions.append(forms.urge()) }
        if dispatches, [.pending, .dispatched, .handling].contains(state), view.parent == nil { actions.append(forms.merge()) }
        if person.has(.hotlineOperator), state == .replied { actions.append(forms.callback()) }
        let alert: HTML = attempt.map { "<p class=\"field-error card\" role=\"alert\">\($0.message)</p>" as HTML } ?? .empty
        return Layout.page(request, title: "工单 \(view.number)", status: status, """
        \(alert)
        <section class="card">
          <h1>\(view.title)</h1>
          \(facts(view, snapshot: request.catalog.snapshot))
          <h2>来电内容</h2><p>\(TicketHTML.multiline(view.body))</p>
          \(TicketPhotos.html(view))
          \(related(view))
        </section>
        \(extensionRequest(view))
        \(TicketHTML.reply(view))
        \(actions)
        \(TicketHTML.timeline(view))
        """)
    }

    static func facts(_ view: TicketView, snapshot: CatalogSnapshot) -> HTML {
        let contact: HTML
        if view.anonymous {
            contact = "匿名举报（不留联系方式）"
        } else if view.contactName != nil || view.contactPhone != nil {
            let phone: HTML = view.contactPhone.map { phone -> HTML in
                phone.contains("*") ? "\(phone)" : "<a href=\"tel:\(phone)\">\(phone)</a>"
            } ?? .empty
            contact = "\(view.contactName ?? "") \(phone)"
        } else {
            contact = "—"
        }
        let modes = ["auto": "智能派单", "manual": "人工派单", "mailbox": "部门负责人信箱", "category": "按类别派单"]
        let suggestions: [HTML] = (view.suggestions ?? []).map {
            "<li>\(TicketHTML.departmentName($0.department, snapshot))（\(TicketHTML.percent($0.confidence))）</li>"
        }
        return """
        <dl class="facts">
          <dt>工单号</dt><dd><strong>\(view.number)</strong></dd>
          <dt>状态</dt><dd>\(TicketHTML.state(view.state, view.stateTitle))</dd>
          <dt>类型 · 渠道</dt><dd>\(view.typeTitle) · \(view.channelTitle)</dd>
          <dt>登记时间</dt><dd>\(TimeText.minute(view.createdAt))</dd>
          <dt>来电人</dt><dd>\(contact)</dd>
          \(view.accessCode.map { "<dt>查询码</dt><dd>\($0)</dd>" as HTML } ?? .empty)
          <dt>区县 · 地点</dt><dd>\(view.districtName ?? "未识别")\(view.address.map { " · \($0)" } ?? "")</dd>
          <dt>承办部门</dt><dd>\(view.departmentName ?? "待派单")\(view.dispatchMode.flatMap { modes[$0] }.map { "（\($0)）" } ?? "")</dd>
          <dt>答复期限</dt><dd>\(TicketHTML.deadline(view))</dd>
          \(suggestions.isEmpty ? HTML.empty : "<dt>派单建议</dt><dd><ol>\(suggestions)</ol></dd>")
          \(view.returnCount + view.reopenCount > 0 ? "<dt>退单 · 重办</dt><dd>退单 \(view.returnCount) 次，重办 \(view.reopenCount) 次</dd>" as HTML : .empty)
          \(view.satisfaction.map { "<dt>回访评价</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        </dl>
        """
    }

    static func related(_ view: TicketView) -> HTML {
        let rows: [HTML] = [(view.parent, "已合并到"), (view.duplicateOf, "疑似重复件"), (view.repeatOf, "同一来电人曾反映")].compactMap { reference, label in
            guard let reference else { return nil }
            let score: HTML = reference.score.map { "（相似度 \(TicketHTML.percent($0))）" as HTML } ?? .empty
            return "<li><span class=\"tag hot\">\(label)</span> <a href=\"\(HotlineURL.staff(reference.number))\">\(reference.number)</a>“\(reference.title)”\(score)</li>"
        }
        return rows.isEmpty ? .empty : "<h2>相关工单</h2><ul class=\"list\">\(rows)</ul>"
    }

    static func extensionRequest(_ view: TicketView) -> HTML {
        guard let asked = view.extensionRequest else { return .empty }
        return "<section class=\"card\" id=\"extension-request\"><h2>延期申请待审核</h2><p>申请延期 <strong>\(asked.days)</strong> 个工作日：\(asked.reason)</p></section>"
    }
}

/// The action forms, each keeping its own input and messages when it was the one refused.
struct ActionForms {
    let request: Request
    let view: TicketView
    let attempt: StaffTicketPages.Attempt?
    let snapshot: CatalogSnapshot

    private func values(_ action: StaffTicketPages.Action) -> [String: String] { attempt?.action == action ? attempt!.values : [:] }
    private func errors(_ action: StaffTicketPages.Action) -> [String: String] { attempt?.action == action ? attempt!.errors : [:] }

    private func section(_ action: StaffTicketPages.Action, _ title: String, _ fields: HTML, button: String, secondary: Bool = false) -> HTML {
        let message: String? = attempt?.action == action ? attempt!.message : nil
        return """
        <section class="card notice" id="\(action.rawValue)"><h2>\(title)</h2>
          \(TicketHTML.alert(message))
          <form class="stacked" method="post" action="\(HotlineURL.staff(view.number, action.rawValue))#\(action.rawValue)">
            \(Layout.csrfField(request))
            \(fields)
            <p><button type="submit"\(secondary ? " class=\"secondary\"" as HTML : .empty)>\(button)</button></p>
          </form>
        </section>
        """
    }

    private func departments(_ action: StaffTicketPages.Action) -> HTML {
        TicketHTML.select("department", "承办部门", id: "\(action.rawValue)-department", options: TicketHTML.departmentOptions(snapshot),
                          selected: values(action)["department"], placeholder: "请选择部门", error: errors(action)["department"], attributes: "required")
    }

    func sign() -> HTML {
        section(.sign, "签收", "<p>确认本部门负责办理。签收后请在期限内答复：\(TicketHTML.deadline(view))。</p>", button: "签收")
    }

    func giveBack() -> HTML {
        section(.giveBack, "退单", TicketHTML.textArea("reason", "退单理由（说明应由哪个部门办理）", id: "return-reason", value: values(.giveBack)["reason"],
                                                   hint: "派单后1个工作日内可退单，退回派单员重新派单。", error: errors(.giveBack)["reason"],
                                                   attributes: "required minlength=\"2\" maxlength=\"500\""),
                button: "退单", secondary: true)
    }

    func reply() -> HTML {
        section(.reply, "答复", TicketHTML.textArea("reply", "答复内容（来电人可见）", id: "reply-text", value: values(.reply)["reply"],
                                                hint: "写明核实情况、处理结果和依据。答复后将短信通知来电人并请其评价。", error: errors(.reply)["reply"],
                                                attributes: "required minlength=\"2\" maxlength=\"2000\" rows=\"6\""),
                button: "提交答复")
    }

    func extensionRequest() -> HTML {
        let fields: HTML = """
        \(TicketHTML.input("days", "延期天数（工作日）", id: "extension-days", type: "number", value: values(.extensionRequest)["days"],
                           error: errors(.extensionRequest)["days"], attributes: "required min=\"1\" max=\"30\" inputmode=\"numeric\""))
        \(TicketHTML.textArea("reason", "延期理由", id: "extension-reason", value: values(.extensionRequest)["reason"],
                              error: errors(.extensionRequest)["reason"], attributes: "required minlength=\"2\" maxlength=\"500\""))
        """
        return section(.extensionRequest, "申请延期", fields, button: "提交延期申请", secondary: true)
    }

    func extensionDecision(_ asked: TicketView.ExtensionRequest) -> HTML {
        let chosen = values(.extensionDecision)["approve"]
        let fields: HTML = """
        <p>承办部门申请延期 <strong>\(asked.days)</strong> 个工作日：\(asked.reason)</p>
        <fieldset><legend>审核意见</legend>
          <label><input type="radio" name="approve" value="1"\(chosen == "1" ? " checked" as HTML : .empty) required> 同意延期</label>
          <label><input type="radio" name="approve" value="0"\(chosen == "0" ? " checked" as HTML : .empty)> 不同意</label>
          \(TicketHTML.fieldError(errors(.extensionDecision)["approve"]))
        </fieldset>
        \(TicketHTML.input("note", "说明（选填）", id: "decision-note", value: values(.extensionDecision)["note"], attributes: "maxlength=\"500\""))
        """
        return section(.extensionDecision, "审核延期申请", fields, button: "提交审核意见")
    }

    func dispatch() -> HTML {
        let suggested: [HTML] = (view.suggestions ?? []).map { suggestion in
            """
            <form method="post" action="\(HotlineURL.staff(view.number, "dispatch"))" class="inline">\(Layout.csrfField(request))
              <input type="hidden" name="department" value="\(suggestion.department)">
              <button type="submit">派至\(TicketHTML.departmentName(suggestion.department, snapshot))（\(TicketHTML.percent(suggestion.confidence))）</button></form>
            """
        }
        let buttons: HTML = suggested.isEmpty ? .empty : "<p>智能派单建议：</p><div>\(suggested)</div>"
        return """
        \(buttons.raw.isEmpty ? HTML.empty : "<section class=\"card\" id=\"suggested\"><h2>派单</h2>\(buttons)</section>")
        \(section(.dispatch, "派至其他部门", departments(.dispatch), button: "派单", secondary: true))
        """
    }

    func reassign() -> HTML {
        let fields: HTML = """
        \(departments(.reassign))
        \(TicketHTML.input("reason", "改派原因（选填）", id: "reassign-reason", value: values(.reassign)["reason"], attributes: "maxlength=\"500\""))
        """
        return section(.reassign, "改派", fields, button: "改派", secondary: true)
    }

    func urge() -> HTML {
        section(.urge, "督办", TicketHTML.textArea("message", "督办意见（承办部门可见）", id: "urge-message", value: values(.urge)["message"],
                                                hint: "不填则为“请抓紧办理并按时答复”。", error: errors(.urge)["message"], attributes: "maxlength=\"500\""),
                button: "督办", secondary: true)
    }

    func merge() -> HTML {
        let proposed = values(.merge)["parent"] ?? view.duplicateOf?.number ?? ""
        return section(.merge, "合并", TicketHTML.input("parent", "合并到工单号", id: "merge-parent", value: proposed,
                                                      hint: "与另一张未办结的工单反映同一事项时合并办理，那张工单的答复也会发给本工单的来电人。",
                                                      error: errors(.merge)["parent"], attributes: "required maxlength=\"40\""),
                       button: "合并", secondary: true)
    }

    func callback() -> HTML {
        TicketHTML.callbackForm(request, action: HotlineURL.staff(view.number, "callback"), code: nil, values: values(.callback),
                                errors: errors(.callback), heading: "电话回访", message: attempt?.action == .callback ? attempt!.message : nil)
    }
}
