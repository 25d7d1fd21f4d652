import Fluent
import Foundation
import TongbanCore
import Vapor

/// 超时升级: an urgent alarm nobody in the community has taken within `acknowledgeMinutes` may mean nobody is on
/// duty, and an old person may be lying on the floor. It becomes a 12345 ticket sent straight to 民政局 (help for an
/// elderly resident, the family as the contact, on 12345's clock and supervision), and the community's staff and grid
/// workers are texted again. The alarm stays the community's to take and close; what they do is written on the ticket.
enum AlarmEscalation {
    static let kind = "alarm_escalation"
    static let period: TimeInterval = 60
    static let acknowledgeMinutes = 15
    /// 民政局: the care of elderly residents is its duty.
    static let department = "mz"

    static func run(_ job: Job, _ app: Application) async throws {
        _ = try await app.devices.escalateUnacknowledged()
    }
}

extension DeviceService {
    /// Escalates every urgent alarm still untaken after `AlarmEscalation.acknowledgeMinutes`; returns how many.
    func escalateUnacknowledged() async throws -> Int {
        let due = now.addingTimeInterval(-Double(AlarmEscalation.acknowledgeMinutes) * 60)
        let waiting = try await Alarm.query(on: db).filter(\.$urgent == true).filter(\.$acknowledgedAt == nil).filter(\.$closedAt == nil)
            .filter(\.$escalatedAt == nil).filter(\.$raisedAt <= due).sort(\.$raisedAt).all()
        var escalated = 0
        for alarm in waiting where try await escalate(alarm) { escalated += 1 }
        return escalated
    }

    private func escalate(_ alarm: Alarm) async throws -> Bool {
        let alarmID = try alarm.requireID()
        guard let device = try await Device.find(alarm.deviceID, on: db),
              let community = try await Community.query(on: db).filter(\.$code == alarm.communityCode).first() else { return false }
        let building = try await PopulationRecord.find(device.residentID, on: db)?.building
        let place = [community.name, building].compactMap { $0 }.joined(separator: " ")
        let input = TicketInput(type: TicketType.help.rawValue, title: "社区紧急告警无人接单：\(device.residentName)",
                                body: "\(alarm.message)。告警已 \(AlarmEscalation.acknowledgeMinutes) 分钟无人接单。居民：\(device.residentName)（\(place)）；"
                                    + "家属：\(device.familyName)。请立即联系社区、家属或上门查看。",
                                district: community.districtCode, address: place, latitude: nil, longitude: nil,
                                contactName: "\(device.familyName)（家属）", contactPhone: try? cipher.open(device.familyPhoneCipher),
                                anonymous: nil, channel: TicketChannel.device.rawValue, mailboxDepartment: nil, answer: nil,
                                department: AlarmEscalation.department)
        let now = self.now
        let escalated = try await tickets.escalate(input) { db, ticket in
            try await Alarm.query(on: db).filter(\.$id == alarmID).filter(\.$escalatedAt == nil).filter(\.$acknowledgedAt == nil)
                .filter(\.$closedAt == nil).set(\.$escalatedAt, to: now).set(\.$ticketNumber, to: ticket.number).set(\.$updatedAt, to: now).update()
            return try await Alarm.find(alarmID, on: db)?.ticketNumber == ticket.number
        }
        guard let ticket = escalated else { return false }
        try await notifyHandlers(alarm.communityCode, title: "紧急告警已升级12345",
                                 body: "\(alarm.message)，\(AlarmEscalation.acknowledgeMinutes) 分钟无人接单，已转12345工单 \(ticket.number)。请立即接单处理。",
                                 sms: true, on: db)
        return true
    }

    /// The community's staff and grid workers: those who take alarms.
    func notifyHandlers(_ community: String, title: String, body: String, sms: Bool, on db: any Database) async throws {
        try await NotificationService(db: db, now: now).notifyCommunityHandlers(community, title: title, body: body, link: AlarmURL.list(community), sms: sms)
    }

    /// What the community did, on the escalated alarm's 12345 ticket, so the department sees it without calling.
    func noteOnTicket(_ alarm: Alarm, _ message: String, by name: String, on db: any Database) async throws {
        // Read again inside the transaction: the escalation may have happened since this alarm was loaded.
        guard let number = try await Alarm.find(try alarm.requireID(), on: db)?.ticketNumber,
              let ticket = try await Ticket.query(on: db).filter(\.$number == number).first() else { return }
        try await tickets.record(db, try ticket.requireID(), actor: "社区工作人员 \(name)", kind: "community_note", message)
    }
}

extension NotificationService {
    /// The community's staff and grid workers: those who take alarms, from homes' sensors or from doors and cameras.
    func notifyCommunityHandlers(_ community: String, title: String, body: String, link: String, sms: Bool) async throws {
        let staff = try await UserRole.query(on: db).filter(\.$communityCode == community)
            .filter(\.$role ~~ [Role.communityStaff.rawValue, Role.gridWorker.rawValue]).all()
        for member in Set(staff.map { $0.$user.id }) {
            try await notify(member, title: title, body: body, link: link, sms: sms)
        }
    }
}
