import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Devices in residents' homes: registered by the community (the token shown once), reporting with that token, and
/// turned into alarms by `AlarmRules`. Raising an alarm tells the community's staff and grid workers and queues the
/// call to the family, in one transaction; an open alarm of the same rule for the same device is never raised twice.
struct DeviceService {
    let db: any Database
    let gate: WriteGate?
    let cipher: FieldCipher
    let now: Date
    /// For escalating an untaken alarm into 12345 and writing on that ticket.
    let tickets: TicketService

    struct Input: Content {
        var kind: String
        var label: String
        var residentIdNumber: String
        var familyName: String
        var familyPhone: String
    }

    struct Registered: Content {
        var device: DeviceView
        /// Shown once: only its hash is kept.
        var token: String
    }

    struct Report: Content {
        var kind: String
        var value: Double?
        /// When it happened on the device (ISO 8601); the time of receipt when absent.
        var at: Date?
    }

    struct Received: Content {
        var accepted: Bool
        var alarm: UUID?
    }

    func register(_ input: Input, community: String) async throws -> Registered {
        var problems: [String: String] = [:]
        let kind = Device.Kind(rawValue: input.kind)
        if kind == nil { problems["kind"] = "请选择设备类型：\(Device.Kind.allCases.map { "\($0.rawValue)（\($0.title)）" }.joined(separator: "、"))" }
        let label = input.label.trimmed, familyName = input.familyName.trimmed, phone = input.familyPhone.trimmed
        if !(2...40).contains(label.count) { problems["label"] = "请写明安装位置（2–40字）" }
        if !(2...20).contains(familyName.count) { problems["familyName"] = "请填写家属姓名" }
        if !PhoneNumber.isMobile(phone) { problems["familyPhone"] = "请填写家属的11位手机号码" }
        let resident = try await PopulationRecord.resident(input.residentIdNumber, of: community, db: db, cipher: cipher, problems: &problems)
        guard problems.isEmpty, let kind, let resident else {
            throw AppError.invalid("device.invalid", problems.count == 1 ? problems.values.first! : "设备信息有误，请按提示修改", details: problems)
        }
        let token = "dev_" + Token.random()
        let device = Device()
        (device.communityCode, device.kind, device.label) = (community, kind.rawValue, label)
        (device.residentID, device.residentName) = (try resident.requireID(), resident.name)
        (device.familyName, device.familyPhoneCipher) = (familyName, try cipher.seal(phone))
        (device.tokenHash, device.createdAt) = (Token.hash(token), now)
        try await device.create(on: db)
        return Registered(device: view(device), token: token)
    }

    /// A report from a device. A pressed button raises its alarm at once; other reports are kept for the watch.
    func receive(token: String, _ report: Report) async throws -> Received {
        guard let device = try await Device.query(on: db).filter(\.$tokenHash == Token.hash(token)).filter(\.$retiredAt == nil).first(),
              let kind = device.deviceKind else {
            throw AppError(.unauthorized, "device.unknown", "设备令牌无效或设备已停用")
        }
        var problems: [String: String] = [:]
        if !kind.events.contains(report.kind) { problems["kind"] = "\(kind.title)只能上报：\(kind.events.sorted().joined(separator: "、"))" }
        let at = report.at ?? now
        if at > now.addingTimeInterval(300) { problems["at"] = "上报时间晚于服务器时间，请校准设备时钟" }
        if at < now.addingTimeInterval(-7 * 86_400) { problems["at"] = "上报时间早于7天前" }
        if let value = report.value, !value.isFinite || value < 0 { problems["value"] = "读数应为非负数" }
        guard problems.isEmpty else { throw AppError.invalid("device.invalid_report", "上报内容有误", details: problems) }
        return try await serializedTransaction(db, gate: gate) { db in
            let event = DeviceEvent()
            (event.deviceID, event.kind, event.value, event.at, event.receivedAt) = (try device.requireID(), report.kind, report.value, at, self.now)
            try await event.create(on: db)
            device.lastSeenAt = max(device.lastSeenAt ?? at, at)
            try await device.save(on: db)
            // Activity ends a silence: an open "no water" alarm stays for people to close, but is not raised again.
            let alarm = report.kind == "button_pressed" ? try await self.raise(db, device, .emergency) : nil
            return Received(accepted: true, alarm: alarm?.id)
        }
    }

    /// The recurring watch: every device whose silence is due gets its alarm (once while it stays open).
    func watch() async throws -> Int {
        var raised = 0
        for device in try await Device.query(on: db).filter(\.$retiredAt == nil).all() {
            guard let kind = device.deviceKind else { continue }
            var lastActivity: Date?
            if let watched = AlarmRules.watchedActivity(kind) {
                var query = DeviceEvent.query(on: db).filter(\.$deviceID == (try device.requireID())).filter(\.$kind == watched.event)
                // A meter reporting zero litres is reporting that nothing ran.
                if kind == .waterMeter { query = query.filter(\.$value > 0) }
                lastActivity = try await query.sort(\.$at, .descending).first()?.at
            }
            for rule in AlarmRules.silences(kind, installed: device.createdAt, lastSeen: device.lastSeenAt, lastActivity: lastActivity, now: now) {
                let alarm = try await serializedTransaction(db, gate: gate) { db in try await self.raise(db, device, rule) }
                if alarm != nil { raised += 1 }
            }
        }
        return raised
    }

