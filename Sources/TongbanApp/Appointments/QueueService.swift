import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 取号 and 叫号 in a service hall. A number is taken for one department's business (by anyone at the hall's kiosk,
/// with an ID number to be recognised for the 绿色通道); a clerk at a window calls the next number that window can
/// serve, in `QueueOrder`; the hall's display shows who is called where. Two clerks pressing 叫号 at once never get the
/// same person: the call is a conditional update of the ticket from 等候中.
struct QueueService {
    let db: any Database
    let gate: WriteGate?
    let cipher: FieldCipher
    let now: Date
    let catalog: CatalogSnapshot

    struct TakeInput: Content {
        var department: String?
        /// Optional: recognises the elderly and people with a disability for the 绿色通道, and links the account.
        var idNumber: String?
        /// 孕妇: declared at the kiosk, seen by the clerk.
        var pregnant: Bool?
        /// 预约码 of a counter booking for today: the number is called in its slot's order.
        var bookingCode: String? = nil
    }

    var today: String { CalendarDay(now).description }

    func hall(_ code: String) async throws -> ServiceHall {
        guard let hall = try await ServiceHall.query(on: db).filter(\.$code == code).first() else {
            throw AppError.notFound("政务服务中心", code: "queue.hall_not_found")
        }
        return hall
    }

    /// The departments some window of the hall serves: what a number can be taken for.
    func departments(of hall: ServiceHall) async throws -> [DepartmentRecord] {
        let windows = try await HallWindow.query(on: db).filter(\.$hallID == hall.requireID()).all()
        return catalog.departments.filter { department in windows.contains { $0.serves(department.code) } }
    }

    func take(_ input: TakeInput, hall code: String) async throws -> QueueTicket {
        let hall = try await hall(code)
        if let booking = input.bookingCode?.trimmed.nilIfEmpty { return try await take(booking: booking, hall: hall) }
        var problems: [String: String] = [:]
        let department = (input.department ?? "").trimmed
        if !(try await departments(of: hall)).contains(where: { $0.code == department }) { problems["department"] = "请选择要办理的业务" }
        var reason: String?, userID: UUID?
        if let given = input.idNumber?.trimmed.uppercased().nilIfEmpty {
            switch ResidentID.result(given) {
            case .failure(let error): problems["idNumber"] = error.message
            case .success(let id):
                let hash = cipher.lookupHash("rid:" + id.value)
                let record = try await PopulationRecord.query(on: db).filter(\.$personHash == hash).first()
                userID = try await User.query(on: db).filter(\.$idNumberHash == hash).first()?.id
                reason = PriorityLane.reason(birthDate: CalendarDay(year: id.birthYear, month: id.birthMonth, day: id.birthDay), on: CalendarDay(now),
                                             disabled: record?.disabilityLevel != nil, pregnant: input.pregnant ?? false)
            }
        } else if input.pregnant == true {
            reason = PriorityLane.reason(birthDate: nil, on: CalendarDay(now), disabled: false, pregnant: true)
        }
        guard problems.isEmpty else { throw AppError.invalid("queue.invalid", problems.values.sorted().joined(separator: "；"), details: problems) }
        let letter = reason == nil ? "A" : "V"
        let (lane, account) = (reason, userID)
        return try await issue(letter: letter, hall: try hall.requireID()) { ticket, _ in
            (ticket.departmentCode, ticket.priorityReason, ticket.userID) = (department, lane, account)
        }
    }

