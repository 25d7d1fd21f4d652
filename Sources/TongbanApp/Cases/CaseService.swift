import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// The rules of an application from submission to delivery. No HTTP in here: the API, the pages
/// and the counter all go through these functions, so they behave alike.
struct CaseService {
    let db: any Database
    let catalog: CatalogSnapshot
    let calendar: WorkdayCalendar
    let now: Date
    /// Opens the applicant's ID number to look them up in the registries (智能审批, prefill).
    let cipher: FieldCipher
    /// SQLite's one-writer-at-a-time, kept in this process (see `WriteGate`); nil on PostgreSQL.
    var gate: WriteGate? = nil

    // MARK: Applying

    /// What one application asks for: the items it covers, its title, promised limit and task graph.
    struct Plan {
        var items: [ServiceItemRecord]
        var title: String
        var limitDays: Int
        var nodes: [TaskNode]
    }

    func plan(item: String?, lifeEvent: String?) throws -> Plan {
        switch (item, lifeEvent) {
        case (let code?, nil):
            guard let record = catalog.items[code] else { throw AppError.notFound("事项", code: "catalog.item_not_found") }
            return Plan(items: [record], title: record.name, limitDays: record.promisedLimitDays, nodes: [TaskNode(key: code)])
        case (nil, let code?):
            guard let event = catalog.lifeEvent(code) else { throw AppError.notFound("一件事", code: "catalog.life_event_not_found") }
            let items = event.items.compactMap { catalog.items[$0] }
            guard !items.isEmpty else { throw AppError.invalid("case.empty_life_event", "该一件事暂未配置可办理的事项") }
            let codes = Set(items.map(\.code))
            let nodes = items.map { TaskNode(key: $0.code, dependsOn: (event.dependencies[$0.code] ?? []).filter(codes.contains)) }
            return Plan(items: items, title: event.name, limitDays: Self.promise(event, items: items), nodes: nodes)
        default:
            throw AppError.invalid("case.invalid_target", "请选择一个事项或一件事（二者选其一）")
        }
    }

    /// A life event's promise to the applicant: never shorter than its departments' own promises
    /// along the longest chain of steps that wait for each other.
    static func promise(_ event: LifeEventRecord, items: [ServiceItemRecord]) -> Int {
        let codes = Set(items.map(\.code))
        let nodes = items.map { TaskNode(key: $0.code, dependsOn: (event.dependencies[$0.code] ?? []).filter(codes.contains)) }
        return max(event.promisedLimitDays, longestChain(items, nodes))
    }

    static func longestChain(_ items: [ServiceItemRecord], _ nodes: [TaskNode]) -> Int {
        let limits = Dictionary(items.map { ($0.code, $0.promisedLimitDays) }, uniquingKeysWith: max)
        let waitsFor = Dictionary(nodes.map { ($0.key, $0.dependsOn) }, uniquingKeysWith: +)
        var memo: [String: Int] = [:]
        func finish(_ code: String, _ depth: Int) -> Int {
            if let known = memo[code] { return known }
            guard depth < 64 else { return 0 }  // a cycle is refused by TaskGraph; never loop here
            let result = (limits[code] ?? 0) + ((waitsFor[code] ?? []).map { finish($0, depth + 1) }.max() ?? 0)
            memo[code] = result
            return result
        }
        return nodes.map { finish($0.key, 0) }.max() ?? 0
    }

    /// Submits an application. `uploader` owns the uploaded files: the applicant online, the clerk at the counter.
    func apply(_ input: ApplicationInput, applicant: User, uploader: UUID, agent: Principal? = nil) async throws -> Case {
        let plan = try plan(item: input.item, lifeEvent: input.lifeEvent)
        _ = try TaskGraph(plan.nodes)  // a misconfigured life event is refused before anything is saved
        var problems = FormValidation.problems(fields: FormValidation.mergedFields(plan.items), values: input.form)

        let companyID = try await company(input.company, for: plan.items, applicant: try applicant.requireID(), problems: &problems)
        let materials = try await checkMaterials(input.materials ?? [], plan: plan, uploader: uploader, problems: &problems)
        let district = input.district ?? catalog.districts.first?.code ?? ""
        if !catalog.districts.contains(where: { $0.code == district }) { problems["district"] = "请选择六安市的区县" }
        guard problems.isEmpty else {
            throw AppError.invalid("case.invalid_application", problems.count == 1 ? problems.values.first! : "申请信息有误，请按提示修改", details: problems)
        }

        let serviceCase = Case()
        serviceCase.id = UUID()
        serviceCase.number = Self.newNumber(now: now)
        serviceCase.$applicant.id = try applicant.requireID()
        serviceCase.$company.id = companyID
        serviceCase.$agent.id = agent?.userID
        serviceCase.itemCode = input.item
        serviceCase.lifeEventCode = input.lifeEvent
        serviceCase.title = plan.title
        serviceCase.state = CaseState.submitted.rawValue
        serviceCase.channel = agent == nil ? "online" : "counter"
        serviceCase.formJSON = String(decoding: try JSONEncoder().encode(input.form.mapValues(\.trimmed)), as: UTF8.self)
        serviceCase.promisedLimitDays = plan.limitDays
        serviceCase.submittedAt = now
        serviceCase.pausesJSON = "[]"
        serviceCase.districtCode = district
        try await serializedTransaction(db, gate: gate) { db in
            try await PlainRows.insert([try CaseRows.Case(serviceCase)], into: Case.schema, on: db)
            let caseID = try serviceCase.requireID()
            try await PlainRows.insert(materials.map {
                CaseRows.Material(caseId: caseID, name: $0.name, source: $0.source, uploadId: $0.$upload.id, createdAt: self.now)
            }, into: CaseMaterial.schema, on: db)
            let actor = agent.map { "窗口 \($0.realName)（代办）" } ?? applicant.realName
            try await PlainRows.insert([CaseRows.Event(caseId: caseID, at: now, actorName: actor, kind: "submitted",
                                                      message: agent == nil ? "提交了申请" : "在窗口代为提交了申请")],
                                      into: CaseEvent.schema, on: db)
            try await NotificationService(db: db, now: now).notify(
                try applicant.requireID(), title: "申请已提交",
                body: "您的“\(plan.title)”申请已提交，办件编号 \(serviceCase.number)，请留意受理结果。",
                link: CaseURL.mine(caseID), sms: false)
        }
        if plan.items.count == 1, let rules = plan.items[0].guide.autoApproval {
            try await autoDecide(serviceCase, rules: rules, applicant: applicant)
        }
        return serviceCase
    }

