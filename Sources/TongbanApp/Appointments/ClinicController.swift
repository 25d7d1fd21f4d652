import Fluent
import TongbanCore
import Vapor

/// 预约挂号 over the JSON API: hospitals and sessions (public), bookings (the citizen's), check-in (the hospital's
/// system, with its token), and the hospital token itself (administrators).
struct ClinicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("hospitals", use: hospitals)
        api.get("hospitals", ":code", "departments", ":department", "sessions", use: sessions)
        api.post("clinic-bookings", use: book)
        api.get("me", "clinic-bookings", use: mine)
        api.post("clinic-bookings", ":id", "cancel", use: cancel)
        api.post("hospitals", ":code", "check-ins", use: checkIn)
        api.post("admin", "hospitals", ":code", "token", use: token)
    }

    struct HospitalView: Content {
        struct Department: Content {
            var code: String
            var name: String
        }
        var code: String
        var name: String
        var district: String
        var address: String
        var phone: String
        var departments: [Department]
    }

    static func hospitalViews(on db: any Database) async throws -> [HospitalView] {
        let departments = Dictionary(grouping: try await ClinicDepartment.query(on: db).sort(\.$code).all(), by: \.hospitalID)
        return try await Hospital.query(on: db).sort(\.$code).all().map { hospital in
            HospitalView(code: hospital.code, name: hospital.name, district: hospital.districtCode, address: hospital.address, phone: hospital.phone,
                         departments: (departments[hospital.id!] ?? []).map { .init(code: $0.code, name: $0.name) })
        }
    }

    @Sendable func hospitals(_ request: Request) async throws -> [HospitalView] {
        try await Self.hospitalViews(on: request.db)
    }

    /// A department's sessions from today to the last day on the release horizon, released or not yet.
    static func sessions(_ request: Request) async throws -> (hospital: Hospital, department: ClinicDepartment, sessions: [SessionView]) {
        guard let hospital = try await Hospital.query(on: request.db).filter(\.$code == (request.parameters.get("code") ?? "")).first(),
              let department = try await ClinicDepartment.query(on: request.db).filter(\.$hospitalID == hospital.requireID())
                .filter(\.$code == (request.parameters.get("department") ?? "")).first() else {
            throw AppError.notFound("医院或科室", code: "clinic.department_not_found")
        }
        let now = request.application.clock.now()
        let rules = request.application.bookingRules
        let today = CalendarDay(now)
        let days = (0...rules.releaseDaysAhead + 1).map { today.adding(days: $0).description }
        let rows = try await ClinicSession.query(on: request.db).filter(\.$departmentID == department.requireID()).filter(\.$day ~~ days)
            .filter(\.$endsAt > now).sort(\.$startsAt).all()
        let doctors = Dictionary(try await Doctor.query(on: request.db).filter(\.$departmentID == department.requireID()).all().map { ($0.id!, $0) },
                                 uniquingKeysWith: { a, _ in a })
        return (hospital, department, rows.map { SessionView($0, doctor: doctors[$0.doctorID], now: now) })
    }

    @Sendable func sessions(_ request: Request) async throws -> [SessionView] {
        try await Self.sessions(request).sessions
    }

    @Sendable func book(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let booking = try await request.clinics.book(try request.content.decode(ClinicService.BookInput.self), by: person)
        let view = try await ClinicBookingView.make(booking, on: request.db, rules: request.application.bookingRules)
        return try await view.encodeResponse(status: .created, for: request)
    }

    @Sendable func mine(_ request: Request) async throws -> [ClinicBookingView] {
        let person = try request.requirePrincipal()
        var views: [ClinicBookingView] = []
        for booking in try await request.clinics.mine(person) {
            views.append(try await ClinicBookingView.make(booking, on: request.db, rules: request.application.bookingRules))
        }
        return views
    }

    @Sendable func cancel(_ request: Request) async throws -> ClinicBookingView {
        let booking = try await request.clinics.cancel(request.parameters.get("id", as: UUID.self), by: try request.requirePrincipal())
        return try await ClinicBookingView.make(booking, on: request.db, rules: request.application.bookingRules)
    }

    struct CheckIn: Content {
        var code: String?
    }

    @Sendable func checkIn(_ request: Request) async throws -> ClinicBookingView {
        let booking = try await ClinicAttendance.checkIn(hospital: request.parameters.get("code") ?? "", token: request.headers.first(name: ClinicAttendance.tokenHeader),
                                                         bookingCode: try request.content.decode(CheckIn.self).code, on: request.db,
                                                         now: request.application.clock.now())
        return try await ClinicBookingView.make(booking, on: request.db, rules: request.application.bookingRules)
    }

    struct IssuedToken: Content {
        var hospital: String
        /// Shown once: only its hash is kept.
        var token: String
    }

    /// Issues (or replaces) the token the hospital's system checks patients in with.
    @Sendable func token(_ request: Request) async throws -> IssuedToken {
        _ = try request.require(anyOf: [.admin])
        guard let hospital = try await Hospital.query(on: request.db).filter(\.$code == (request.parameters.get("code") ?? "")).first() else {
            throw AppError.notFound("医院", code: "clinic.hospital_not_found")
        }
        let token = "hos_" + Token.random()
        hospital.tokenHash = Token.hash(token)
        try await hospital.save(on: request.db)
        return IssuedToken(hospital: hospital.code, token: token)
    }
}
