import Foundation
import TongbanCore
import Vapor

/// Paths of the hotline's pages, so a link and its route cannot drift apart (the routes are in `HotlinePages`).
enum HotlineURL {
    static let home = "/hotline"
    static let lookup = "/hotline/lookup"
    static let mine = "/me/tickets"
    static let call = "/workbench/hotline/call"
    static let dispatch = "/workbench/hotline/dispatch"
    static let department = "/workbench/hotline/department"
    static let supervision = "/workbench/hotline/supervision"
    static let suggestScript = "/workbench/hotline/suggest.js"

    static func mine(_ number: String) -> String { TicketURL.mine(escape(number)) }
    static func staff(_ number: String) -> String { TicketURL.staff(escape(number)) }
    static func staff(_ number: String, _ action: String) -> String { staff(number) + "/" + action }
    static func callback(_ number: String) -> String { "/hotline/callback/\(escape(number))" }
    static func callback(_ number: String, code: String) -> String { callback(number) + "?code=\(escape(code))" }
    static func lookup(_ number: String, code: String) -> String { lookup + "?number=\(escape(number))&code=\(escape(code))" }
    static func write(_ channel: TicketChannel) -> String { home + "?channel=\(channel.rawValue)#file" }
    static func departmentQueue(_ code: String) -> String { department + "?department=\(escape(code))" }

    private static func escape(_ part: String) -> String {
        part.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-"))) ?? ""
    }

    /// Only a path on this site: a form's `back` field must not become an open redirect.
    static func safeBack(_ back: String?) -> String? {
        SiteURL.localPath(back)
    }
}

/// The parts of the hotline's pages that citizens and staff share: badges, facts, the text, the timeline,
/// queue tables, and form fields that keep what was typed and say what is wrong with it.
enum TicketHTML {
    // MARK: Badges and small pieces

    static func state(_ state: String, _ title: String) -> HTML { CaseHTML.stateBadge(state, title) }

    /// 正常 / 预警 / 超期, while the department's clock runs (not while it waits for dispatch or a callback).
    static func clock(_ state: String, _ status: String, _ title: String) -> HTML {
        TicketState(rawValue: state)?.isWithDepartment == true ? CaseHTML.deadlineBadge(status, title) : .empty
    }

    static func percent(_ confidence: Double) -> String { "\(Int((confidence * 100).rounded()))%" }

    static func departmentName(_ code: String?, _ snapshot: CatalogSnapshot) -> String {
        guard let code else { return "—" }
        return snapshot.department(code)?.shortName ?? code
    }

