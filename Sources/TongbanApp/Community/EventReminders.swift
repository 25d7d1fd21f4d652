import Fluent
import Foundation
import SQLKit
import Vapor

/// The day before: everyone with a confirmed place is reminded once (in-app and SMS). The flag is set by a conditional
/// update, so two instances running the job never remind twice.
enum EventReminders {
    static let kind = "event_reminders"
    static let period: TimeInterval = 15 * 60
    static let ahead: TimeInterval = 24 * 3600

    static func run(_ job: Job, _ app: Application) async throws {
        let now = app.clock.now()
        let events = try await CommunityEvent.query(on: app.db).filter(\.$cancelledAt == nil)
            .filter(\.$startsAt > now).filter(\.$startsAt <= now.addingTimeInterval(ahead)).all()
        for event in events {
            let due = try await EventSignup.query(on: app.db).filter(\.$event.$id == event.requireID())
                .filter(\.$status == EventSignup.Status.confirmed.rawValue).filter(\.$reminded == false).all()
            for signup in due {
                try await serializedTransaction(app.db, gate: app.writeGate) { db in
                    guard let sql = db as? any SQLDatabase else { return }
                    let claimed = try await sql.update(EventSignup.schema).set("reminded", to: SQLBind(true))
                        .where("id", .equal, SQLBind(signup.id!)).where("reminded", .equal, SQLBind(false)).returning("id").all()
                    guard !claimed.isEmpty else { return }
                    try await NotificationService(db: db, now: now).notify(
                        signup.userID, title: "活动提醒：\(event.title)",
                        body: "您报名的“\(event.title)”将于 \(TimeText.minute(event.startsAt)) 在\(event.place)开始。如不能参加请提前取消，名额将让给候补的居民。",
                        link: EventURL.resident, sms: true)
                }
            }
        }
    }
}
