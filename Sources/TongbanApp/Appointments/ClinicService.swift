import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 预约挂号: booking a place in a session, the waiting list, cancelling, and the hospital's check-in. A place is
/// taken by one conditional update of the session's count (`booked < capacity`) in the booking's transaction, so
/// however many people press at 07:00, exactly `capacity` get a place and everyone else is told at once that it is
/// full. A session already full is refused from a read, without queueing for the write.
struct ClinicService {
    let db: any Database
    let gate: WriteGate?
    let cipher: FieldCipher
    let now: Date
    let rules: BookingRules

    struct BookInput: Content {
        var session: UUID?
        /// A relative's ID number, to book for them (父母、子女、配偶 in 人口库).
        var forIdNumber: String?
        var consent: String?
        /// Join the waiting list if the session is full, instead of being refused.
        var waitlist: Bool?
    }

    func book(_ input: BookInput, by person: Principal) async throws -> ClinicBooking {
        guard let id = input.session, let session = try await ClinicSession.find(id, on: db) else {
            throw AppError.notFound("号源", code: "clinic.session_not_found")
        }
        guard now >= session.releaseAt else {
            throw AppError(.conflict, "clinic.not_released", "该号源将于 \(TimeText.minute(session.releaseAt)) 放号，请届时再约")
        }
        guard now < session.startsAt else { throw AppError(.conflict, "clinic.closed", "该时段已开诊，不能再预约") }
        let wantsWaitlist = input.waitlist ?? false
        // Most of a flash crowd arrives after the last place went: answer them from this one read, before anything else.
        if session.booked >= session.capacity, !wantsWaitlist { throw Self.full }
        guard let booker = try await User.find(person.userID, on: db), !person.isStaff else {
            throw AppError(.forbidden, "clinic.citizens_only", "预约挂号由居民本人或家属办理")
        }
        let patient = try await ClinicPatient.resolve(forIdNumber: input.forIdNumber, consent: input.consent, booker: booker, db: db, cipher: cipher, now: now)
        try await requireNotSuspended(patient)
        let existing = try await ClinicBooking.query(on: db).filter(\.$sessionID == id).filter(\.$patientHash == patient.hash).first()
        if let existing, existing.state != .cancelled {
            throw AppError(.conflict, "clinic.already_booked", "\(patient.name)已\(existing.state == .waitlisted ? "在该时段候补" : "预约该时段")（预约码 \(existing.code)）",
                           details: ["booking": existing.id?.uuidString ?? ""])
        }
        let now = self.now
        // A fresh booking code can, very rarely, be one already issued: then the insert is tried again with another.
        for _ in 0..<3 {
            let booking = existing ?? ClinicBooking()
            do {
                return try await serializedTransaction(db, gate: gate) { db in
                    guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "clinic.storage", "存储不支持") }
                    let claimed = try await sql.raw("UPDATE clinic_sessions SET booked = booked + 1 WHERE id = \(bind: id) AND booked < capacity RETURNING id")
                        .all()
                    if claimed.isEmpty, !wantsWaitlist { throw Self.full }
                    booking.sessionID = id
                    (booking.patientHash, booking.patientName, booking.bookerID, booking.bookerName) = (patient.hash, patient.name, booker.id!, booker.realName)
                    (booking.consent, booking.status) = (patient.consent, (claimed.isEmpty ? ClinicBooking.Status.waitlisted : .booked).rawValue)
                    (booking.code, booking.queuedAt, booking.updatedAt) = (Self.newCode(), now, now)
                    if existing == nil { booking.createdAt = now }
                    try await booking.save(on: db)
                    try await self.tell(booking, session: session, on: db)
                    return booking
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // The same patient pressed twice at once: the first one holds the place, the second changed nothing.
                if try await ClinicBooking.query(on: db).filter(\.$sessionID == id).filter(\.$patientHash == patient.hash)
                    .filter(\.$status != ClinicBooking.Status.cancelled.rawValue).count() > 0 {
                    throw AppError(.conflict, "clinic.already_booked", "\(patient.name)已预约该时段")
                }
            }
        }
        throw AppError(.serviceUnavailable, "clinic.busy", "预约繁忙，请稍后再试")
    }

    /// Also the answer to someone who already holds a place there (the flash crowd's fast path does not look them up),
    /// so it points to where their booking is.
    static let full = AppError(.conflict, "clinic.full", "该时段号源已约满。可选择其他医生或日期，或加入候补：有人退号时按候补顺序自动为您预约并短信通知。已预约的请在「我的预约」中查看。")

    /// Cancels until the day before at the cut-off; a confirmed place goes to the first on the waiting list.
    func cancel(_ id: UUID?, by person: Principal) async throws -> ClinicBooking {
        let booking = try await visible(id, to: person)
        guard let session = try await ClinicSession.find(booking.sessionID, on: db) else { throw AppError.notFound("号源", code: "clinic.session_not_found") }
        guard [.booked, .waitlisted].contains(booking.state) else {
            throw AppError(.conflict, "clinic.not_cancellable", "该预约\(booking.state.title)，不能取消")
        }
        let deadline = rules.cancelDeadline(CalendarDay(session.day) ?? CalendarDay(now))
        guard now < deadline || booking.state == .waitlisted else {
            throw AppError(.conflict, "clinic.cancel_closed", "就诊前一日 \(rules.cancelHourDayBefore):00 后不能取消；如不能就诊请联系医院")
        }
        let now = self.now
        return try await serializedTransaction(db, gate: gate) { db in
            guard let sql = db as? any SQLDatabase, let fresh = try await ClinicBooking.find(booking.id, on: db) else { return booking }
            let held = fresh.state == .booked
            // Only a row still in that state changes: a cancel pressed twice frees one place.
            let changed = try await sql.raw("UPDATE clinic_bookings SET status = \(bind: ClinicBooking.Status.cancelled.rawValue), updated_at = \(bind: now) WHERE id = \(bind: fresh.id!) AND status = \(bind: fresh.status) RETURNING id").all()
            guard !changed.isEmpty else { return fresh }
            if held { try await self.moveUp(session, on: db) }
            fresh.status = ClinicBooking.Status.cancelled.rawValue
            return fresh
        }
    }

    /// A place freed: the first on the waiting list takes it (the count stays), or the count goes down.
    private func moveUp(_ session: ClinicSession, on db: any Database) async throws {
        let next = try await ClinicBooking.query(on: db).filter(\.$sessionID == session.requireID())
            .filter(\.$status == ClinicBooking.Status.waitlisted.rawValue).sort(\.$queuedAt).first()
        guard let next, session.startsAt > now else {
            guard let sql = db as? any SQLDatabase else { return }
            try await sql.raw("UPDATE clinic_sessions SET booked = booked - 1 WHERE id = \(bind: session.id!) AND booked > 0").run()
            return
        }
        (next.status, next.updatedAt) = (ClinicBooking.Status.booked.rawValue, now)
        try await next.save(on: db)
        try await tell(next, session: session, on: db, promoted: true)
    }

    /// The booker (and the patient, if they have an account) are told in-app and by SMS.
    private func tell(_ booking: ClinicBooking, session: ClinicSession, on db: any Database, promoted: Bool = false) async throws {
        let place = try await ClinicPlace.load(session, on: db)
        let when = "\(session.day) \(HalfDay(rawValue: session.halfDay)?.title ?? "")"
        let (title, body): (String, String) = switch (booking.state, promoted) {
        case (.booked, true): ("候补成功", "已为\(booking.patientName)候补到\(place.hospital)\(place.department)\(place.doctor)医生 \(when) 的号，预约码 \(booking.code)，请按时就诊。")
        case (.booked, false): ("预约挂号成功", "\(booking.patientName)已预约\(place.hospital)\(place.department)\(place.doctor)医生 \(when)，预约码 \(booking.code)，请按时就诊。")
        default: ("已加入候补", "\(booking.patientName)已加入\(place.hospital)\(place.department)\(place.doctor)医生 \(when) 的候补，有人退号时自动预约并通知您。")
        }
        let notices = NotificationService(db: db, now: now)
        var told: Set<UUID> = [booking.bookerID]
        try await notices.notify(booking.bookerID, title: title, body: body, link: ClinicURL.mine, sms: booking.state == .booked)
        if let patient = try await User.query(on: db).filter(\.$idNumberHash == booking.patientHash).first()?.id, !told.contains(patient) {
            told.insert(patient)
            try await notices.notify(patient, title: title, body: body, link: ClinicURL.mine, sms: booking.state == .booked)
        }
    }

    /// 爽约 three times in 90 days: no online booking for 30 days from the third.
    private func requireNotSuspended(_ patient: ClinicPatient) async throws {
        let since = now.addingTimeInterval(-(NoShowRule.window + NoShowRule.suspension))
        let missed = try await ClinicBooking.query(on: db).filter(\.$patientHash == patient.hash)
            .filter(\.$status == ClinicBooking.Status.noShow.rawValue).all().map(\.sessionID)
        guard !missed.isEmpty else { return }
        let dates = try await ClinicSession.query(on: db).filter(\.$id ~~ missed).filter(\.$startsAt >= since).all().map(\.startsAt)
        if let until = NoShowRule.suspendedUntil(noShows: dates, now: now) {
            throw AppError(.forbidden, "clinic.suspended",
                           "\(patient.name)90天内爽约已达\(NoShowRule.count)次，\(TimeText.minute(until)) 前暂停网上预约。如需就诊请到医院窗口挂号。")
        }
    }

    /// The booker's and the patient's own; anyone else gets 404.
    func visible(_ id: UUID?, to person: Principal) async throws -> ClinicBooking {
        guard let id, let booking = try await ClinicBooking.find(id, on: db) else { throw AppError.notFound("预约", code: "clinic.booking_not_found") }
        if booking.bookerID == person.userID { return booking }
        if let user = try await User.find(person.userID, on: db), let hash = user.idNumberHash, hash == booking.patientHash { return booking }
        throw AppError.notFound("预约", code: "clinic.booking_not_found")
    }

    /// Bookings the person made or that are for them, next first.
    func mine(_ person: Principal) async throws -> [ClinicBooking] {
        let hash = try await User.find(person.userID, on: db)?.idNumberHash ?? "-"
        return try await ClinicBooking.query(on: db).group(.or) { $0.filter(\.$bookerID == person.userID).filter(\.$patientHash == hash) }
            .sort(\.$createdAt, .descending).limit(100).all()
    }

    /// Ten digits (`%d` would take a 32-bit int on Linux and print a negative number for most of them).
    static func newCode() -> String { String(Int.random(in: 1_000_000_000..<10_000_000_000)) }
}

enum ClinicURL {
    static let hospitals = "/hospitals"
    static let mine = "/me/clinic-bookings"
    static func hospital(_ code: String) -> String { "/hospitals/\(code)" }
    static func department(_ hospital: String, _ code: String) -> String { "/hospitals/\(hospital)/\(code)" }
}

extension Request {
    var clinics: ClinicService {
        ClinicService(db: db, gate: application.writeGate, cipher: application.fieldCipher, now: application.clock.now(), rules: application.bookingRules)
    }
}
