import Fluent
import Foundation
import TongbanCore
import Vapor

/// The visitor's phone: whom to visit (late and due first), and one form per visit that works without JavaScript.
struct VisitPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "care", "visits", use: list)
        routes.get("community", ":code", "care", "visits", ":entry", use: form)
        routes.post("community", ":code", "care", "visits", ":entry", use: record)
    }

    /// The form as typed: every value a string, so "abc" in a number field is named rather than a decoding failure.
    struct Form: Content {
        var visitedAt: String?
        var met: String?
        var findings: String?
        var systolic: String?
        var diastolic: String?
        var heartRate: String?
        var bloodSugar: String?
        var needMeal: String?
        var needRepair: String?
        var needEscort: String?
        var needOther: String?
        var needNote: String?
        var contactPhone: String?

        static let needFields = [("needMeal", "助餐"), ("needRepair", "维修"), ("needEscort", "就医陪同"), ("needOther", "其他")]

        func value(_ field: String) -> String? {
            switch field {
            case "needMeal": needMeal
            case "needRepair": needRepair
            case "needEscort": needEscort
            default: needOther
            }
        }

        /// The input, and the problems found in turning text into numbers.
        func input() -> (VisitInput, [String: String]) {
            var problems: [String: String] = [:]
            func number<T: LosslessStringConvertible>(_ text: String?, _ field: String, _ label: String) -> T? {
                guard let text = text?.trimmed.nilIfEmpty else { return nil }
                guard let value = T(text) else { problems[field] = "\(label)请填写数字"; return nil }
                return value
            }
            let input = VisitInput(
                visitedAt: visitedAt ?? "", met: met != "false", findings: findings ?? "",
                systolic: number(systolic, "systolic", "收缩压"), diastolic: number(diastolic, "diastolic", "舒张压"),
                heartRate: number(heartRate, "heartRate", "心率"), bloodSugar: number(bloodSugar, "bloodSugar", "血糖"),
                needs: Self.needFields.filter { value($0.0) != nil }.map { $0.1 }, needNote: needNote, contactPhone: contactPhone)
            return (input, problems)
        }
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        let (service, code) = (request.care, request.parameters.get("code") ?? "")
        let reader = try service.reader(code)
        let community = try await request.communities.find(code)
        let views = try await service.entries(code, for: reader).map(service.view).sorted { ($0.daysOverdue, $1.nextDueOn) > ($1.daysOverdue, $0.nextDueOn) }
        let items: [HTML] = views.map { entry in
            let when: HTML = entry.daysOverdue > 0 ? "<span class=\"clock clock-overdue\">已逾期\(entry.daysOverdue)天</span>"
                : "<span class=\"clock\">\(CalendarDay(entry.nextDueOn)?.chinese ?? entry.nextDueOn)前走访</span>"
            return """
            <li><a href="\(CareURL.visit(code, entry.id))"><strong>\(entry.name)</strong></a> \(when)<br>
              <span class="muted">\(entry.age)岁 · \(entry.reasons.joined(separator: "、")) · \(entry.frequency)\(entry.visitorName.map { " · 走访人：\($0)" } ?? "")</span><br>
              \(entry.address)<br><a class="button" href="\(CareURL.visit(code, entry.id))">记录走访</a></li>
            """
        }
        return Layout.page(request, title: "关爱走访 · \(community.name)", """
        <section class="card"><h1>关爱走访</h1><p class="muted">\(community.name) · 逾期和即将到期的排在前面</p>
          \(items.isEmpty ? "<p>暂时没有需要您走访的对象。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
        </section>
        """)
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        try await render(request, form: nil, errors: [:])
    }

    @Sendable func record(_ request: Request) async throws -> Response {
        let (service, code) = (request.care, request.parameters.get("code") ?? "")
        let reader = try service.reader(code)
        let entry = try await service.entry(code, request.parameters.get("entry"), for: reader)
        let form = try request.content.decode(Form.self)
        let (input, problems) = form.input()
        do {
            guard problems.isEmpty else { throw AppError.invalid("care.invalid_visit", problems.values.sorted().joined(separator: "；"), details: problems) }
            _ = try await service.record(code, entry, input, by: reader)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, form: form, errors: error.details, status: error.status)
        }
        return request.redirect(to: CareURL.visit(code, try entry.requireID()) + "?saved=1", redirectType: .normal)
    }

    private func render(_ request: Request, form: Form?, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let (service, code) = (request.care, request.parameters.get("code") ?? "")
        let reader = try service.reader(code)
        let entry = try await service.entry(code, request.parameters.get("entry"), for: reader)
        let view = try service.view(entry)
        let now = request.application.clock.now()
        let past: [HTML] = try await service.visits(of: entry).map { visit in
            let health = [visit.systolic.map { s in "血压 \(s)/\(visit.diastolic ?? 0)" }, visit.heartRate.map { "心率 \($0)" },
                          visit.bloodSugar.map { "血糖 \($0)" }].compactMap { $0 }.joined(separator: " · ")
            let tickets = visit.ticketNumbers.split(separator: ",").map(String.init)
            return """
            <li><strong>\(TimeText.minute(visit.visitedAt))</strong> \(visit.visitorName)\(visit.met ? "" : "（未见到本人）")<br>\(visit.findings)
              \(health.isEmpty ? HTML.empty : "<br><span class=\"muted\">\(health)</span>")
              \(visit.needs.isEmpty ? HTML.empty : "<br>需求：\(visit.needs.replacingOccurrences(of: ",", with: "、")) → 12345工单 \(tickets.joined(separator: "、"))")</li>
            """
        }
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        let localNow = DateFormatter()
        localNow.locale = Locale(identifier: "en_US_POSIX")
        localNow.timeZone = TimeZone(identifier: "Asia/Shanghai")
        localNow.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let met = form?.met != "false"
        let needs: [HTML] = Form.needFields.map { field, label in
            "<label class=\"choice\"><input type=\"checkbox\" name=\"\(field)\" value=\"on\"\(form?.value(field) != nil ? " checked" as HTML : .empty)> \(label)</label>"
        }
        let numberField = { (name: String, label: String, value: String?, mode: String) -> HTML in
            IdentityPages.field(name, label, type: "text", value: value ?? "", error: errors[name], attributes: "inputmode=\"\(mode)\" autocomplete=\"off\"")
        }
        return Layout.page(request, title: "记录走访 · \(view.name)", status: status, """
        <section class="card"><h1>记录走访：\(view.name)</h1>
          <p>\(view.age)岁 · \(view.reasons.joined(separator: "、"))\(view.disabilityLevel.map { "（残疾\($0)）" } ?? "") · \(view.idNumber)<br>\(view.address)</p>
          <p class="muted">\(view.frequency) · 下次应访：\(CalendarDay(view.nextDueOn)?.chinese ?? view.nextDueOn)\(view.daysOverdue > 0 ? "（已逾期\(view.daysOverdue)天）" : "")</p>
          \(request.query[String.self, at: "saved"] == nil ? HTML.empty : "<p class=\"notice\" role=\"status\">走访已记录，提出的需求已转为12345工单（见下方走访记录）。</p>")
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">走访记录有误，请按提示修改</p>")
          <form class="stacked" method="post" action="\(CareURL.visit(code, view.id))">
            \(Layout.csrfField(request))
            \(IdentityPages.field("visitedAt", "走访时间", type: "datetime-local", value: form?.visitedAt ?? localNow.string(from: now), error: errors["visitedAt"], attributes: "required"))
            <fieldset><legend>是否见到本人</legend>
              <label class="choice"><input type="radio" name="met" value="true"\(met ? " checked" as HTML : .empty)> 见到本人</label>
              <label class="choice"><input type="radio" name="met" value="false"\(met ? .empty : " checked" as HTML)> 未见到（不在家、住院等）</label>\(error("met"))
            </fieldset>
            <label for="findings">走访情况</label><textarea id="findings" name="findings" rows="4" required>\(form?.findings ?? "")</textarea>\(error("findings"))
            <fieldset><legend>健康检查（可不填）</legend>
              \(numberField("systolic", "收缩压（高压，mmHg）", form?.systolic, "numeric"))
              \(numberField("diastolic", "舒张压（低压，mmHg）", form?.diastolic, "numeric"))
              \(numberField("heartRate", "心率（次/分）", form?.heartRate, "numeric"))
              \(numberField("bloodSugar", "血糖（mmol/L）", form?.bloodSugar, "decimal"))
            </fieldset>
            <fieldset><legend>提出的需求（将转为12345求助工单）</legend>\(needs)\(error("needs"))
              \(IdentityPages.field("needNote", "需求说明（选“其他”时必填）", value: form?.needNote ?? "", error: errors["needNote"]))
              \(IdentityPages.field("contactPhone", "联系电话（本人没有平台账号时必填）", type: "tel", value: form?.contactPhone ?? "", error: errors["contactPhone"]))
            </fieldset>
            <p><button type="submit">保存走访记录</button></p>
          </form>
        </section>
        <section class="card"><h2>走访记录</h2>\(past.isEmpty ? "<p class=\"muted\">还没有走访记录。</p>" as HTML : "<ul class=\"list\">\(past)</ul>")
          <p><a href="\(CareURL.visits(code))">返回走访列表</a></p></section>
        """)
    }
}