    private func company(_ creditCode: String?, for items: [ServiceItemRecord], applicant: UUID, problems: inout [String: String]) async throws -> UUID? {
        let companyOnly = items.allSatisfy { $0.audience == ["法人"] }
        guard let creditCode = creditCode?.trimmed.uppercased(), !creditCode.isEmpty else {
            if companyOnly { problems["company"] = "该事项由企业办理，请先在“我的”页面关联企业并选择" }
            return nil
        }
        // One query, plain row: is this person an agent of the company with this code?
        guard let sql = db as? any SQLDatabase,
              let row = try await sql.raw("""
                  SELECT c.id FROM companies c JOIN company_agents a ON a.company_id = c.id
                  WHERE c.credit_code = \(bind: creditCode) AND a.user_id = \(bind: applicant) LIMIT 1
                  """).first(),
              let id = try? row.decode(column: "id", as: UUID.self)
        else {
            problems["company"] = "您尚未关联该企业，无法代其申请"
            return nil
        }
        return id
    }

    /// Every required material must be uploaded, unless shared data or an e-certificate stands in (免提交).
    private func checkMaterials(_ given: [MaterialUpload], plan: Plan, uploader: UUID, problems: inout [String: String]) async throws -> [CaseMaterial] {
        let expected = FormValidation.mergedMaterials(plan.items)
        let names = Set(expected.map(\.name))
        var result: [CaseMaterial] = []
        let ids = given.map(\.uploadId)
        var owned: Set<UUID> = []
        if !ids.isEmpty, let sql = db as? any SQLDatabase {
            let rows = try await sql.raw("SELECT id FROM uploads WHERE id IN (\(binds: Array(Set(ids)))) AND owner_id = \(bind: uploader)").all()
            owned = Set(rows.compactMap { try? $0.decode(column: "id", as: UUID.self) })
        }
        for entry in given {
            guard names.contains(entry.name) else { problems["materials"] = "材料“\(entry.name)”不是本事项要求的材料"; continue }
            guard owned.contains(entry.uploadId) else { problems["materials"] = "材料“\(entry.name)”的文件不存在或不属于您"; continue }
            let material = CaseMaterial()
            material.name = entry.name
            material.source = "upload"
            material.$upload.id = entry.uploadId
            result.append(material)
        }
        let uploaded = Set(given.map(\.name))
        var missing: [String] = []
        for material in expected where !uploaded.contains(material.name) {
            if let source = material.replaceableBy {
                let shared = CaseMaterial()
                shared.name = material.name
                shared.source = source
                result.append(shared)
            } else if material.required {
                missing.append(material.name)
            }
        }
        if !missing.isEmpty, problems["materials"] == nil { problems["materials"] = "请上传：\(missing.joined(separator: "、"))" }
        return result
    }

    /// LA + date + six characters from an alphabet without look-alikes (0/O, 1/I), read aloud at a window.
    static func newNumber(now: Date) -> String {
        let day = CalendarDay(now)
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        let suffix = String((0..<6).map { _ in alphabet.randomElement()! })
        return String(format: "LA%04d%02d%02d-", day.year, day.month, day.day) + suffix
    }

    // MARK: Clocks

    func pauses(_ json: String) -> [Pause] {
        // Most clocks never paused: skip the decoder for them, queues compute hundreds of clocks.
        guard json != "[]" else { return [] }
        return (try? JSONDecoder.iso.decode([Pause].self, from: Data(json.utf8))) ?? []
    }

    func encode(_ pauses: [Pause]) -> String {
        String(decoding: (try? JSONEncoder.iso.encode(pauses)) ?? Data("[]".utf8), as: UTF8.self)
    }

    func clock(start: Date, limit: Int, pausesJSON: String, finishedAt: Date? = nil) -> DeadlineClock {
        DeadlineClock(start: start, limitWorkdays: limit, pauses: pauses(pausesJSON), finishedAt: finishedAt, calendar: calendar)
    }

    func deadline(_ clock: DeadlineClock) throws -> Date {
        do throws(WorkdayError) { return try clock.deadline(now: now) } catch {
            throw AppError(.unprocessableEntity, error.code, error.message)
        }
    }

    func status(_ clock: DeadlineClock) -> DeadlineStatus? {
        do throws(WorkdayError) { return try clock.status(now: now) } catch { return nil }
    }
}

enum CaseURL {
    static func mine(_ id: UUID) -> String { "/me/cases/\(id.uuidString)" }
    static func staff(_ id: UUID) -> String { "/workbench/cases/\(id.uuidString)" }
}

extension JSONDecoder {
    static let iso: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

extension JSONEncoder {
    static let iso: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