    /// Raises unless the same alarm is still open; nil when it is.
    private func raise(_ db: any Database, _ device: Device, _ rule: AlarmRules.Rule) async throws -> Alarm? {
        let deviceID = try device.requireID()
        let open = try await Alarm.query(on: db).filter(\.$deviceID == deviceID).filter(\.$rule == rule.rawValue).filter(\.$closedAt == nil).count()
        guard open == 0 else { return nil }
        let alarm = Alarm()
        (alarm.communityCode, alarm.deviceID, alarm.rule, alarm.urgent) = (device.communityCode, deviceID, rule.rawValue, rule.urgent)
        alarm.message = rule.message(resident: device.residentName, label: device.label, hours: rule == .offline ? AlarmRules.offlineHours : AlarmRules.quietHours)
        (alarm.raisedAt, alarm.updatedAt) = (now, now)
        try await alarm.create(on: db)
        try await notifyHandlers(device.communityCode, title: rule.urgent ? "紧急告警" : "设备告警", body: alarm.message, sms: rule.urgent, on: db)
        if rule.urgent {
            let call = AlarmCall()
            (call.id, call.alarmID, call.status, call.attempts, call.createdAt) = (UUID(), try alarm.requireID(), Notification.Status.pending.rawValue, 0, now)
            call.body = "【六安社区】\(device.familyName)您好：\(alarm.message)。社区已收到告警并在处理，请尽快联系老人或回电社区。"
            try await call.create(on: db)
            _ = try await JobQueue(db: db).enqueue(AlarmCalls.kind, payload: call.id!.uuidString, runAt: now)
        }
        return alarm
    }

    func acknowledge(_ alarm: Alarm, by name: String) async throws -> Alarm {
        guard alarm.closedAt == nil else { throw AppError(.conflict, "alarm.closed", "该告警已处理完毕") }
        guard alarm.acknowledgedAt == nil else { return alarm }
        (alarm.acknowledgedAt, alarm.acknowledgedBy, alarm.updatedAt) = (now, name, now)
        try await serializedTransaction(db, gate: gate) { db in
            try await alarm.save(on: db)
            try await self.noteOnTicket(alarm, "社区已接单处理该告警", by: name, on: db)
        }
        return alarm
    }

    func close(_ alarm: Alarm, outcome: String?, by name: String) async throws -> Alarm {
        let outcome = (outcome ?? "").trimmed
        guard (2...500).contains(outcome.count) else {
            throw AppError.invalid("alarm.outcome_required", "请填写处理结果（2–500字）", details: ["outcome": "请填写处理结果"])
        }
        guard alarm.closedAt == nil else { throw AppError(.conflict, "alarm.closed", "该告警已处理完毕") }
        if alarm.acknowledgedAt == nil { (alarm.acknowledgedAt, alarm.acknowledgedBy) = (now, name) }
        (alarm.closedAt, alarm.closedBy, alarm.outcome, alarm.updatedAt) = (now, name, outcome, now)
        try await serializedTransaction(db, gate: gate) { db in
            try await alarm.save(on: db)
            try await self.noteOnTicket(alarm, "社区已处理该告警：\(outcome)", by: name, on: db)
        }
        return alarm
    }

    func view(_ device: Device) -> DeviceView {
        DeviceView(id: device.id!, kind: device.kind, kindTitle: device.deviceKind?.title ?? device.kind, label: device.label,
                   residentName: device.residentName, familyName: device.familyName,
                   familyPhone: Masking.phone((try? cipher.open(device.familyPhoneCipher)) ?? ""),
                   lastSeenAt: device.lastSeenAt, retired: device.retiredAt != nil)
    }
}

struct DeviceView: Content {
    var id: UUID
    var kind: String
    var kindTitle: String
    var label: String
    var residentName: String
    var familyName: String
    var familyPhone: String
    var lastSeenAt: Date?
    var retired: Bool
}

/// The recurring watch and the family calls' delivery.
enum AlarmCalls {
    static let kind = "deliver_alarm_call"
    static let watchKind = "device_watch"
    static let watchPeriod: TimeInterval = 10 * 60

    static func deliver(_ job: Job, _ app: Application) async throws {
        guard let id = UUID(uuidString: job.payload), let call = try await AlarmCall.find(id, on: app.db),
              let alarm = try await Alarm.find(call.alarmID, on: app.db) else { return }
        let phone = try await Device.find(alarm.deviceID, on: app.db)?.familyPhoneCipher
        try await SMSDelivery.deliver(call, id: id, phoneCipher: phone, missing: "设备没有家属电话", app: app)
    }

    static func watch(_ job: Job, _ app: Application) async throws {
        _ = try await app.devices.watch()
    }
}

extension Application {
    var devices: DeviceService { DeviceService(db: db, gate: writeGate, cipher: fieldCipher, now: clock.now(), tickets: tickets) }
}

extension Request {
    var devices: DeviceService {
        DeviceService(db: db, gate: application.writeGate, cipher: application.fieldCipher, now: application.clock.now(), tickets: application.tickets)
    }
}

enum AlarmURL {
    static func list(_ code: String) -> String { "/community/\(code)/alarms" }
    static func devices(_ code: String) -> String { "/community/\(code)/devices" }
}
