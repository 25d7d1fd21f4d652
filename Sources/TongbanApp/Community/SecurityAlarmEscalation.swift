import Fluent
import Foundation
import TongbanCore
import Vapor

/// A forced door nobody in the community has dealt with in `closeMinutes` may mean nobody is on duty while someone
/// is getting in. It becomes a 12345 ticket sent straight to 公安局 (a break-in is theirs), on 12345's clock and
/// supervision, and the community's staff and grid workers are texted again. The alarm stays the community's to
/// close; its page shows the ticket. Other alarms (loitering, a blocked fire passage) wait for the staff.
enum SecurityAlarmEscalation {
    static let kind = "security_alarm_escalation"
    static let period: TimeInterval = 60
    static let closeMinutes = 15
    static let department = "ga"

    static func run(_ job: Job, _ app: Application) async throws {
        _ = try await app.securityEscalation.escalateUntaken()
    }
}

struct SecurityEscalationService {
    let db: any Database
    let tickets: TicketService
    let now: Date

    /// Escalates every urgent alarm still open after `SecurityAlarmEscalation.closeMinutes`; returns how many.
    func escalateUntaken() async throws -> Int {
        let due = now.addingTimeInterval(-Double(SecurityAlarmEscalation.closeMinutes) * 60)
        let urgent = SecurityAlarm.Kind.allCases.filter(\.urgent).map(\.rawValue)
        let waiting = try await SecurityAlarm.query(on: db).filter(\.$kind ~~ urgent).filter(\.$closedAt == nil)
            .filter(\.$escalatedAt == nil).filter(\.$raisedAt <= due).sort(\.$raisedAt).all()
        var escalated = 0
        for alarm in waiting where try await escalate(alarm) { escalated += 1 }
        return escalated
    }

    private func escalate(_ alarm: SecurityAlarm) async throws -> Bool {
        let alarmID = try alarm.requireID()
        guard let community = try await Community.query(on: db).filter(\.$code == alarm.communityCode).first() else { return false }
        let input = TicketInput(type: TicketType.help.rawValue, title: "社区门禁告警无人处理：\(community.name)",
                                body: "\(alarm.message)，告警已 \(SecurityAlarm.minutesOpen(alarm, now: now)) 分钟无人处理（社区工作人员和网格员已收到短信）。"
                                    + "请就近派警到\(community.name)查看。",
                                district: community.districtCode, address: community.name, latitude: nil, longitude: nil,
                                contactName: "\(community.name)社区", contactPhone: nil,
                                anonymous: nil, channel: TicketChannel.device.rawValue, mailboxDepartment: nil, answer: nil,
                                department: SecurityAlarmEscalation.department)
        let now = self.now
        let escalated = try await tickets.escalate(input) { db, ticket in
            try await SecurityAlarm.query(on: db).filter(\.$id == alarmID).filter(\.$escalatedAt == nil).filter(\.$closedAt == nil)
                .set(\.$escalatedAt, to: now).set(\.$ticketNumber, to: ticket.number).update()
            guard try await SecurityAlarm.find(alarmID, on: db)?.ticketNumber == ticket.number else { return false }
            try await NotificationService(db: db, now: now).notifyCommunityHandlers(
                alarm.communityCode, title: "门禁告警已升级12345",
                body: "\(alarm.message)，\(SecurityAlarm.minutesOpen(alarm, now: now)) 分钟无人处理，已转12345工单 \(ticket.number) 派公安处置。请立即到场并在安防台处理。",
                link: SecurityURL.staff(alarm.communityCode), sms: true)
            return true
        }
        return escalated != nil
    }
}

extension SecurityAlarm {
    static func minutesOpen(_ alarm: SecurityAlarm, now: Date) -> Int { Int(now.timeIntervalSince(alarm.raisedAt) / 60) }
}

extension Application {
    var securityEscalation: SecurityEscalationService { SecurityEscalationService(db: db, tickets: tickets, now: clock.now()) }
}

struct AddSecurityAlarmEscalation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema(SecurityAlarm.schema).field("escalated_at", .datetime).update()
        try await database.schema(SecurityAlarm.schema).field("ticket_number", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SecurityAlarm.schema).deleteField("ticket_number").update()
        try await database.schema(SecurityAlarm.schema).deleteField("escalated_at").update()
    }
}
