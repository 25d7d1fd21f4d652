import Fluent
import TongbanCore
import Vapor

/// 预约办事 over the JSON API.
struct AppointmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("halls", ":hall", "slots", use: slots)
        api.post("appointments", use: book)
        api.get("me", "appointments", use: mine)
        api.post("appointments", ":id", "cancel", use: cancel)
    }

    struct View: Content {
        var id: UUID
        var hall: String
        var item: String
        var slot: Date
        var code: String
        var status: String
        var statusTitle: String

        init(_ booking: CounterBooking, hall: String) {
            (id, self.hall, item, slot, code) = (booking.id!, hall, booking.itemCode, booking.slotStart, booking.code)
            (status, statusTitle) = (booking.status, booking.state.title)
        }
    }

    @Sendable func slots(_ request: Request) async throws -> [CounterBookingService.SlotView] {
        let service = request.counterBookings
        guard let hall = try await ServiceHall.query(on: request.db).filter(\.$code == (request.parameters.get("hall") ?? "")).first() else {
            throw AppError.notFound("政务服务中心", code: "queue.hall_not_found")
        }
        guard let item = request.query[String.self, at: "item"].flatMap({ service.catalog.items[$0] }) else {
            throw AppError.invalid("appointment.item_required", "请指定事项 item", details: ["item": "没有这个事项"])
        }
        guard let day = request.query[String.self, at: "day"].flatMap(CalendarDay.init) else {
            throw AppError.invalid("appointment.day_required", "请指定日期 day（YYYY-MM-DD）", details: ["day": "日期格式应为 YYYY-MM-DD"])
        }
        return try await service.slots(hall: hall, item: item, day: day)
    }

    @Sendable func book(_ request: Request) async throws -> Response {
        let input = try request.content.decode(CounterBookingService.BookInput.self)
        let booking = try await request.counterBookings.book(input, by: try request.requirePrincipal())
        return try await View(booking, hall: input.hall ?? "").encodeResponse(status: .created, for: request)
    }

    @Sendable func mine(_ request: Request) async throws -> [View] {
        let person = try request.requirePrincipal()
        let codes = Dictionary(try await ServiceHall.query(on: request.db).all().map { ($0.id!, $0.code) }, uniquingKeysWith: { a, _ in a })
        return try await CounterBooking.query(on: request.db).filter(\.$userID == person.userID).sort(\.$slotStart, .descending).limit(50).all()
            .map { View($0, hall: codes[$0.hallID] ?? "") }
    }

    @Sendable func cancel(_ request: Request) async throws -> View {
        let booking = try await request.counterBookings.cancel(request.parameters.get("id", as: UUID.self), by: try request.requirePrincipal())
        return View(booking, hall: try await ServiceHall.find(booking.hallID, on: request.db)?.code ?? "")
    }
}
