import Foundation
import TongbanCore
import Vapor

/// The operator's call sheet and what it shows around the form.
extension OperatorPages {
    static func render(_ request: Request, form: CallForm, findings: Findings, errors: [String: String], message: String?,
                       before: HTML = .empty, status: HTTPResponseStatus = .ok) -> Response {
        let snapshot = request.catalog.snapshot
        let threshold = request.application.settings.hotline.dispatchThreshold
        let names = Dictionary(snapshot.departments.map { ($0.code, $0.shortName) }, uniquingKeysWith: { first, _ in first })
            .merging(snapshot.districts.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let namesJSON = (try? JSONEncoder().encode(names)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let alert = TicketHTML.alert(errors.isEmpty ? message : "登记信息有误，请按提示修改，已填写的内容都已保留。")
        return Layout.page(request, title: "来电登记", status: status, """
        \(before)
        <section class="card"><h1>12345 来电登记</h1>
          \(alert)
          <form class="stacked" id="call-form" method="post" action="\(HotlineURL.call)">
            \(Layout.csrfField(request))
            <fieldset><legend>来电人</legend>
              \(TicketHTML.input("contactPhone", "来电号码", type: "tel", value: form.contactPhone, hint: "输入后点“查来电历史”，可看到该号码以前反映过的问题",
                                 error: errors["contactPhone"], attributes: "maxlength=\"20\" autocomplete=\"off\" inputmode=\"tel\""))
              <p><button type="submit" name="action" value="history" class="secondary" formnovalidate>查来电历史</button></p>
              \(history(findings.history))
              \(TicketHTML.input("contactName", "来电人称呼（选填）", value: form.contactName, hint: "如“陈先生”", error: errors["contactName"], attributes: "maxlength=\"50\""))
              <label><input type="checkbox" name="anonymous" value="1"\(form.anonymous == nil ? HTML.empty : " checked")> 匿名举报（不记录号码和称呼）</label>
              \(TicketHTML.fieldError(errors["anonymous"]))
            </fieldset>
            <fieldset><legend>诉求</legend>
              \(TicketHTML.select("type", "诉求类型", options: TicketHTML.typeOptions(), selected: form.type, placeholder: "请选择", error: errors["type"], attributes: "required"))
              \(TicketHTML.input("title", "标题", value: form.title, error: errors["title"], attributes: "required minlength=\"2\" maxlength=\"\(TicketService.maxTitle)\""))
              \(TicketHTML.textArea("body", "来电内容", value: form.body, hint: "记下时间、地点、具体情况和来电人的诉求", error: errors["body"],
                                    attributes: "required minlength=\"5\" maxlength=\"\(TicketService.maxBody)\" rows=\"5\""))
              <div id="live-suggest" aria-live="polite" data-names="\(namesJSON)">\(suggestions(findings, threshold: threshold, snapshot: snapshot))</div>
              \(TicketHTML.select("district", "区县", options: TicketHTML.districtOptions(snapshot), selected: form.district,
                                  placeholder: "按内容识别", error: errors["district"]))
              \(TicketHTML.input("address", "事发地点（选填）", value: form.address, error: errors["address"], attributes: "maxlength=\"200\""))
            </fieldset>
            <fieldset><legend>当场解答咨询（一次办结）</legend>
              <label for="q">查办事指南</label>
              <input id="q" name="q" type="search" value="\(form.q ?? "")" maxlength="200" placeholder="如：社保卡补办、公积金提取">
              <p><button type="submit" name="action" value="search" class="secondary" formnovalidate>搜索</button></p>
              \(results(findings.results, searched: !(form.q ?? "").trimmed.isEmpty))
              \(TicketHTML.textArea("answer", "当场答复（选填）", value: form.answer, hint: "只用于咨询：填写后工单直接办结，不再派单。",
                                    error: errors["answer"], attributes: "maxlength=\"2000\" rows=\"4\""))
            </fieldset>
            <p><button type="submit" name="action" value="file">登记工单</button></p>
          </form>
        </section>
        <script src="\(HotlineURL.suggestScript)" defer></script>
        """)
    }

    static func history(_ tickets: [TicketSummary]?) -> HTML {
        guard let tickets else { return .empty }
        guard !tickets.isEmpty else { return "<p class=\"muted\" id=\"history\">来电历史：该号码没有以前的工单。</p>" }
        let rows: [HTML] = tickets.map { t in
            """
            <li><a href="\(HotlineURL.staff(t.number))">\(t.number)</a> <span class="tag">\(t.typeTitle)</span> \(t.title)
            \(TicketHTML.state(t.state, t.stateTitle))<br><span class="hint">\(TimeText.minute(t.createdAt))\(t.departmentName.map { " · \($0)" } ?? "")</span></li>
            """
        }
        return "<div id=\"history\"><p><strong>来电历史（\(tickets.count) 件）</strong></p><ul class=\"list\">\(rows)</ul></div>"
    }

    static func suggestions(_ findings: Findings, threshold: Double, snapshot: CatalogSnapshot) -> HTML {
        guard let top = findings.suggestions.first else { return .empty }
        let rows: [HTML] = findings.suggestions.map { "<li>\(TicketHTML.departmentName($0.department, snapshot))（\(TicketHTML.percent($0.confidence))）</li>" }
        let district = findings.district.flatMap { code in snapshot.districts.first { $0.code == code }?.name }
        return """
        <p><strong>\(top.confidence >= threshold ? "登记后将自动派往：" : "建议派往（由派单员确认）：")</strong></p><ol>\(rows)</ol>
        \(district.map { "<p class=\"hint\">识别区县：\($0)</p>" as HTML } ?? .empty)
        """
    }

    static func results(_ results: [CatalogSearchResult], searched: Bool) -> HTML {
        guard !results.isEmpty else { return searched ? "<p class=\"muted\">没有找到相关事项，可换个说法。</p>" : .empty }
        let rows: [HTML] = results.map { result in
            switch result {
            case .item(let item, _):
                """
                <li><a href="\(SiteURL.service(item.code))" target="_blank" rel="noopener"><strong>\(item.name)</strong></a>
                <span class="tag">\(item.departmentName)</span><br><span class="hint">\(item.guide.summary)</span>
                <br><button type="submit" name="cite" value="\(item.code)" class="secondary" formnovalidate>引用到答复</button></li>
                """
            case .lifeEvent(let event, _):
                """
                <li><a href="\(SiteURL.lifeEvent(event.code))" target="_blank" rel="noopener"><strong>\(event.name)</strong></a>
                <span class="tag hot">一件事</span><br><span class="hint">\(event.summary)</span></li>
                """
            }
        }
        return "<ul class=\"list\" id=\"results\">\(rows)</ul>"
    }

    /// After filing: what to read out to the caller, and where the ticket went.
    static func filed(_ view: TicketView, snapshot: CatalogSnapshot) -> HTML {
        let outcome: HTML
        switch TicketState(rawValue: view.state) {
        case .closed:
            outcome = "已当场答复，一次办结"
        case .dispatched:
            let how = view.dispatchMode == "auto" ? "智能派单" : "已派单"
            outcome = "\(how)至 <strong>\(view.departmentName ?? "—")</strong>，\(TicketHTML.deadline(view))"
        default:
            outcome = "等待派单员派单（智能派单把握不足）"
        }
        let rows: [HTML] = (view.suggestions ?? []).map {
            "<li>\(TicketHTML.departmentName($0.department, snapshot))（\(TicketHTML.percent($0.confidence))）</li>"
        }
        return """
        <section class="card notice" role="status" id="filed"><h2>已登记：\(view.title)</h2>
          <dl class="facts">
            <dt>工单号</dt><dd><strong class="big">\(view.number)</strong></dd>
            <dt>查询码</dt><dd><strong class="big">\(view.accessCode ?? "—")</strong></dd>
            <dt>去向</dt><dd>\(outcome)</dd>
            <dt>派单建议</dt><dd>\(rows.isEmpty ? "—" as HTML : "<ol>\(rows)</ol>")</dd>
          </dl>
          <p>请把工单号和查询码告诉来电人，答复后会短信通知。<a href="\(HotlineURL.staff(view.number))">查看工单</a></p>
        </section>
        """
    }
}
