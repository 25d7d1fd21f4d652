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
    /// Group commit of submissions and acceptances; without it (commands, tests of one step) each is written alone.
    var commits: CaseCommits? = nil

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

    /// A submission as saved, with the case page built from what was written (nil when 智能审批 has
    /// since decided it: then the page is read afresh).
    struct Applied {
        var serviceCase: Case
        var view: CaseView?
    }

    /// Who applies: the signed-in person as already known to the request, or the citizen found at the counter.
    struct Applicant: Sendable {
        var id: UUID
        var realName: String

        init(_ principal: Principal) { (id, realName) = (principal.userID, principal.realName) }
        init(_ user: User) throws { (id, realName) = (try user.requireID(), user.realName) }
    }

    /// Submits an application. `uploader` owns the uploaded files: the applicant online, the clerk at the counter.
    func apply(_ input: ApplicationInput, applicant: Applicant, uploader: UUID, agent: Principal? = nil) async throws -> Applied {
        let plan = try plan(item: input.item, lifeEvent: input.lifeEvent)
        _ = try TaskGraph(plan.nodes)  // a misconfigured life event is refused before anything is saved
        var problems = FormValidation.problems(fields: FormValidation.mergedFields(plan.items), values: input.form)

        let creditCode = input.company?.trimmed.uppercased().nilIfEmpty
        let owned = try await ownership(creditCode: creditCode, uploads: (input.materials ?? []).map(\.uploadId), applicant: applicant.id, uploader: uploader)
        let companyID = company(creditCode, owned: owned.company, for: plan.items, problems: &problems)
        let materials = checkMaterials(input.materials ?? [], plan: plan, owned: owned.files, problems: &problems)
        let district = input.district ?? catalog.districts.first?.code ?? ""
        if !catalog.districts.contains(where: { $0.code == district }) { problems["district"] = "请选择六安市的区县" }
        guard problems.isEmpty else {
            throw AppError.invalid("case.invalid_application", problems.count == 1 ? problems.values.first! : "申请信息有误，请按提示修改", details: problems)
        }
        try await refuseDuplicate(plan, item: input.item, lifeEvent: input.lifeEvent, applicant: applicant.id)

        let serviceCase = Case()
        let caseID = UUID.timeOrdered()
        serviceCase.id = caseID
        serviceCase.number = Self.newNumber(now: now)
        serviceCase.$applicant.id = applicant.id
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
        let actor = agent.map { "窗口 \($0.realName)（代办）" } ?? applicant.realName
        let event = CaseRows.Event(caseId: caseID, at: now, actorName: actor, kind: "submitted",
                                   message: agent == nil ? "提交了申请" : "在窗口代为提交了申请")
        let submission = try Submission(
            serviceCase: try CaseRows.Case(serviceCase),
            materials: materials.map { CaseRows.Material(caseId: caseID, name: $0.name, source: $0.source, uploadId: $0.uploadId, createdAt: now) },
            event: event,
            outbox: NotificationService(db: db, now: now).notice(
                applicant.id, title: "申请已提交",
                body: "您的“\(plan.title)”申请已提交，办件编号 \(serviceCase.number)，请留意受理结果。", link: CaseURL.mine(caseID), sms: false))
        try await save(.submission(submission))
        if plan.items.count == 1, let rules = plan.items[0].guide.autoApproval {
            try await autoDecide(serviceCase, rules: rules, applicant: applicant)
            return Applied(serviceCase: serviceCase, view: nil)
        }
        let view = try view(serviceCase, tasks: [], materials: materials,
                            events: [EventRow(at: event.at, actorName: event.actorName, kind: event.kind, message: event.message)],
                            applicantName: applicant.realName)
        return Applied(serviceCase: serviceCase, view: view)
    }

    /// The page of a case just submitted, read afresh only if 智能审批 has changed it since.
    func view(_ applied: Applied) async throws -> CaseView {
        if let view = applied.view { return view }
        return try await view(applied.serviceCase)
    }

    /// What the application refers to that must belong to the people applying, in one query: the company (this
    /// person must be one of its agents) and the uploaded files (owned by the uploader), with their names.
    private func ownership(creditCode: String?, uploads: [UUID], applicant: UUID, uploader: UUID) async throws -> (company: UUID?, files: [UUID: String]) {
        guard let sql = db as? any SQLDatabase, creditCode != nil || !uploads.isEmpty else { return (nil, [:]) }
        let companies: SQLQueryString = """
            SELECT 'company' AS kind, c.id, NULL AS file_name FROM companies c JOIN company_agents a ON a.company_id = c.id
            WHERE c.credit_code = \(bind: creditCode ?? "") AND a.user_id = \(bind: applicant)
            """
        let files: SQLQueryString = """
            SELECT 'upload' AS kind, id, file_name FROM uploads WHERE id IN (\(binds: Array(Set(uploads)))) AND owner_id = \(bind: uploader)
            """
        let query: SQLQueryString = switch (creditCode, uploads.isEmpty) {
        case (nil, _): files
        case (_, true): companies
        default: companies + " UNION ALL " + files
        }
        var result: (company: UUID?, files: [UUID: String]) = (nil, [:])
        for row in try await sql.raw(query).all() {
            guard let id = try? row.decode(column: "id", as: UUID.self) else { continue }
            if try row.decode(column: "kind", as: String.self) == "company" {
                result.company = id
            } else {
                result.files[id] = (try? row.decode(column: "file_name", as: String?.self)) ?? ""
            }
        }
        return result
    }

    private func company(_ creditCode: String?, owned: UUID?, for items: [ServiceItemRecord], problems: inout [String: String]) -> UUID? {
        guard creditCode != nil else {
            if items.allSatisfy({ $0.audience == ["法人"] }) { problems["company"] = "该事项由企业办理，请先在“我的”页面关联企业并选择" }
            return nil
        }
        if owned == nil { problems["company"] = "您尚未关联该企业，无法代其申请" }
        return owned
    }

    /// Every required material must be uploaded, unless shared data or an e-certificate stands in (免提交).
    private func checkMaterials(_ given: [MaterialUpload], plan: Plan, owned: [UUID: String], problems: inout [String: String]) -> [MaterialRow] {
        let expected = FormValidation.mergedMaterials(plan.items)
        let names = Set(expected.map(\.name))
        var result: [MaterialRow] = []
        for entry in given {
            guard names.contains(entry.name) else { problems["materials"] = "材料“\(entry.name)”不是本事项要求的材料"; continue }
            guard let fileName = owned[entry.uploadId] else { problems["materials"] = "材料“\(entry.name)”的文件不存在或不属于您"; continue }
            result.append(MaterialRow(name: entry.name, source: "upload", uploadId: entry.uploadId, fileName: fileName))
        }
        let uploaded = Set(given.map(\.name))
        var missing: [String] = []
        for material in expected where !uploaded.contains(material.name) {
            if let source = material.replaceableBy {
                result.append(MaterialRow(name: material.name, source: source, uploadId: nil, fileName: nil))
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