    /// 取号 with a booking: on its day, from an hour before its slot to half an hour after it began; letter B.
    private func take(booking code: String, hall: ServiceHall) async throws -> QueueTicket {
        guard let booking = try await CounterBooking.query(on: db).filter(\.$code == code).filter(\.$hallID == hall.requireID()).first() else {
            throw AppError.invalid("queue.unknown_booking", "没有这个预约码（请核对，或确认预约的是本中心）", details: ["bookingCode": "没有这个预约码"])
        }
        guard booking.state == .booked else {
            throw AppError.invalid("queue.booking_used", "该预约\(booking.state.title)", details: ["bookingCode": "该预约\(booking.state.title)"])
        }
        guard now >= booking.slotStart.addingTimeInterval(-3600), now <= booking.slotStart.addingTimeInterval(1800) else {
            throw AppError.invalid("queue.booking_time", "预约时段为 \(TimeText.minute(booking.slotStart))，请在时段前1小时至开始后30分钟内取号；已过时段请取普通号",
                                   details: ["bookingCode": "不在取号时间内"])
        }
        let (now, hallID) = (self.now, try hall.requireID())
        return try await issue(letter: "B", hall: hallID) { ticket, db in
            (ticket.departmentCode, ticket.itemCode, ticket.appointmentAt, ticket.userID) = (booking.departmentCode, booking.itemCode, booking.slotStart, booking.userID)
            (booking.status, booking.updatedAt) = (CounterBooking.Status.arrived.rawValue, now)
            try await booking.save(on: db)
        }
    }

