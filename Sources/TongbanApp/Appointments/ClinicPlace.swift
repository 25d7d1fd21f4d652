import Fluent
import Foundation
import TongbanCore
import Vapor

/// The names a session is shown and told by: hospital, department, doctor.
struct ClinicPlace: Content {
    var hospitalCode: String
    var hospital: String
    var department: String
    var doctor: String
    var doctorTitle: String
    var feeFen: Int

    static func load(_ session: ClinicSession, on db: any Database) async throws -> ClinicPlace {
        async let doctor = Doctor.find(session.doctorID, on: db)
        async let department = ClinicDepartment.find(session.departmentID, on: db)
        async let hospital = Hospital.find(session.hospitalID, on: db)
        let (d, dep, h) = try await (doctor, department, hospital)
        return ClinicPlace(hospitalCode: h?.code ?? "", hospital: h?.name ?? "", department: dep?.name ?? "", doctor: d?.name ?? "",
                           doctorTitle: d?.title ?? "", feeFen: d?.feeFen ?? 0)
    }
}

/// A session as a patient picks it: who, when, how many places are left, and when it opens if not yet.
struct SessionView: Content {
    var id: UUID
    var doctor: String
    var doctorTitle: String
    var feeFen: Int
    var day: String
    var halfDay: String
    var halfDayTitle: String
    var hours: String
    var capacity: Int
    var remaining: Int
    var released: Bool
    var releaseAt: Date

    init(_ session: ClinicSession, doctor: Doctor?, now: Date) {
        let half = HalfDay(rawValue: session.halfDay) ?? .morning
        id = session.id ?? UUID()
        (self.doctor, doctorTitle, feeFen) = (doctor?.name ?? "", doctor?.title ?? "", doctor?.feeFen ?? 0)
        (day, halfDay, halfDayTitle, hours) = (session.day, half.rawValue, half.title, half.hours)
        (capacity, remaining) = (session.capacity, max(0, session.capacity - session.booked))
        (released, releaseAt) = (now >= session.releaseAt, session.releaseAt)
    }
}

/// A booking as its booker and patient see it.
struct ClinicBookingView: Content {
    var id: UUID
    var code: String
    var status: String
    var statusTitle: String
    var patientName: String
    var bookerName: String
    var forRelative: Bool
    var place: ClinicPlace
    var day: String
    var halfDayTitle: String
    var hours: String
    var cancelUntil: Date

    static func make(_ booking: ClinicBooking, on db: any Database, rules: BookingRules) async throws -> ClinicBookingView {
        guard let session = try await ClinicSession.find(booking.sessionID, on: db) else { throw AppError.notFound("号源", code: "clinic.session_not_found") }
        let half = HalfDay(rawValue: session.halfDay) ?? .morning
        return ClinicBookingView(id: booking.id!, code: booking.code, status: booking.status, statusTitle: booking.state.title,
                                 patientName: booking.patientName, bookerName: booking.bookerName, forRelative: booking.consent != nil,
                                 place: try await ClinicPlace.load(session, on: db), day: session.day, halfDayTitle: half.title, hours: half.hours,
                                 cancelUntil: rules.cancelDeadline(CalendarDay(session.day) ?? CalendarDay(session.startsAt)))
    }
}
