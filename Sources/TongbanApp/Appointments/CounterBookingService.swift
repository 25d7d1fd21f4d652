import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 预约办事: booking a half-hour slot at a hall for an item, cancelling until the day before, 取号 with the code on the
/// day, and 爽约 (three in 90 days suspend online booking for 30 days). Capacity per slot is the number of the hall's
/// windows that serve the item's department.
struct CounterBookingService {
    let db: any Database
    let gate: WriteGate?
    let now: Date
    let catalog: CatalogSnapshot
    let calendar: WorkdayCalendar

    struct BookInput: Content {
        var hall: String?
        var item: String?
        /// The slot's start, ISO 8601 with its offset ("2026-03-03T09:00:00+08:00").
        var slot: String?

        var slotStart: Date? { slot.flatMap { ISO8601DateFormatter().date(from: $0.trimmed) } }
    }

    struct SlotView: Content {
        var start: Date
        var capacity: Int
        var remaining: Int
    }

    /// A hall's slots for an item on one bookable day, with the places left.
    func slots(hall: ServiceHall, item: ServiceItemRecord, day: CalendarDay) async throws -> [SlotView] {
        let capacity = try await capacity(hall: hall, department: item.departmentCode)
        guard capacity > 0, CounterSlots.bookableDays(at: now).contains(day) else { return [] }
        let starts = CounterSlots.starts(on: day, calendar: calendar)
        let taken = Dictionary(try await CounterSlot.query(on: db).filter(\.$hallID == hall.requireID()).filter(\.$departmentCode == item.departmentCode)
            .filter(\.$slotStart ~~ starts).all().map { ($0.slotStart, $0.booked) }, uniquingKeysWith: { a, _ in a })
        return starts.map { SlotView(start: $0, capacity: capacity, remaining: max(0, capacity - (taken[$0] ?? 0))) }
    }

    func capacity(hall: ServiceHall, department: String) async throws -> Int {
        try await HallWindow.query(on: db).filter(\.$hallID == hall.requireID()).all().filter { $0.serves(department) }.count
    }

