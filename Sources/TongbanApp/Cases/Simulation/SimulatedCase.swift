import Foundation
import TongbanCore

/// One simulated application as rows: the case, its tasks and its timeline, decided by the
/// demand model and the working-day calendar as of `now`.
struct SimulatedCase {
    var row: [any Encodable & Sendable]
    var tasks: [[any Encodable & Sendable]]
    var events: [[any Encodable & Sendable]]
    var applicant: UUID
    /// The single item applied for (nil for a life event): what a journey continues from.
    var itemCode: String?

    static let caseColumns = ["id", "number", "applicant_id", "company_id", "agent_id", "item_code", "life_event_code", "title", "state",
                              "channel", "form", "promised_limit_days", "submitted_at", "accepted_at", "deadline_at", "concluded_at",
                              "delivered_at", "outcome_reason", "pauses", "district_code", "updated_at", "auto_decision"]
    static let taskColumns = ["id", "case_id", "item_code", "item_name", "department_id", "state", "depends_on", "limit_days", "opened_at",
                              "deadline_at", "at_risk_at", "at_risk_notified", "decided_at", "decided_by", "note", "supplement_request", "pauses"]
    static let eventColumns = ["id", "case_id", "at", "actor_name", "kind", "message"]
}

/// What the simulator draws from: the catalogue as it is, departments' ids, the applicants' pool.
struct SimulationWorld {
    var items: [ServiceItemRecord]
    var itemWeights: [Double]
    var lifeEvents: [LifeEventRecord]
    var departmentIDs: [String: UUID]
    var applicants: [UUID]
    var districts: [(code: String, weight: Double)]
    var service: CaseService

    func pick<G: RandomNumberGenerator>(_ weights: [Double], using rng: inout G) -> Int {
        let total = weights.reduce(0, +)
        var roll = Double.random(in: 0..<total, using: &rng)
        for (index, weight) in weights.enumerated() {
            roll -= weight
            if roll < 0 { return index }
        }
        return weights.count - 1
    }

    func district<G: RandomNumberGenerator>(using rng: inout G) -> String {
        districts[pick(districts.map(\.weight), using: &rng)].code
    }
}

extension SimulationWorld {
    var calendar: WorkdayCalendar { service.calendar }
    var now: Date { service.now }

    func isWorkday(_ day: CalendarDay) -> Bool {
        do throws(WorkdayError) { return try calendar.isWorkday(day) } catch { return day.weekday <= 5 }
    }

    /// The instant `workdays` (fractional) working days after `start`, inside office hours.
    func after(_ start: Date, workdays: Double) -> Date {
        let whole = Int(workdays.rounded(.down))
        let part = workdays - Double(whole)
        var day = CalendarDay(start)
        if whole > 0 {
            do throws(WorkdayError) { day = try calendar.addingWorkdays(whole, to: day) } catch { day = day.adding(days: whole * 7 / 5) }
            return day.startInstant.addingTimeInterval(8.5 * 3600 + part * 8 * 3600)
        }
        return start.addingTimeInterval(max(600, part * 8 * 3600))
    }

    /// The next moment a window is open at or after `instant`.
    func nextOpening(_ instant: Date) -> Date {
        var day = CalendarDay(instant)
        let minute = Int(instant.timeIntervalSince(day.startInstant) / 60)
        if isWorkday(day), minute < 17 * 60 { return instant }
        repeat { day = day.adding(days: 1) } while !isWorkday(day)
        return day.startInstant.addingTimeInterval(8.5 * 3600)
    }
}
