import Fluent
import Foundation
import TongbanCore
import Vapor

/// Flags visits not recorded by their due day and tells the assigned visitor, once per missed due day. The
/// community's staff see every late visit on the care list (how many days late) whether or not anyone was told.
enum VisitMissedScan {
    static let kind = "care_missed_scan"
    static let period: TimeInterval = 3600

    static func run(_ job: Job, _ app: Application) async throws {
        try await scan(db: app.db, now: app.clock.now())
    }

    @discardableResult
    static func scan(db: any Database, now: Date) async throws -> Int {
        let today = CalendarDay(now)
        let late = try await CareEntry.query(on: db).filter(\.$closedAt == nil).filter(\.$visitorID != nil)
            .filter(\.$nextDueOn < today.description).all()
            .filter { $0.missedNotifiedDue != $0.nextDueOn }
        guard !late.isEmpty else { return 0 }
        for entry in late {
            guard let visitor = entry.visitorID, let id = entry.id, let due = CalendarDay(entry.nextDueOn) else { continue }
            let days = today.dayNumber - due.dayNumber
            // Marked before telling, in one transaction with the notice, so a second run never tells twice.
            try await db.transaction { db in
                entry.missedNotifiedDue = entry.nextDueOn
                try await entry.save(on: db)
                try await NotificationService(db: db, now: now).notify(
                    visitor, title: "关爱走访已逾期",
                    body: "\(entry.name)的走访应在\(due.chinese)前完成，已逾期\(days)天，请尽快上门并记录。",
                    link: CareURL.visit(entry.communityCode, id))
            }
        }
        return late.count
    }
}