    func book(_ input: BookInput, by person: Principal) async throws -> CounterBooking {
        guard !person.isStaff else { throw AppError(.forbidden, "appointment.citizens_only", "预约办事由办事人本人预约") }
        var problems: [String: String] = [:]
        let hall = try await ServiceHall.query(on: db).filter(\.$code == (input.hall ?? "")).first()
        if hall == nil { problems["hall"] = "请选择政务服务中心" }
        let item = input.item.flatMap { catalog.items[$0] }
        if item == nil { problems["item"] = "请选择要办理的事项" }
        guard let slot = input.slotStart, CounterSlots.isSlot(slot, calendar: calendar), CounterSlots.bookableDays(at: now).contains(CalendarDay(slot)) else {
            problems["slot"] = "请选择明天起 \(CounterSlots.daysAhead) 天内工作日的时段"
            throw AppError.invalid("appointment.invalid", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        guard problems.isEmpty, let hall, let item else {
            throw AppError.invalid("appointment.invalid", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        let capacity = try await capacity(hall: hall, department: item.departmentCode)
        guard capacity > 0 else { throw AppError.invalid("appointment.not_served", "\(hall.name)不办理该事项", details: ["hall": "该中心不办理该事项"]) }
        try await requireNotSuspended(person.userID)
        let hallID = try hall.requireID()
        if try await CounterBooking.query(on: db).filter(\.$userID == person.userID).filter(\.$itemCode == item.code)
            .filter(\.$status == CounterBooking.Status.booked.rawValue).filter(\.$slotStart > now).count() > 0 {
            throw AppError(.conflict, "appointment.already_booked", "您已预约该事项，如需改期请先取消原预约")
        }
        let now = self.now
        // A new code can, rarely, be one already issued: the whole booking is then tried again with another.
        for _ in 0..<3 {
            do {
                return try await serializedTransaction(db, gate: gate) { db in
                    guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "appointment.storage", "存储不支持") }
                    let row = CounterSlot()
                    (row.id, row.hallID, row.departmentCode, row.slotStart, row.capacity, row.booked) = (UUID(), hallID, item.departmentCode, slot, capacity, 0)
                    try await sql.insert(into: CounterSlot.schema).columns("id", "hall_id", "department_code", "slot_start", "capacity", "booked")
                        .values(SQLBind(row.id!), SQLBind(hallID), SQLBind(item.departmentCode), SQLBind(slot), SQLBind(capacity), SQLBind(0))
                        .ignoringConflicts(with: ["hall_id", "department_code", "slot_start"]).run()
                    let claimed = try await sql.raw("UPDATE counter_slots SET booked = booked + 1 WHERE hall_id = \(bind: hallID) AND department_code = \(bind: item.departmentCode) AND slot_start = \(bind: slot) AND booked < capacity RETURNING id").all()
                    guard !claimed.isEmpty else { throw AppError(.conflict, "appointment.full", "该时段已约满，请选择其他时段") }
                    let booking = CounterBooking()
                    (booking.hallID, booking.itemCode, booking.departmentCode, booking.slotStart, booking.userID) = (hallID, item.code, item.departmentCode, slot, person.userID)
                    (booking.code, booking.status, booking.createdAt, booking.updatedAt) = (Self.newCode(), CounterBooking.Status.booked.rawValue, now, now)
                    try await booking.create(on: db)
                    try await NotificationService(db: db, now: now).notify(
                        person.userID, title: "预约办事成功",
                        body: "您已预约\(hall.name)办理“\(item.name)”，时间 \(TimeText.minute(slot))，预约码 \(booking.code)。到场后在取号机输入预约码取号。",
                        link: AppointmentURL.mine, sms: true)
                    return booking
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue
            }
        }
        throw AppError(.serviceUnavailable, "appointment.busy", "预约繁忙，请稍后再试")
    }

    func cancel(_ id: UUID?, by person: Principal) async throws -> CounterBooking {
        guard let id, let booking = try await CounterBooking.find(id, on: db), booking.userID == person.userID else {
            throw AppError.notFound("预约", code: "appointment.not_found")
        }
        guard booking.state == .booked else { throw AppError(.conflict, "appointment.not_cancellable", "该预约\(booking.state.title)，不能取消") }
        guard now < CounterSlots.changeDeadline(booking.slotStart) else {
            throw AppError(.conflict, "appointment.cancel_closed", "预约当天不能网上取消或改期；不能到场请致电服务中心")
        }
        let now = self.now
        return try await serializedTransaction(db, gate: gate) { db in
            guard let sql = db as? any SQLDatabase else { return booking }
            let changed = try await sql.raw("UPDATE counter_bookings SET status = \(bind: CounterBooking.Status.cancelled.rawValue), updated_at = \(bind: now) WHERE id = \(bind: id) AND status = \(bind: CounterBooking.Status.booked.rawValue) RETURNING id").all()
            if !changed.isEmpty {
                try await sql.raw("UPDATE counter_slots SET booked = booked - 1 WHERE hall_id = \(bind: booking.hallID) AND department_code = \(bind: booking.departmentCode) AND slot_start = \(bind: booking.slotStart) AND booked > 0").run()
            }
            booking.status = CounterBooking.Status.cancelled.rawValue
            return booking
        }
    }

    private func requireNotSuspended(_ user: UUID) async throws {
        let since = now.addingTimeInterval(-(NoShowRule.window + NoShowRule.suspension))
        let missed = try await CounterBooking.query(on: db).filter(\.$userID == user).filter(\.$status == CounterBooking.Status.noShow.rawValue)
            .filter(\.$slotStart >= since).all().map(\.slotStart)
        if let until = NoShowRule.suspendedUntil(noShows: missed, now: now) {
            throw AppError(.forbidden, "appointment.suspended",
                           "90天内预约未到场已达\(NoShowRule.count)次，\(TimeText.minute(until)) 前暂停网上预约。可直接到服务中心取号办理。")
        }
    }

    /// Bookings whose slot ended half an hour ago without a number taken: 爽约, and the citizen is told, as the
    /// hospitals tell theirs: a suspension should never be the first they hear of it.
    static func markNoShows(_ db: any Database, now: Date) async throws -> Int {
        let late = try await CounterBooking.query(on: db).filter(\.$status == CounterBooking.Status.booked.rawValue)
            .filter(\.$slotStart <= now.addingTimeInterval(-Double(CounterSlots.length + 30) * 60)).all()
        for booking in late {
            (booking.status, booking.updatedAt) = (CounterBooking.Status.noShow.rawValue, now)
            try await booking.save(on: db)
            try await NotificationService(db: db, now: now).notify(
                booking.userID, title: "预约未到场",
                body: "您 \(TimeText.minute(booking.slotStart)) 的预约办事（预约码 \(booking.code)）未到场取号，已记未到场一次。"
                    + "90天内未到场\(NoShowRule.count)次将暂停网上预约30天；不能前往请提前取消。",
                link: AppointmentURL.mine, sms: true)
        }
        return late.count
    }

    static func newCode() -> String { String(format: "%08d", Int.random(in: 0..<100_000_000)) }
}

enum CounterNoShows {
    static let kind = "counter_no_shows"
    static let period: TimeInterval = 30 * 60

    static func run(_ job: Job, _ app: Application) async throws {
        _ = try await serializedTransaction(app.db, gate: app.writeGate) { db in
            try await CounterBookingService.markNoShows(db, now: app.clock.now())
        }
    }
}

enum AppointmentURL {
    static let mine = "/me/appointments"
    static func new(item: String) -> String { "/appointments/new?item=\(item)" }
}

extension Request {
    var counterBookings: CounterBookingService {
        CounterBookingService(db: db, gate: application.writeGate, now: application.clock.now(), catalog: application.catalogCache.snapshot,
                              calendar: application.workdays)
    }
}
