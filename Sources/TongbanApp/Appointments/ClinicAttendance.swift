import Fluent
import TongbanCore
import Foundation
import SQLKit
import Vapor

/// 签到 and 爽约: the hospital's own system checks a patient in by the booking code (with the hospital's token); a
/// booked place nobody checked in for by half an hour after the session ends is a no-show, and the patient is told how
/// many they have, since the third in 90 days suspends online booking.
enum ClinicAttendance {
    static let kind = "clinic_no_shows"
    static let period: TimeInterval = 30 * 60
    static let tokenHeader = "X-Hospital-Token"

    static func checkIn(hospital code: String, token: String?, bookingCode: String?, on db: any Database, now: Date) async throws -> ClinicBooking {
        guard let token, let hospital = try await Hospital.query(on: db).filter(\.$code == code).first(),
              let hash = hospital.tokenHash, Token.constantTimeEquals(hash, Token.hash(token)) else {
            throw AppError(.unauthorized, "clinic.hospital_token", "医院令牌无效（\(tokenHeader)）")
        }
        let sessions = try await ClinicSession.query(on: db).filter(\.$hospitalID == hospital.requireID())
            .filter(\.$startsAt <= now.addingTimeInterval(6 * 3600)).filter(\.$endsAt >= now.addingTimeInterval(-3600)).all().compactMap(\.id)
        guard let given = bookingCode?.trimmed.nilIfEmpty,
              let booking = try await ClinicBooking.query(on: db).filter(\.$code == given).filter(\.$sessionID ~~ sessions).first() else {
            throw AppError.notFound("本院当前时段的预约", code: "clinic.booking_not_found")
        }
        guard booking.state == .booked || booking.state == .attended else {
            throw AppError(.conflict, "clinic.not_booked", "该预约\(booking.state.title)，不能签到")
        }
        (booking.status, booking.updatedAt) = (ClinicBooking.Status.attended.rawValue, now)
        try await booking.save(on: db)
        return booking
    }

    static func run(_ job: Job, _ app: Application) async throws {
        _ = try await markNoShows(app.db, gate: app.writeGate, now: app.clock.now())
    }

    static func markNoShows(_ db: any Database, gate: WriteGate?, now: Date) async throws -> Int {
        let ended = try await ClinicSession.query(on: db).filter(\.$endsAt <= now.addingTimeInterval(-30 * 60))
            .filter(\.$endsAt >= now.addingTimeInterval(-7 * 86_400)).all().compactMap(\.id)
        guard !ended.isEmpty else { return 0 }
        let missed = try await ClinicBooking.query(on: db).filter(\.$sessionID ~~ ended).filter(\.$status == ClinicBooking.Status.booked.rawValue).all()
        for booking in missed {
            try await serializedTransaction(db, gate: gate) { db in
                guard let sql = db as? any SQLDatabase else { return }
                let changed = try await sql.raw("UPDATE clinic_bookings SET status = \(bind: ClinicBooking.Status.noShow.rawValue), updated_at = \(bind: now) WHERE id = \(bind: booking.id!) AND status = \(bind: ClinicBooking.Status.booked.rawValue) RETURNING id").all()
                guard !changed.isEmpty else { return }
                try await NotificationService(db: db, now: now).notify(
                    booking.bookerID, title: "预约未就诊（爽约）",
                    body: "\(booking.patientName)的预约（预约码 \(booking.code)）未按时就诊，已记爽约一次。90天内爽约3次将暂停网上预约30天；不能就诊请提前取消。",
                    link: ClinicURL.mine, sms: true)
            }
        }
        return missed.count
    }
}
