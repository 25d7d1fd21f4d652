import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 排班: sessions are made from each doctor's weekly shifts for every day up to the release horizon (7 days ahead),
/// each with its release time, so slots appear as "放号于 …" before 07:00 and open on the minute. Doctors do not
/// sit on public holidays (the official calendar); made daily by a job and at start-up; never made twice (unique key).
enum ClinicSchedule {
    static let kind = "clinic_schedule"
    static let period: TimeInterval = 3600

    static func run(_ job: Job, _ app: Application) async throws {
        _ = try await ensure(app.db, from: CalendarDay(app.clock.now()), rules: app.bookingRules, calendar: app.workdays)
    }

    /// Makes the missing sessions from `today` to the last day that will be released; returns how many were made.
    static func ensure(_ db: any Database, from today: CalendarDay, rules: BookingRules, calendar: WorkdayCalendar) async throws -> Int {
        let doctors = try await Doctor.query(on: db).all()
        let departments = Dictionary(try await ClinicDepartment.query(on: db).all().map { ($0.id!, $0.hospitalID) }, uniquingKeysWith: { a, _ in a })
        let days = (0...rules.releaseDaysAhead).map { today.adding(days: $0) }
        let existing = Set(try await ClinicSession.query(on: db).filter(\.$day ~~ days.map(\.description)).all()
            .map { "\($0.doctorID)|\($0.day)|\($0.halfDay)" })
        var made = 0
        for day in days {
            // A weekend in the timetable is a clinic day; a public holiday is not, whatever the timetable says.
            if calendar.holidayName(day) != nil { continue }
            for doctor in doctors {
                for shift in doctor.schedule where shift.weekday == day.weekday {
                    guard let half = HalfDay(rawValue: shift.halfDay), let id = doctor.id,
                          !existing.contains("\(id)|\(day.description)|\(half.rawValue)") else { continue }
                    let session = ClinicSession()
                    (session.doctorID, session.departmentID, session.hospitalID) = (id, doctor.departmentID, departments[doctor.departmentID] ?? UUID())
                    (session.day, session.halfDay, session.capacity, session.booked) = (day.description, half.rawValue, shift.capacity, 0)
                    (session.releaseAt, session.startsAt, session.endsAt) = (rules.releaseAt(day), half.start(on: day), half.end(on: day))
                    do {
                        try await session.create(on: db)
                        made += 1
                    } catch let error as any DatabaseError where error.isConstraintFailure {
                        // Another instance made it a moment ago.
                    }
                }
            }
        }
        return made
    }
}

extension Application {
    private struct BookingRulesKey: StorageKey { typealias Value = BookingRules }

    /// Release and cancellation times for hospital sessions (the defaults: 7 days ahead at 07:00, cancel until 18:00
    /// the day before).
    var bookingRules: BookingRules {
        get { storage[BookingRulesKey.self] ?? BookingRules() }
        set { storage[BookingRulesKey.self] = newValue }
    }
}
