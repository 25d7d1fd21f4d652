import Fluent
import Foundation
import TongbanCore
import Vapor

/// A visit as the visitor reports it, checked against what a visit and a body can plausibly be.
struct VisitInput: Content {
    /// When the visit took place: `yyyy-MM-ddTHH:mm` in Beijing time (a phone's date-time field), or ISO 8601 with a zone.
    var visitedAt: String
    var met: Bool
    var findings: String
    var systolic: Int?
    var diastolic: Int?
    var heartRate: Int?
    /// mmol/L.
    var bloodSugar: Double?
    /// Any of 助餐, 维修, 就医陪同, 其他.
    var needs: [String]?
    /// What the need is, required for 其他.
    var needNote: String?
    /// A phone for the handling department, needed with a need when the person has no account on the platform.
    var contactPhone: String?
}

enum VisitRules {
    static let needs = ["助餐", "维修", "就医陪同", "其他"]
    static let systolic = 60...260
    static let diastolic = 30...160
    static let heartRate = 30...220
    static let bloodSugar = 1.0...35.0
    /// A visit may be recorded afterwards (no signal in the old building), but not weeks later.
    static let backfillDays = 30

    /// Every problem with the input, by field.
    static func problems(_ input: VisitInput, visitedAt: Date?, now: Date) -> [String: String] {
        var problems: [String: String] = [:]
        if let visitedAt {
            if visitedAt > now.addingTimeInterval(5 * 60) { problems["visitedAt"] = "走访时间不能晚于现在" }
            if visitedAt < now.addingTimeInterval(-Double(backfillDays) * 86_400) { problems["visitedAt"] = "只能补记\(backfillDays)天内的走访" }
        } else {
            problems["visitedAt"] = "请填写走访时间，如 2026-03-02T10:00"
        }
        let findings = input.findings.trimmed
        if findings.count < 2 || findings.count > 1000 { problems["findings"] = "请填写走访情况（2–1000字）" }
        switch (input.systolic, input.diastolic) {
        case (nil, nil): break
        case (let high?, let low?):
            if !systolic.contains(high) { problems["systolic"] = "收缩压（高压）应在\(systolic.lowerBound)–\(systolic.upperBound) mmHg 之间，请复测" }
            if !diastolic.contains(low) { problems["diastolic"] = "舒张压（低压）应在\(diastolic.lowerBound)–\(diastolic.upperBound) mmHg 之间，请复测" }
            if systolic.contains(high), diastolic.contains(low), high <= low { problems["diastolic"] = "舒张压（低压）应低于收缩压（高压）" }
        case (nil, _): problems["systolic"] = "请同时填写收缩压（高压）"
        case (_, nil): problems["diastolic"] = "请同时填写舒张压（低压）"
        }
        if let rate = input.heartRate, !heartRate.contains(rate) { problems["heartRate"] = "心率应在\(heartRate.lowerBound)–\(heartRate.upperBound) 次/分之间" }
        if let sugar = input.bloodSugar, !bloodSugar.contains(sugar) { problems["bloodSugar"] = "血糖应在 1.0–35.0 mmol/L 之间" }
        if !input.met, input.systolic != nil || input.diastolic != nil || input.heartRate != nil || input.bloodSugar != nil {
            problems["met"] = "未见到本人时不能记录健康数据"
        }
        let needs = input.needs ?? []
        if let unknown = needs.first(where: { !self.needs.contains($0) }) { problems["needs"] = "没有“\(unknown)”这一需求，可选：\(self.needs.joined(separator: "、"))" }
        let note = input.needNote?.trimmed ?? ""
        if needs.contains("其他"), note.isEmpty { problems["needNote"] = "选择“其他”时请写明需求" }
        if note.count > 200 { problems["needNote"] = "需求说明不超过200字" }
        return problems
    }

