import Fluent
import TongbanCore
import Vapor

/// 预约挂号 in the browser, JavaScript off: hospitals → a department's week → confirm (for oneself or a relative) →
/// my bookings with 取消. Large buttons, plain forms, the remaining places written out.
struct ClinicPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("hospitals", use: hospitals)
        routes.get("hospitals", ":code", ":department", use: department)
        routes.get("hospitals", "book", ":session", use: confirm)
        routes.post("me", "clinic-bookings", use: book)
        routes.get("me", "clinic-bookings", use: mine)
        routes.post("me", "clinic-bookings", ":id", "cancel", use: cancel)
    }

    @Sendable func hospitals(_ request: Request) async throws -> Response {
        let cards: [HTML] = try await ClinicController.hospitalViews(on: request.db).map { hospital in
            let links: [HTML] = hospital.departments.map { "<a class=\"button secondary\" href=\"\(ClinicURL.department(hospital.code, $0.code))\">\($0.name)</a>" }
            return """
            <section class="card"><h2>\(hospital.name)</h2><p class="muted">\(hospital.address) · 电话 \(hospital.phone)</p>
              <p class="actions">\(links.joined(separator: " "))</p></section>
            """
        }
        return Layout.page(request, title: "预约挂号", """
        <section class="card"><h1>预约挂号</h1>
          <p>号源提前 \(request.application.bookingRules.releaseDaysAhead) 天每天 \(request.application.bookingRules.releaseHour):00 放号；
          就诊前一日 \(request.application.bookingRules.cancelHourDayBefore):00 前可取消。90天内爽约3次将暂停网上预约30天。</p>
          <p><a href="\(ClinicURL.mine)">我的预约</a></p></section>
        \(cards)
        """)
    }

    @Sendable func department(_ request: Request) async throws -> Response {
        let (hospital, department, sessions) = try await ClinicController.sessions(request)
        let rows: [HTML] = sessions.map { session in
            let action: HTML = if !session.released {
                "<span class=\"muted\">\(TimeText.minute(session.releaseAt)) 放号</span>"
            } else if session.remaining > 0 {
                "<a class=\"button\" href=\"/hospitals/book/\(session.id.uuidString)\">预约</a>"
            } else {
                "<span class=\"muted\">已约满</span> <a class=\"button secondary\" href=\"/hospitals/book/\(session.id.uuidString)\">候补</a>"
            }
            // A list, not a table: on a phone in elder mode four columns leave a word per line.
            return """
            <li><strong>\(Self.dayText(session.day)) \(session.halfDayTitle)</strong> <span class="muted">\(session.hours)</span><br>
              \(session.doctor) · \(session.doctorTitle) · 挂号费 \(BillMoney.yuan(session.feeFen)) 元<br>
              \(session.released ? "剩余 \(session.remaining) 个号 " : "")\(action)</li>
            """
        }
        return Layout.page(request, title: "\(department.name) · \(hospital.name)", """
        <section class="card"><h1>\(hospital.name) · \(department.name)</h1>
          \(rows.isEmpty ? "<p class=\"muted\">近期没有排班。</p>" as HTML : """
          <ul class="list">\(rows)</ul>
          """)
          <p><a href="\(ClinicURL.hospitals)">返回医院列表</a></p>
        </section>
        """)
    }

    /// "11月28日 周六": what people say, shorter than the ISO date on a phone.
    static func dayText(_ iso: String) -> String {
        guard let day = CalendarDay(iso) else { return iso }
        return "\(day.month)月\(day.day)日 周\(["一", "二", "三", "四", "五", "六", "日"][day.weekday - 1])"
    }

    @Sendable func confirm(_ request: Request) async throws -> Response {
        _ = try request.requirePrincipal()
        return try await renderConfirm(request, input: .init(session: request.parameters.get("session", as: UUID.self)), errors: [:], message: nil)
    }

    private func renderConfirm(_ request: Request, input: ClinicService.BookInput, errors: [String: String], message: String?,
                               status: HTTPResponseStatus = .ok) async throws -> Response {
        guard let id = input.session, let session = try await ClinicSession.find(id, on: request.db) else {
            throw AppError.notFound("号源", code: "clinic.session_not_found")
        }
        let place = try await ClinicPlace.load(session, on: request.db)
        let view = SessionView(session, doctor: try await Doctor.find(session.doctorID, on: request.db), now: request.application.clock.now())
        let full = view.remaining == 0
        return Layout.page(request, title: "确认预约", status: status, """
        <section class="card"><h1>\(full ? "加入候补" : "确认预约")</h1>
          <p><strong>\(place.hospital) · \(place.department)</strong><br>\(place.doctor)（\(place.doctorTitle)） · \(view.day) \(view.halfDayTitle) \(view.hours)<br>
          挂号费 \(BillMoney.yuan(place.feeFen)) 元（就诊时在医院缴纳） · 剩余 \(view.remaining) 个号</p>
          \(full ? "<p>该时段已约满。加入候补后，有人退号时按顺序自动为您预约并短信通知。</p>" as HTML : .empty)
          \(message.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form method="post" action="\(ClinicURL.mine)" class="stacked">
            \(Layout.csrfField(request))
            <input type="hidden" name="session" value="\(id.uuidString)">
            \(full ? "<input type=\"hidden\" name=\"waitlist\" value=\"true\">" as HTML : .empty)
            <details\(input.forIdNumber?.isEmpty == false ? " open" : "")><summary>为家人预约（父母、子女、配偶）</summary>
              \(IdentityPages.field("forIdNumber", "家人身份证号码", value: input.forIdNumber ?? "", hint: "为本人预约请留空", error: errors["forIdNumber"], attributes: "autocomplete=\"off\""))
              \(IdentityPages.field("consent", "家人如何同意", value: input.consent ?? "", hint: "如：母亲电话中同意", error: errors["consent"]))
            </details>
            <p><button type="submit">\(full ? "加入候补" : "确认预约")</button></p>
          </form>
          <p><a href="\(ClinicURL.department(place.hospitalCode, try await ClinicDepartment.find(session.departmentID, on: request.db)?.code ?? ""))">返回</a></p>
        </section>
        """)
    }

    struct Form: Content {
        var session: UUID?
        var forIdNumber: String?
        var consent: String?
        var waitlist: String?
    }

    @Sendable func book(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let form = try request.content.decode(Form.self)
        let input = ClinicService.BookInput(session: form.session, forIdNumber: form.forIdNumber, consent: form.consent, waitlist: form.waitlist == "true")
        do {
            _ = try await request.clinics.book(input, by: person)
            return request.redirect(to: ClinicURL.mine, redirectType: .normal)
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden].contains(error.status) {
            return try await renderConfirm(request, input: input, errors: error.details, message: error.message, status: error.status)
        }
    }

    @Sendable func mine(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        var items: [HTML] = []
        for booking in try await request.clinics.mine(person) {
            let view = try await ClinicBookingView.make(booking, on: request.db, rules: request.application.bookingRules)
            let open = booking.state == .booked || booking.state == .waitlisted
            let cancel: HTML = open ? """
                <form method="post" action="\(ClinicURL.mine)/\(view.id.uuidString)/cancel" class="inline">\(Layout.csrfField(request))
                <button type="submit" class="secondary">取消预约</button></form> <span class="muted">可取消至 \(TimeText.minute(view.cancelUntil))</span>
                """ : .empty
            items.append("""
            <li><strong>\(view.place.hospital) · \(view.place.department) · \(view.place.doctor)</strong> <span class="badge">\(view.statusTitle)</span><br>
              \(view.day) \(view.halfDayTitle) \(view.hours) · 就诊人 \(view.patientName)\(view.forRelative ? "（\(view.bookerName)代约）" : "")<br>
              预约码 <strong class="big-code">\(view.code)</strong><br>
              \(booking.state == .booked ? AppointmentPages.qr(view.code) : .empty)\(cancel)</li>
            """)
        }
        return Layout.page(request, title: "我的预约", """
        <section class="card"><h1>我的预约挂号</h1>
          \(items.isEmpty ? "<p class=\"muted\">还没有预约。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
          <p><a class="button" href="\(ClinicURL.hospitals)">预约挂号</a></p>
        </section>
        """)
    }

    @Sendable func cancel(_ request: Request) async throws -> Response {
        _ = try await request.clinics.cancel(request.parameters.get("id", as: UUID.self), by: try request.requirePrincipal())
        return request.redirect(to: ClinicURL.mine, redirectType: .normal)
    }
}
