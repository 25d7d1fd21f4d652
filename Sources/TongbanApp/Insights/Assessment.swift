import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// The weights an administrator gives each measure of the department assessment, one row per measure.
final class AssessmentWeight: Model, @unchecked Sendable {
    static let schema = "assessment_weights"

    @ID(key: .id) var id: UUID?
    @Field(key: "measure") var measure: String
    @Field(key: "weight") var weight: Double
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: String?

    init() {}
}

struct CreateAssessmentWeights: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AssessmentWeight.schema)
            .id()
            .field("measure", .string, .required)
            .field("weight", .double, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string)
            .unique(on: "measure")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssessmentWeight.schema).delete()
    }
}

/// 考核: each department's month, from what applications, the hotline and 好差评 count, weighted as the
/// administrator set; ranked, with the change from the month before.
struct Assessment {
    struct Month {
        var first: CalendarDay
        var card: Scorecard
        var previous: Scorecard

        static func before(_ first: CalendarDay) -> CalendarDay {
            CalendarDay(year: first.month == 1 ? first.year - 1 : first.year, month: first.month == 1 ? 12 : first.month - 1, day: 1)
        }
    }

    static func weights(_ db: any Database) async throws -> [Scorecard.Measure: Double] {
        var weights = Scorecard.defaultWeights
        for row in try await AssessmentWeight.query(on: db).all() {
            if let measure = Scorecard.Measure(rawValue: row.measure) { weights[measure] = row.weight }
        }
        return weights
    }

    static func save(_ weights: [Scorecard.Measure: Double], by person: Principal, on db: any Database, now: Date) async throws {
        try await db.transaction { db in
            for (measure, weight) in weights {
                let row = try await AssessmentWeight.query(on: db).filter(\.$measure == measure.rawValue).first() ?? AssessmentWeight()
                (row.measure, row.weight, row.updatedAt, row.updatedBy) = (measure.rawValue, weight, now, person.realName)
                try await row.save(on: db)
            }
        }
    }

    /// The month starting on `first` (a first of a month) and the month before it.
    static func month(_ app: Application, first: CalendarDay) async throws -> Month {
        let weights = try await weights(app.db)
        let previousFirst = Month.before(first)
        let next = CalendarDay(year: first.month == 12 ? first.year + 1 : first.year, month: first.month == 12 ? 1 : first.month + 1, day: 1)
        return Month(first: first,
                     card: Scorecard(weights: weights, rates: try await rates(app, from: first.startInstant, to: next.startInstant)),
                     previous: Scorecard(weights: weights, rates: try await rates(app, from: previousFirst.startInstant, to: first.startInstant)))
    }

    static func rates(_ app: Application, from: Date, to: Date) async throws -> [String: [Scorecard.Measure: Double]] {
        let now = app.clock.now()
        let snapshot = app.catalogCache.snapshot
        let cases = CaseService(db: app.db, catalog: snapshot, calendar: app.workdays, now: now, cipher: app.fieldCipher)
        var rates: [String: [Scorecard.Measure: Double]] = [:]
        for department in snapshot.departments { rates[department.code] = [:] }
        for work in try await cases.departmentWork(from: from, to: to) where work.decided > 0 {
            rates[work.code, default: [:]][.caseOnTime] = Double(work.onTime) / Double(work.decided)
        }
        let kpis = try await app.tickets.kpis(from: from, to: to)
        for line in kpis.byDepartment {
            if let rate = line.onTimeRate, line.replied > 0 { rates[line.department, default: [:]][.hotlineOnTime] = rate }
            if let rate = line.returnRate, line.dispatched > 0 { rates[line.department, default: [:]][.dispatchAccepted] = 1 - rate }
        }
        let reviews = try await ReviewService(db: app.db, catalog: snapshot, calendar: app.workdays, now: now, settings: app.settings.reviews)
            .statistics(from: from, to: to)
        for figures in reviews.departments {
            if let rate = figures.goodRate { rates[figures.code, default: [:]][.satisfaction] = rate }
            if let rate = figures.rectificationOnTimeRate { rates[figures.code, default: [:]][.rectificationOnTime] = rate }
        }
        let sharing = SharingService(db: app.db, catalog: snapshot, calendar: app.workdays, now: now, responseDays: app.settings.sharingResponseDays)
        for (code, rate) in try await sharing.responsiveness(from: from, to: to) { rates[code, default: [:]][.sharingResponse] = rate }
        return rates
    }
}