    /// A phone's `datetime-local` value is Beijing time; API clients may give a zone.
    static func instant(_ text: String) -> Date? {
        let text = text.trimmed
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

extension CareService {
    /// Records a visit: the needs raised become service requests, the visit links to them, and the next visit is due
    /// one interval after this one.
    func record(_ code: String, _ entry: CareEntry, _ input: VisitInput, by reader: Reader) async throws -> CareVisit {
        let now = request.application.clock.now()
        let visitedAt = VisitRules.instant(input.visitedAt)
        var problems = VisitRules.problems(input, visitedAt: visitedAt, now: now)
        let needs = VisitRules.needs.filter { (input.needs ?? []).contains($0) }
        let account = needs.isEmpty ? nil : try await User.query(on: request.db).filter(\.$idNumberHash == entry.personHash).first()
        let phone = input.contactPhone?.trimmed.nilIfEmpty
        if !needs.isEmpty, account == nil, phone == nil {
            problems["contactPhone"] = "\(entry.name)没有平台账号，请填写本人或家属的联系电话，以便承办部门联系"
        }
        guard problems.isEmpty, let visitedAt else {
            throw AppError.invalid("care.invalid_visit", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        guard entry.closedAt == nil else { throw AppError(.conflict, "care.closed", "该关爱对象已移出名单：\(entry.closedReason ?? "")") }
        let community = try await request.communities.find(code)
        var tickets: [String] = []
        for need in needs {
            tickets.append(try await VisitRequests.file(need: need, note: input.needNote?.trimmed.nilIfEmpty, for: entry, in: community,
                                                       visitedAt: visitedAt, by: reader.principal, account: account, contactPhone: phone, request: request))
        }
        let visit = CareVisit()
        visit.entryID = try entry.requireID()
        visit.visitorID = reader.principal.userID
        visit.visitorName = reader.principal.realName
        visit.visitedAt = visitedAt
        visit.met = input.met
        visit.findings = input.findings.trimmed
        (visit.systolic, visit.diastolic, visit.heartRate, visit.bloodSugar) = (input.systolic, input.diastolic, input.heartRate, input.bloodSugar)
        visit.needs = needs.joined(separator: ",")
        visit.needNote = input.needNote?.trimmed.nilIfEmpty
        visit.ticketNumbers = tickets.joined(separator: ",")
        visit.recordedAt = now
        if visitedAt > (entry.lastVisitAt ?? .distantPast) {
            entry.lastVisitAt = visitedAt
            entry.nextDueOn = CalendarDay(visitedAt).adding(days: entry.careLevel.intervalDays).description
        }
        try await request.db.transaction { db in
            try await visit.create(on: db)
            try await entry.save(on: db)
        }
        return visit
    }

    func visits(of entry: CareEntry, limit: Int = 20) async throws -> [CareVisit] {
        try await CareVisit.query(on: request.db).filter(\.$entryID == entry.requireID()).sort(\.$visitedAt, .descending).limit(limit).all()
    }
}

/// Where a need raised on a visit goes. Today: a 12345 ticket (求助) filed on the person's behalf, dispatched as any
/// other; to send repairs to the community's own work orders later, change the one call in `file`.
enum VisitRequests {
    static func file(need: String, note: String?, for entry: CareEntry, in community: Community, visitedAt: Date,
                     by visitor: Principal, account: User?, contactPhone: String?, request: Request) async throws -> String {
        let what = need == "其他" ? (note ?? "其他帮助") : need + (note.map { "（\($0)）" } ?? "")
        let input = TicketInput(
            type: "求助", title: "社区走访：\(entry.name)需要\(need == "其他" ? "帮助" : need)",
            body: "\(community.name)关爱走访中提出：\(entry.name)（\(entry.reasonList.joined(separator: "、"))）需要\(what)。"
                + "走访人：\(visitor.realName)，走访时间：\(TimeText.minute(visitedAt))。请与本人联系办理，并告知社区。",
            district: community.districtCode, address: try request.application.fieldCipher.open(entry.addressCipher),
            contactName: entry.name, contactPhone: contactPhone)
        // With an account the need is the person's own work order for their community's staff, who know them and can
        // escalate it into 12345 (they see and rate it); without one the visitor files it to 12345 as a caller would,
        // with the phone they were given.
        let filer: TicketFiler = account.map { .resident($0, community: community.code, category: .other) } ?? .hotlineOperator(visitor)
        return try await request.tickets.file(input, by: filer).number
    }
}
