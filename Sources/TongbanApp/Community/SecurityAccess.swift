import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// A door asks whether to open. It opens for a card of its own community, a visitor pass of its community inside the
/// pass's window (`VisitorPassRules`), or a resident of its community recognised by a camera that can; everything
/// else stays shut, and both answers are recorded.
extension SecurityService {
    struct AccessRequest: Content {
        /// "card", "visitor_pass" or "recognized".
        var method: String
        var cardNumber: String?
        var passCode: String?
        /// The 人口库 record id of the resident a face-recognising device matched.
        var residentId: UUID?
        /// When the person stood at the door (ISO 8601); the time of receipt when absent.
        var at: Date?
    }

    struct AccessAnswer: Content {
        var open: Bool
        var reason: String
        /// Who, as the door may show it: "张*" or "访客 李* · 拜访 张*".
        var subject: String
    }

    func access(_ input: AccessRequest, token: String?) async throws -> AccessAnswer {
        let device = try await device(token: token)
        guard device.deviceKind == .door else {
            throw AppError.invalid("security.not_a_door", "只有门禁设备可以请求开门", details: ["method": "摄像头不能开门"])
        }
        guard let method = AccessEvent.Method(rawValue: input.method) else {
            throw AppError.invalid("security.invalid_method", "method 应为 card、visitor_pass 或 recognized", details: ["method": "card、visitor_pass 或 recognized"])
        }
        let at = input.at ?? now
        if abs(at.timeIntervalSince(now)) > 300 {
            throw AppError.invalid("security.clock", "上报时间与服务器相差超过5分钟，请校准设备时钟", details: ["at": "设备时钟偏差过大"])
        }
        var pass: VisitorPass?
        let answer: AccessAnswer
        switch method {
        case .card:
            let number = (input.cardNumber ?? "").trimmed.uppercased()
            guard !number.isEmpty else { throw AppError.invalid("security.card_required", "请提供卡号", details: ["cardNumber": "缺少卡号"]) }
            let card = try await ResidentCard.query(on: db).filter(\.$cardHash == Self.cardHash(number, cipher)).filter(\.$revokedAt == nil).first()
            if let card, card.communityCode == device.communityCode {
                answer = AccessAnswer(open: true, reason: "本社区门禁卡", subject: NameMasking.mask(card.residentName))
            } else {
                answer = AccessAnswer(open: false, reason: card == nil ? "未登记或已注销的门禁卡" : "非本社区门禁卡", subject: "卡号尾号 \(number.suffix(4))")
            }
        case .visitorPass:
            let code = (input.passCode ?? "").trimmed.uppercased()
            guard !code.isEmpty else { throw AppError.invalid("security.pass_required", "请提供通行证号", details: ["passCode": "缺少通行证号"]) }
            pass = try await VisitorPass.query(on: db).filter(\.$code == code).first()
            if let pass, pass.communityCode == device.communityCode {
                let decision = VisitorPassRules.decide(from: pass.validFrom, until: pass.validUntil, revoked: pass.revokedAt != nil, now: at)
                var reason = decision.reason
                if case .notYet(let opensAt) = decision { reason += "（\(TimeText.minute(opensAt)) 起可通行）" }
                answer = AccessAnswer(open: decision == .open, reason: reason,
                                      subject: "访客 \(NameMasking.mask(pass.visitorName)) · 拜访 \(NameMasking.mask(pass.hostName))")
            } else {
                answer = AccessAnswer(open: false, reason: pass == nil ? "无效的通行证" : "非本社区的通行证", subject: "访客")
                pass = nil
            }
        case .recognized:
            guard let id = input.residentId else { throw AppError.invalid("security.resident_required", "请提供识别到的居民", details: ["residentId": "缺少居民编号"]) }
            let resident = try await PopulationRecord.find(id, on: db)
            if let resident, resident.alive, resident.communityCode == device.communityCode {
                answer = AccessAnswer(open: true, reason: "本社区居民（人脸识别）", subject: NameMasking.mask(resident.name))
            } else {
                answer = AccessAnswer(open: false, reason: "非本社区登记居民", subject: "未知人员")
            }
        }
        let event = AccessEvent()
        (event.communityCode, event.deviceID, event.method, event.allowed) = (device.communityCode, try device.requireID(), method.rawValue, answer.open)
        (event.reason, event.subject, event.passID, event.at) = (answer.reason, answer.subject, pass?.id, at)
        let (now, admitted) = (self.now, answer.open ? pass?.id : nil)
        try await serializedTransaction(db, gate: gate) { db in
            try await event.create(on: db)
            device.lastSeenAt = now
            try await device.save(on: db)
            // Counted in SQL: two doors reading one pass at the same moment must both count.
            if let admitted, let sql = db as? any SQLDatabase {
                try await sql.raw("UPDATE visitor_passes SET entries = entries + 1 WHERE id = \(bind: admitted)").run()
            }
        }
        return answer
    }

    struct AlarmReport: Content {
        /// "forced_door", "loitering" or "fire_passage_blocked".
        var kind: String
        var at: Date?
    }

    /// An alarm from a door or camera; the same open alarm from the same device is not raised twice.
    func raise(_ report: AlarmReport, token: String?) async throws -> SecurityAlarm {
        let device = try await device(token: token)
        guard let kind = SecurityAlarm.Kind(rawValue: report.kind) else {
            throw AppError.invalid("security.invalid_alarm", "告警类型应为 forced_door、loitering 或 fire_passage_blocked",
                                   details: ["kind": "forced_door、loitering 或 fire_passage_blocked"])
        }
        let now = self.now
        return try await serializedTransaction(db, gate: gate) { db in
            if let open = try await SecurityAlarm.query(on: db).filter(\.$deviceID == device.requireID()).filter(\.$kind == kind.rawValue)
                .filter(\.$closedAt == nil).first() { return open }
            let alarm = SecurityAlarm()
            (alarm.communityCode, alarm.deviceID, alarm.kind) = (device.communityCode, try device.requireID(), kind.rawValue)
            (alarm.message, alarm.raisedAt) = ("\(device.label)：\(kind.title)", report.at ?? now)
            try await alarm.create(on: db)
            try await NotificationService(db: db, now: now).notifyCommunityHandlers(
                device.communityCode, title: kind.urgent ? "紧急安防告警" : "安防告警", body: alarm.message,
                link: SecurityURL.staff(device.communityCode), sms: kind.urgent)
            return alarm
        }
    }

    func close(_ alarm: SecurityAlarm, outcome: String?, by name: String) async throws -> SecurityAlarm {
        let outcome = (outcome ?? "").trimmed
        guard (2...500).contains(outcome.count) else {
            throw AppError.invalid("alarm.outcome_required", "请填写处理结果（2–500字）", details: ["outcome": "请填写处理结果"])
        }
        guard alarm.closedAt == nil else { throw AppError(.conflict, "alarm.closed", "该告警已处理完毕") }
        (alarm.closedAt, alarm.closedBy, alarm.outcome) = (now, name, outcome)
        try await serializedTransaction(db, gate: gate) { db in try await alarm.save(on: db) }
        return alarm
    }
}