    /// What people type keeps its line breaks, and stays text.
    static func multiline(_ text: String) -> HTML {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "\(String($0))" as HTML }.joined(separator: "<br>")
    }

    static func flags(_ summary: TicketSummary) -> HTML {
        var tags: [HTML] = []
        if summary.possibleDuplicate { tags.append("<span class=\"tag hot\">疑似重复</span>") }
        if summary.repeated { tags.append("<span class=\"tag hot\">重复诉求</span>") }
        if summary.returnCount > 0 { tags.append("<span class=\"tag\">退单 \(summary.returnCount) 次</span>") }
        if let days = summary.extensionRequestDays { tags.append("<span class=\"tag hot\">申请延期 \(days) 个工作日</span>") }
        return tags.joined(separator: " ")
    }

    // MARK: Queues

    /// One table for every staff queue; `link` is where a ticket number leads.
    static func table(_ tickets: [TicketSummary], empty: String, snapshot: CatalogSnapshot) -> HTML {
        guard !tickets.isEmpty else { return "<p class=\"muted\">\(empty)</p>" }
        let rows: [HTML] = tickets.map { t in
            """
            <tr><td><a href="\(HotlineURL.staff(t.number))">\(t.number)</a><br><span class="hint">\(TimeText.minute(t.createdAt))</span></td>
            <td><span class="tag">\(t.typeTitle)</span> \(t.title)<br>\(flags(t))</td>
            <td>\(t.districtName ?? "—")</td><td>\(t.departmentName ?? "—")</td>
            <td>\(state(t.state, t.stateTitle))</td>
            <td>\(t.deadlineAt == nil ? "—" : TimeText.deadline(t.deadlineAt)) \(clock(t.state, t.deadlineStatus, t.deadlineStatusTitle))</td></tr>
            """
        }
        return """
        <div class="table-wrap"><table><thead><tr><th>工单号</th><th>诉求</th><th>区县</th><th>承办部门</th><th>状态</th><th>办理期限</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    // MARK: One ticket

    /// The reply and the caller's verdict on it, as both sides see them.
    static func reply(_ view: TicketView) -> HTML {
        guard let reply = view.reply else { return .empty }
        return """
        <section class="card notice" id="result"><h2>办理答复</h2>
          <p>\(multiline(reply))</p>
          <p class="muted">\(view.departmentName ?? "12345")\(view.firstContact ? "（话务员当场答复，一次办结）" : "") · \(TimeText.minute(view.repliedAt))</p>
          \(view.satisfaction.map { "<p>回访评价：<strong>\($0)</strong></p>" as HTML } ?? .empty)
        </section>
        """
    }

    static func timeline(_ view: TicketView) -> HTML {
        let rows: [HTML] = view.events.reversed().map { event in
            "<li><time>\(TimeText.minute(event.at))</time> <strong>\(event.actor)</strong> \(multiline(event.message))</li>"
        }
        return "<section class=\"card\"><h2>办理过程</h2><ol class=\"timeline\">\(rows)</ol></section>"
    }

    static func deadline(_ view: TicketView) -> HTML {
        guard view.deadlineAt != nil else { return "\(view.limitDays + view.extensionDays) 个工作日（派单后计算）" }
        let extended: HTML = view.extensionDays > 0 ? "，含延期 \(view.extensionDays) 个工作日" : .empty
        return "\(TimeText.deadline(view.deadlineAt))答复（\(view.limitDays + view.extensionDays) 个工作日\(extended)） \(clock(view.state, view.deadlineStatus, view.deadlineStatusTitle))"
    }

    /// What the caller sees of their own ticket: no suggestions, no internal steps.
    static func callerFacts(_ view: TicketView) -> HTML {
        """
        <dl class="facts">
          <dt>工单号</dt><dd><strong class="big">\(view.number)</strong></dd>
          \(view.accessCode.map { "<dt>查询码</dt><dd><strong class=\"big\">\($0)</strong></dd>" as HTML } ?? .empty)
          <dt>诉求类型</dt><dd>\(view.typeTitle)\(view.anonymous ? "（匿名）" : "")</dd>
          <dt>办理状态</dt><dd>\(state(view.state, view.stateTitle))</dd>
          <dt>受理渠道</dt><dd>\(view.channelTitle)</dd>
          <dt>登记时间</dt><dd>\(TimeText.minute(view.createdAt))</dd>
          <dt>承办部门</dt><dd>\(view.departmentName ?? "正在分派")</dd>
          <dt>答复期限</dt><dd>\(deadline(view))</dd>
          \(view.districtName.map { "<dt>区县</dt><dd>\($0)</dd>" as HTML } ?? .empty)
          \(view.address.map { "<dt>地址</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        </dl>
        """
    }

    /// 满意 / 基本满意 / 不满意 with a comment: on the caller's own page, on the SMS link, and for the operator on the phone.
    static func callbackForm(_ request: Request, action: String, code: String?, values: [String: String], errors: [String: String],
                             heading: String = "请评价办理结果", message: String? = nil) -> HTML {
        let chosen = values["satisfaction"]
        let options: [HTML] = ["满意", "基本满意", "不满意"].map { level in
            "<label><input type=\"radio\" name=\"satisfaction\" value=\"\(level)\"\(chosen == level ? " checked" as HTML : .empty) required> \(level)</label>"
        }
        return """
        <section class="card notice" id="callback"><h2>\(heading)</h2>
          \(alert(message))
          <form class="stacked" method="post" action="\(action)#callback">
            \(Layout.csrfField(request))
            \(code.map { "<input type=\"hidden\" name=\"code\" value=\"\($0)\">" as HTML } ?? .empty)
            <fieldset><legend>您对办理结果是否满意？</legend>\(options)\(fieldError(errors["satisfaction"]))</fieldset>
            \(textArea("comment", "意见或建议（选填）", value: values["comment"], hint: "选择“不满意”时请说明原因，工单将退回原部门重新办理。",
                       error: errors["comment"], attributes: "maxlength=\"1000\""))
            <p><button type="submit">提交评价</button></p>
          </form>
        </section>
        """
    }

    // MARK: Form fields

    static func alert(_ message: String?) -> HTML {
        message.map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty
    }

    static func fieldError(_ message: String?) -> HTML {
        message.map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty
    }

    private static func invalid(_ error: String?) -> HTML { error == nil ? .empty : " aria-invalid=\"true\"" }

    static func input(_ name: String, _ label: String, id: String? = nil, type: String = "text", value: String?, hint: String? = nil,
                      error: String? = nil, attributes: HTML = .empty) -> HTML {
        let id = id ?? name
        return """
        <label for="\(id)">\(label)</label>
        <input id="\(id)" name="\(name)" type="\(type)" value="\(value ?? "")" \(attributes)\(invalid(error))>
        \(hint.map { "<p class=\"hint\">\($0)</p>" as HTML } ?? .empty)\(fieldError(error))
        """
    }

    static func textArea(_ name: String, _ label: String, id: String? = nil, value: String?, hint: String? = nil,
                         error: String? = nil, attributes: HTML = .empty) -> HTML {
        let id = id ?? name
        return """
        <label for="\(id)">\(label)</label>
        <textarea id="\(id)" name="\(name)" \(attributes)\(invalid(error))>\(value ?? "")</textarea>
        \(hint.map { "<p class=\"hint\">\($0)</p>" as HTML } ?? .empty)\(fieldError(error))
        """
    }

    static func select(_ name: String, _ label: String, id: String? = nil, options: [(value: String, title: String)], selected: String?,
                       placeholder: String? = nil, hint: String? = nil, error: String? = nil, attributes: HTML = .empty) -> HTML {
        let id = id ?? name
        let rows: [HTML] = options.map { "<option value=\"\($0.value)\"\(selected == $0.value ? " selected" as HTML : .empty)>\($0.title)</option>" }
        return """
        <label for="\(id)">\(label)</label>
        <select id="\(id)" name="\(name)" \(attributes)\(invalid(error))>\(placeholder.map { "<option value=\"\">\($0)</option>" as HTML } ?? .empty)\(rows)</select>
        \(hint.map { "<p class=\"hint\">\($0)</p>" as HTML } ?? .empty)\(fieldError(error))
        """
    }

    static func typeOptions() -> [(value: String, title: String)] {
        TicketType.allCases.map { ($0.rawValue, $0.title) }
    }

    static func districtOptions(_ snapshot: CatalogSnapshot) -> [(value: String, title: String)] {
        snapshot.districts.map { ($0.code, $0.name) }
    }

    static func departmentOptions(_ snapshot: CatalogSnapshot) -> [(value: String, title: String)] {
        snapshot.departments.map { ($0.code, $0.name) }
    }
}