    /// The next number of the day for the letter, with `fill` setting what it is for in the same transaction; two
    /// kiosks at once collide on the unique key and the second tries again.
    private func issue(letter: String, hall hallID: UUID,
                       _ fill: @escaping @Sendable (QueueTicket, any Database) async throws -> Void) async throws -> QueueTicket {
        let (now, today) = (self.now, self.today)
        for _ in 0..<5 {
            do {
                return try await serializedTransaction(db, gate: gate) { db in
                    let issued = try await QueueTicket.query(on: db).filter(\.$hallID == hallID).filter(\.$day == today)
                        .filter(\.$number >= letter).filter(\.$number < letter + "~").count()
                    let ticket = QueueTicket()
                    (ticket.hallID, ticket.day, ticket.number) = (hallID, today, letter + String(format: "%03d", issued + 1))
                    (ticket.status, ticket.issuedAt) = (QueueTicket.Status.waiting.rawValue, now)
                    try await fill(ticket, db)
                    try await ticket.create(on: db)
                    return ticket
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue
            }
        }
        throw AppError(.serviceUnavailable, "queue.busy", "取号繁忙，请再按一次")
    }

    /// How many are before this number for its department.
    func ahead(of ticket: QueueTicket) async throws -> Int {
        let waiting = try await QueueTicket.query(on: db).filter(\.$hallID == ticket.hallID).filter(\.$day == ticket.day)
            .filter(\.$departmentCode == ticket.departmentCode).filter(\.$status == QueueTicket.Status.waiting.rawValue).all()
        let order = QueueOrder.ordered(waiting.map(Self.entry), now: now).map(\.id)
        return order.firstIndex(of: try ticket.requireID()) ?? 0
    }

    static func entry(_ ticket: QueueTicket) -> QueueOrder.Entry {
        QueueOrder.Entry(id: ticket.id!, priority: ticket.priorityReason != nil, appointmentAt: ticket.appointmentAt, issuedAt: ticket.issuedAt)
    }

    /// 叫号: the window's previous number is done, and the next one it can serve is called to it (nil: nobody waits).
    func callNext(hall code: String, window number: Int) async throws -> QueueTicket? {
        let hall = try await hall(code)
        guard let window = try await HallWindow.query(on: db).filter(\.$hallID == hall.requireID()).filter(\.$number == number).first() else {
            throw AppError.notFound("窗口", code: "queue.window_not_found")
        }
        let (now, today, hallID) = (self.now, self.today, try hall.requireID())
        for _ in 0..<5 {
            let waiting = try await QueueTicket.query(on: db).filter(\.$hallID == hallID).filter(\.$day == today)
                .filter(\.$status == QueueTicket.Status.waiting.rawValue).all().filter { window.serves($0.departmentCode) }
            guard let next = QueueOrder.next(waiting.map(Self.entry), now: now) else {
                try await finishCalled(hallID: hallID, window: number)
                return nil
            }
            let claimed = try await serializedTransaction(db, gate: gate) { db -> Bool in
                guard let sql = db as? any SQLDatabase else { return false }
                try await sql.raw("UPDATE queue_tickets SET status = \(bind: QueueTicket.Status.served.rawValue), finished_at = \(bind: now) WHERE hall_id = \(bind: hallID) AND day = \(bind: today) AND window_number = \(bind: number) AND status = \(bind: QueueTicket.Status.called.rawValue)").run()
                return !(try await sql.raw("UPDATE queue_tickets SET status = \(bind: QueueTicket.Status.called.rawValue), called_at = \(bind: now), window_number = \(bind: number) WHERE id = \(bind: next.id) AND status = \(bind: QueueTicket.Status.waiting.rawValue) RETURNING id").all()).isEmpty
            }
            // Another window called that person a moment ago: take the next one.
            if claimed { return try await QueueTicket.find(next.id, on: db) }
        }
        throw AppError(.serviceUnavailable, "queue.busy", "叫号繁忙，请再按一次")
    }

    private func finishCalled(hallID: UUID, window: Int) async throws {
        let (now, today) = (self.now, self.today)
        try await serializedTransaction(db, gate: gate) { db in
            try await QueueTicket.query(on: db).filter(\.$hallID == hallID).filter(\.$day == today).filter(\.$windowNumber == window)
                .filter(\.$status == QueueTicket.Status.called.rawValue)
                .set(\.$status, to: QueueTicket.Status.served.rawValue).set(\.$finishedAt, to: now).update()
        }
    }

    /// 办结 or 过号 for the number at a window.
    func finish(_ id: UUID?, skipped: Bool) async throws -> QueueTicket {
        guard let id, let ticket = try await QueueTicket.find(id, on: db) else { throw AppError.notFound("排队号", code: "queue.ticket_not_found") }
        guard ticket.state == .called else { throw AppError(.conflict, "queue.not_called", "该号\(ticket.state.title)") }
        (ticket.status, ticket.finishedAt) = ((skipped ? QueueTicket.Status.skipped : .served).rawValue, now)
        try await serializedTransaction(db, gate: gate) { db in try await ticket.save(on: db) }
        return ticket
    }

    struct Display: Content {
        struct Called: Content {
            var number: String
            var window: Int
            var windowName: String
        }
        struct Waiting: Content {
            var department: String
            var name: String
            var count: Int
        }
        var hall: String
        var called: [Called]
        var waiting: [Waiting]
        var totalWaiting: Int
    }

    /// What the hall's screen shows: the last numbers called and to which window, and how many wait for what.
    func display(hall code: String) async throws -> Display {
        let hall = try await hall(code)
        let windows = Dictionary(try await HallWindow.query(on: db).filter(\.$hallID == hall.requireID()).all().map { ($0.number, $0.name) },
                                 uniquingKeysWith: { a, _ in a })
        let tickets = try await QueueTicket.query(on: db).filter(\.$hallID == hall.requireID()).filter(\.$day == today)
            .filter(\.$status ~~ [QueueTicket.Status.waiting.rawValue, QueueTicket.Status.called.rawValue]).all()
        let called = tickets.filter { $0.state == .called }.sorted { ($0.calledAt ?? now) > ($1.calledAt ?? now) }.prefix(8)
            .map { Display.Called(number: $0.number, window: $0.windowNumber ?? 0, windowName: windows[$0.windowNumber ?? 0] ?? "") }
        let waiting = Dictionary(grouping: tickets.filter { $0.state == .waiting }, by: \.departmentCode)
            .map { Display.Waiting(department: $0.key, name: catalog.department($0.key)?.name ?? $0.key, count: $0.value.count) }
            .sorted { $0.count > $1.count }
        return Display(hall: hall.name, called: Array(called), waiting: waiting, totalWaiting: waiting.reduce(0) { $0 + $1.count })
    }
}

extension Request {
    var queues: QueueService {
        QueueService(db: db, gate: application.writeGate, cipher: application.fieldCipher, now: application.clock.now(), catalog: application.catalogCache.snapshot)
    }
}

enum QueueURL {
    static func take(_ hall: String) -> String { "/halls/\(hall)/take" }
    static func display(_ hall: String) -> String { "/halls/\(hall)/display" }
    static func ticket(_ hall: String, _ id: UUID) -> String { "/halls/\(hall)/tickets/\(id.uuidString)" }
    static let workbench = "/workbench/queue"
}
