import Fluent
import TongbanCore
import Vapor

/// 预约办事 in the browser, JavaScript off: from an item's guide, choose the hall and day (a GET form), then a
/// half-hour slot; the booking code to show at the hall's kiosk; my appointments with 取消.
struct AppointmentPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("appointments", "new", use: new)
        routes.post("me", "appointments", use: book)
        routes.get("me", "appointments", use: mine)
        routes.post("me", "appointments", ":id", "cancel", use: cancel)
    }

    struct Choice: Content {
        var item: String?
        var hall: String?
        var day: String?
    }

    @Sendable func new(_ request: Request) async throws -> Response {
        _ = try request.requirePrincipal()
        return try await render(request, choice: (try? request.query.decode(Choice.self)) ?? Choice(), message: nil)
    }

    private func render(_ request: Request, choice: Choice, message: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let service = request.counterBookings
        guard let item = choice.item.flatMap({ service.catalog.items[$0] }) else { throw AppError.notFound("事项", code: "catalog.item_not_found") }
        var halls: [ServiceHall] = []
        for hall in try await ServiceHall.query(on: request.db).sort(\.$code).all() where try await service.capacity(hall: hall, department: item.departmentCode) > 0 {
            halls.append(hall)
        }
        let hall = halls.first { $0.code == choice.hall } ?? halls.first
        let days = CounterSlots.bookableDays(at: service.now).filter { !CounterSlots.starts(on: $0, calendar: service.calendar).isEmpty }
        let day = days.first { $0.description == choice.day } ?? days.first
        let hallOptions: [HTML] = halls.map { "<option value=\"\($0.code)\"\($0.code == hall?.code ? " selected" : "")>\($0.name)</option>" }
        let dayOptions: [HTML] = days.map { "<option value=\"\($0.description)\"\($0 == day ? " selected" : "")>\(ClinicPages.dayText($0.description))</option>" }
        var slots: [HTML] = []
        if let hall, let day {
            slots = try await service.slots(hall: hall, item: item, day: day).map { slot in
                let time = TimeText.minute(slot.start).suffix(5)
                return slot.remaining == 0 ? "<li>\(time) <span class=\"muted\">已约满</span></li>" : """
                <li><form method="post" action="\(AppointmentURL.mine)" class="inline">\(Layout.csrfField(request))
                  <input type="hidden" name="hall" value="\(hall.code)"><input type="hidden" name="item" value="\(item.code)">
                  <input type="hidden" name="slot" value="\(ISO8601DateFormatter().string(from: slot.start))">
                  <button type="submit">\(time) 预约</button></form> <span class="muted">剩余 \(slot.remaining)</span></li>
                """
            }
        }
        return Layout.page(request, title: "预约办事 · \(item.name)", status: status, """
        <section class="card"><h1>预约到窗口办理</h1><p><strong>\(item.name)</strong> · \(item.departmentName)</p>
          \(message.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form method="get" action="/appointments/new" class="stacked">
            <input type="hidden" name="item" value="\(item.code)">
            <label for="hall">政务服务中心</label><select id="hall" name="hall">\(hallOptions)</select>
            <label for="day">日期</label><select id="day" name="day">\(dayOptions)</select>
            <p><button type="submit" class="secondary">查看可约时段</button></p>
          </form>
          \(slots.isEmpty ? "<p class=\"muted\">该日没有可约时段。</p>" as HTML : "<ul class=\"list slots\">\(slots)</ul>")
          <p class="hint">可预约明天起 \(CounterSlots.daysAhead) 天内的工作日；预约当天不能网上取消。90天内3次预约未到场将暂停网上预约30天。</p>
        </section>
        """)
    }

    @Sendable func book(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(CounterBookingService.BookInput.self)
        do {
            _ = try await request.counterBookings.book(input, by: person)
            return request.redirect(to: AppointmentURL.mine, redirectType: .normal)
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden].contains(error.status) {
            let day = input.slotStart.map { CalendarDay($0).description }
            return try await render(request, choice: .init(item: input.item, hall: input.hall, day: day), message: error.message, status: error.status)
        }
    }

    @Sendable func mine(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let service = request.counterBookings
        let bookings = try await CounterBooking.query(on: request.db).filter(\.$userID == person.userID).sort(\.$slotStart, .descending).limit(50).all()
        let halls = Dictionary(try await ServiceHall.query(on: request.db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let items: [HTML] = bookings.map { booking in
            let cancel: HTML = booking.state == .booked && service.now < CounterSlots.changeDeadline(booking.slotStart) ? """
                <form method="post" action="\(AppointmentURL.mine)/\(booking.id!.uuidString)/cancel" class="inline">\(Layout.csrfField(request))
                <button type="submit" class="secondary">取消预约</button></form>
                """ : .empty
            return """
            <li><strong>\(service.catalog.items[booking.itemCode]?.name ?? booking.itemCode)</strong> <span class="badge">\(booking.state.title)</span><br>
              \(halls[booking.hallID] ?? "") · \(TimeText.minute(booking.slotStart))<br>
              预约码 <strong class="big-code">\(booking.code)</strong>（到场后在取号机输入或扫码）<br>
              \(booking.state == .booked ? Self.qr(booking.code) : .empty)\(cancel)</li>
            """
        }
        return Layout.page(request, title: "我的预约办事", """
        <section class="card"><h1>我的预约办事</h1>
          \(items.isEmpty ? "<p class=\"muted\">还没有预约。可在事项的办事指南中点击“预约到窗口办理”。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
        </section>
        """)
    }

    /// The booking code as a QR code drawn here (the hall's scanner types it into the 预约码 field); digits only, so it
    /// always fits, and a failure would only lose the picture, never the code written beside it.
    static func qr(_ code: String) -> HTML {
        guard let svg = try? QRCode(code).svg(title: "预约码 \(code) 的二维码", pixelsPerModule: 5) else { return .empty }
        return HTML(unsafeRaw: "<span class=\"qr\">\(svg)</span><br>")
    }

    @Sendable func cancel(_ request: Request) async throws -> Response {
        _ = try await request.counterBookings.cancel(request.parameters.get("id", as: UUID.self), by: try request.requirePrincipal())
        return request.redirect(to: AppointmentURL.mine, redirectType: .normal)
    }
}
