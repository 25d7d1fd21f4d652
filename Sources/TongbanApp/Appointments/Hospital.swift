import Fluent
import Foundation
import SQLKit

/// 医院: a hospital of the city with its clinic departments and doctors, from `Resources/seed/hospitals.json`.
/// The hospital's own system checks patients in with a token of its own (only its hash is kept).
final class Hospital: Model, @unchecked Sendable {
    static let schema = "hospitals"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "district_code") var districtCode: String
    @Field(key: "address") var address: String
    @Field(key: "phone") var phone: String
    @OptionalField(key: "token_hash") var tokenHash: String?

    init() {}
}

/// 科室.
final class ClinicDepartment: Model, @unchecked Sendable {
    static let schema = "clinic_departments"

    @ID(key: .id) var id: UUID?
    @Field(key: "hospital_id") var hospitalID: UUID
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String

    init() {}
}

/// 医生, with the weekly timetable their sessions are made from.
final class Doctor: Model, @unchecked Sendable {
    static let schema = "doctors"

    @ID(key: .id) var id: UUID?
    @Field(key: "department_id") var departmentID: UUID
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "title") var title: String
    @Field(key: "fee_fen") var feeFen: Int
    @Field(key: "specialty") var specialty: String
    /// `[DoctorShift]` as JSON.
    @Field(key: "schedule_json") var scheduleJSON: String

    init() {}

    var schedule: [DoctorShift] { (try? JSONDecoder().decode([DoctorShift].self, from: Data(scheduleJSON.utf8))) ?? [] }
}

/// One weekly shift: ISO weekday (1 = Monday), morning or afternoon, how many patients.
struct DoctorShift: Codable, Sendable {
    var weekday: Int
    var halfDay: String
    var capacity: Int
}

/// 号源: one doctor's morning or afternoon on one day. `booked` counts confirmed places; the conditional update
/// on it is what keeps a flash crowd from taking more places than there are.
final class ClinicSession: Model, @unchecked Sendable {
    static let schema = "clinic_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "doctor_id") var doctorID: UUID
    @Field(key: "department_id") var departmentID: UUID
    @Field(key: "hospital_id") var hospitalID: UUID
    /// Beijing date, YYYY-MM-DD.
    @Field(key: "day") var day: String
    /// `HalfDay` raw value.
    @Field(key: "half_day") var halfDay: String
    @Field(key: "capacity") var capacity: Int
    @Field(key: "booked") var booked: Int
    @Field(key: "release_at") var releaseAt: Date
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date

    init() {}
}

/// 预约挂号: a place in a session (or on its waiting list) for a patient, booked by them or for them by a relative
/// with the patient's consent written down.
final class ClinicBooking: Model, @unchecked Sendable {
    static let schema = "clinic_bookings"

    enum Status: String, Codable, Sendable {
        case booked, waitlisted, cancelled, attended
        case noShow = "no_show"

        var title: String {
            switch self {
            case .booked: "已预约"
            case .waitlisted: "候补中"
            case .cancelled: "已取消"
            case .attended: "已就诊"
            case .noShow: "爽约"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    /// The patient as 人口库 knows them (keyed hash of the ID number), and their name.
    @Field(key: "patient_hash") var patientHash: String
    @Field(key: "patient_name") var patientName: String
    /// Who booked: the patient themself or a relative.
    @Field(key: "booker_id") var bookerID: UUID
    @Field(key: "booker_name") var bookerName: String
    @OptionalField(key: "consent") var consent: String?
    @Field(key: "status") var status: String
    /// Shown at the hospital's check-in.
    @Field(key: "code") var code: String
    /// The order a waiting list moves up in.
    @Field(key: "queued_at") var queuedAt: Date
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: Status { Status(rawValue: status) ?? .cancelled }
}

struct CreateHospitals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Hospital.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("district_code", .string, .required)
            .field("address", .string, .required)
            .field("phone", .string, .required)
            .field("token_hash", .string)
            .unique(on: "code")
            .create()
        try await database.schema(ClinicDepartment.schema)
            .id()
            .field("hospital_id", .uuid, .required, .references(Hospital.schema, .id))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "hospital_id", "code")
            .create()
        try await database.schema(Doctor.schema)
            .id()
            .field("department_id", .uuid, .required, .references(ClinicDepartment.schema, .id))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("title", .string, .required)
            .field("fee_fen", .int, .required)
            .field("specialty", .string, .required)
            .field("schedule_json", .string, .required)
            .unique(on: "code")
            .create()
        try await database.schema(ClinicSession.schema)
            .id()
            .field("doctor_id", .uuid, .required, .references(Doctor.schema, .id))
            .field("department_id", .uuid, .required)
            .field("hospital_id", .uuid, .required)
            .field("day", .string, .required)
            .field("half_day", .string, .required)
            .field("capacity", .int, .required)
            .field("booked", .int, .required)
            .field("release_at", .datetime, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            // Made by the daily schedule job on every instance: the same session is never made twice.
            .unique(on: "doctor_id", "day", "half_day")
            .create()
        try await database.schema(ClinicBooking.schema)
            .id()
            .field("session_id", .uuid, .required, .references(ClinicSession.schema, .id))
            .field("patient_hash", .string, .required)
            .field("patient_name", .string, .required)
            .field("booker_id", .uuid, .required, .references(User.schema, .id))
            .field("booker_name", .string, .required)
            .field("consent", .string)
            .field("status", .string, .required)
            .field("code", .string, .required)
            .field("queued_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            // One place per patient per session, whoever books it; a cancelled row is reused on booking again.
            .unique(on: "session_id", "patient_hash")
            .unique(on: "code")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "clinic_sessions_department_idx").on(ClinicSession.schema).column("department_id").column("day").run()
            try await sql.create(index: "clinic_bookings_patient_idx").on(ClinicBooking.schema).column("patient_hash").column("status").run()
            try await sql.create(index: "clinic_bookings_booker_idx").on(ClinicBooking.schema).column("booker_id").run()
            try await sql.create(index: "clinic_bookings_status_idx").on(ClinicBooking.schema).column("status").column("session_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [ClinicBooking.schema, ClinicSession.schema, Doctor.schema, ClinicDepartment.schema, Hospital.schema] {
            try await database.schema(schema).delete()
        }
    }
}
