import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 预警: once a task has used 80% of its time, its department's reviewers get a reminder and the
/// case's timeline says so. Runs as a recurring job; the flag is set by a conditional update,
/// so with several instances scanning at once each task is reminded exactly once.
enum DeadlineScan {
    static let kind = "deadline_scan"
    static let period: TimeInterval = 60

    static func run(_ job: Job, _ app: Application) async throws {
        _ = try await remind(app, now: app.clock.now())
    }

    /// Returns how many tasks were reminded about.
    @discardableResult
    static func remind(_ app: Application, now: Date, limit: Int = 500) async throws -> Int {
        let due = try await ReviewTask.query(on: app.db)
            .filter(\.$state == TaskState.open.rawValue)
            .filter(\.$atRiskAt <= now)
            .filter(\.$atRiskNotified == false)
            .limit(limit).with(\.$department).with(\.$serviceCase).all()
        var reminded = 0
        for task in due {
            let claimed = try await serializedTransaction(app.db, gate: app.writeGate) { db -> Bool in
                let taskID = try task.requireID()
                guard let sql = db as? any SQLDatabase else { return false }
                // Whoever's UPDATE flips the flag sends the reminder; a concurrent scan gets no row back.
                let won = try await sql.raw("""
                    UPDATE review_tasks SET at_risk_notified = \(bind: true)
                    WHERE id = \(bind: taskID) AND at_risk_notified = \(bind: false) RETURNING id
                    """).all()
                guard !won.isEmpty else { return false }
                let reviewers = try await UserRole.query(on: db)
                    .filter(\.$role == Role.reviewer.rawValue).filter(\.$department.$id == task.$department.id).all()
                let deadline = TimeText.deadline(task.deadlineAt)
                let notifications = NotificationService(db: db, now: now)
                for reviewer in reviewers {
                    try await notifications.notify(
                        reviewer.$user.id, title: "审批即将超期",
                        body: "“\(task.itemName)”（办件 \(task.serviceCase.number)）须在\(deadline)办结，已用时限 80% 以上，请尽快审核。",
                        link: CaseURL.staff(task.$serviceCase.id), sms: false)
                }
                try await CaseEvent(caseID: task.$serviceCase.id, at: now, actorName: "系统", kind: "task_at_risk",
                                    message: "“\(task.itemName)”进入预警（须在\(deadline)办结），已提醒\(task.department.name)").create(on: db)
                return true
            }
            if claimed { reminded += 1 }
        }
        return reminded
    }
}
