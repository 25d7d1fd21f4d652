import Fluent
import Foundation
import TongbanCore
import Vapor

/// 数据共享申请 between departments: the asking department files, the owning department answers by a
/// working-day deadline, an approval becomes a grant at once.
struct SharingService {
    let db: any Database
    let catalog: CatalogSnapshot
    let calendar: WorkdayCalendar
    let now: Date
    let responseDays: Int
    var gate: WriteGate?

    struct FileInput: Content {
        /// The asking department; may be left out by someone who works for one department only.
        var department: String?
        var registry: String
        var fields: [String]
        var purpose: String
        var reason: String
        var expiresOn: String
    }

    struct AnswerInput: Content {
        var approve: Bool
        var answer: String?
    }

    static let invalid = (code: "sharing.invalid", message: "共享申请有误，请按提示修改")

    func file(_ input: FileInput, by person: Principal) async throws -> SharingView {
        let own = Set(person.grants.filter { $0.role.isStaff }.compactMap(\.departmentCode))
        guard !own.isEmpty else { throw AppError(.forbidden, "sharing.no_department", "只有部门工作人员可以提出数据共享申请") }
        let department = input.department?.trimmed.nilIfEmpty ?? (own.count == 1 ? own.first! : "")
        guard own.contains(department) else {
            throw AppError.invalid(Self.invalid.code, "请选择您所在的部门", details: ["department": "只能以本部门名义申请"])
        }
        let grant = GrantInput(department: department, registry: input.registry, fields: input.fields, purpose: input.purpose, expiresOn: input.expiresOn)
        var valid: GrantInput.Valid
        do { valid = try grant.validated(catalog: catalog, today: CalendarDate(now), code: Self.invalid.code, message: Self.invalid.message) }
        catch let error as AppError { throw Self.adding(reasonProblem(input.reason), to: error) }
        if let problem = reasonProblem(input.reason) { throw AppError.invalid(Self.invalid.code, Self.invalid.message, details: ["reason": problem]) }
        guard valid.registry.owner != department else {
            throw AppError.invalid(Self.invalid.code, "\(valid.registry.name)由本部门管理，无需申请", details: ["registry": "请选择其他部门的数据库"])
        }
        let due: Date
        do throws(WorkdayError) { due = try calendar.deadline(addingWorkdays: responseDays, to: now) } catch {
            throw AppError(.unprocessableEntity, error.code, error.message)
        }
        let pending = try await SharingRequest.query(on: db)
            .filter(\.$requesterCode == department).filter(\.$registry == valid.registry.code)
            .filter(\.$purpose == valid.purpose).filter(\.$status == SharingRequest.Status.pending.rawValue).first()
        if pending != nil { throw AppError(.conflict, "sharing.pending", "本部门对该数据库、该用途已有待答复的申请") }
        let row = SharingRequest()
        (row.requesterCode, row.ownerCode, row.registry, row.fields, row.purpose) =
            (department, valid.registry.owner, valid.registry.code, valid.fields.joined(separator: ","), valid.purpose)
        (row.reason, row.expiresOn, row.status) = (input.reason.trimmed, valid.expiresOn.description, SharingRequest.Status.pending.rawValue)
        (row.requestedBy, row.requestedAt, row.dueAt) = (person.realName, now, due)
        try await row.create(on: db)
        return view(row)
    }

    private func reasonProblem(_ reason: String) -> String? {
        (5...500).contains(reason.trimmed.count) ? nil : "请写明共享理由和依据（5–500字），对方部门据此答复"
    }

    private static func adding(_ problem: String?, to error: AppError) -> AppError {
        guard let problem else { return error }
        var details = error.details
        details["reason"] = problem
        return AppError.invalid(error.code, error.message, details: details)
    }

    /// The owning department's answer. Only its own staff answer; an approval creates the grant in the same transaction.
    func answer(_ id: UUID, _ input: AnswerInput, by person: Principal) async throws -> SharingView {
        let text = input.answer?.trimmed ?? ""
        if !input.approve && text.count < 5 {
            throw AppError.invalid(Self.invalid.code, "不予共享时请写明理由（至少5字）", details: ["answer": "请写明不予共享的理由和依据"])
        }
        guard text.count <= 500 else { throw AppError.invalid(Self.invalid.code, "答复不超过500字", details: ["answer": "不超过500字"]) }
        let row = try await serializedTransaction(db, gate: gate) { db in
            guard let row = try await SharingRequest.find(id, on: db),
                  person.grants.contains(where: { $0.role.isStaff && $0.departmentCode == row.ownerCode }) else {
                throw AppError.notFound("共享申请", code: "sharing.not_found")
            }
            guard row.status == SharingRequest.Status.pending.rawValue else { throw AppError(.conflict, "sharing.answered", "该申请已答复") }
            if input.approve {
                guard let expires = CalendarDate(row.expiresOn), expires >= CalendarDate(now) else {
                    throw AppError(.conflict, "sharing.expired", "申请的使用期限已过，请申请部门重新申请")
                }
                let grant = RegistryGrant()
                (grant.departmentCode, grant.registry, grant.fields, grant.purpose, grant.expiresOn, grant.createdAt) =
                    (row.requesterCode, row.registry, row.fields, row.purpose, row.expiresOn, now)
                try await grant.create(on: db)
                row.grantID = grant.id
            }
            row.status = (input.approve ? SharingRequest.Status.approved : .refused).rawValue
            (row.answeredAt, row.answeredBy, row.answer) = (now, "\(catalog.department(row.ownerCode)?.name ?? "") \(person.realName)", text.nilIfEmpty)
            try await row.save(on: db)
            return row
        }
        return view(row)
    }

    /// What a person's departments asked for and were asked for; supervisors, leaders and administrators see all.
    func list(for person: Principal) async throws -> [SharingView] {
        let oversight = person.has(.supervisor) || person.has(.leader) || person.has(.admin)
        let departments = Array(Set(person.grants.filter { $0.role.isStaff }.compactMap(\.departmentCode)))
        guard oversight || !departments.isEmpty else { throw AppError.forbidden }
        var query = SharingRequest.query(on: db).group(.or) { group in
            group.filter(\.$status == SharingRequest.Status.pending.rawValue).filter(\.$requestedAt >= now.addingTimeInterval(-180 * 86_400))
        }
        if !oversight {
            query = query.group(.or) { $0.filter(\.$requesterCode ~~ departments).filter(\.$ownerCode ~~ departments) }
        }
        return try await query.sort(\.$dueAt).limit(500).all().map(view)
            .sorted { ($0.status == .pending ? 0 : 1, $0.due) < ($1.status == .pending ? 0 : 1, $1.due) }
    }

    /// 数据共享响应及时率 per owning department over a period: of the requests answered in it, or due in it and still
    /// unanswered, the share answered by the deadline.
    func responsiveness(from: Date, to: Date) async throws -> [String: Double] {
        let rows = try await SharingRequest.query(on: db).group(.or) { group in
            group.group(.and) { $0.filter(\.$answeredAt >= from).filter(\.$answeredAt < to) }
                .group(.and) { $0.filter(\.$status == SharingRequest.Status.pending.rawValue).filter(\.$dueAt >= from).filter(\.$dueAt < min(to, now)) }
        }.all()
        var counted: [String: (onTime: Int, all: Int)] = [:]
        for row in rows {
            let onTime = row.answeredAt.map { $0 <= row.dueAt } ?? false
            counted[row.ownerCode, default: (0, 0)].all += 1
            if onTime { counted[row.ownerCode, default: (0, 0)].onTime += 1 }
        }
        return counted.mapValues { Double($0.onTime) / Double($0.all) }
    }

    func view(_ row: SharingRequest) -> SharingView {
        let registry = RegistryCatalog.registry(row.registry)
        let status = SharingRequest.Status(rawValue: row.status) ?? .pending
        return SharingView(
            id: row.id!, requester: row.requesterCode, requesterName: catalog.department(row.requesterCode)?.name ?? row.requesterCode,
            owner: row.ownerCode, ownerName: catalog.department(row.ownerCode)?.name ?? row.ownerCode,
            registry: row.registry, registryName: registry?.name ?? row.registry,
            fields: row.fieldList, fieldLabels: row.fieldList.map { registry?.label($0) ?? $0 },
            purpose: row.purpose, purposeName: row.purpose == "*" ? "本部门全部事项" : (catalog.items[row.purpose]?.name ?? row.purpose),
            reason: row.reason, expiresOn: row.expiresOn, status: status, statusTitle: status.title,
            requestedBy: row.requestedBy, requestedAt: row.requestedAt, due: row.dueAt,
            late: (row.answeredAt ?? now) > row.dueAt,
            answeredAt: row.answeredAt, answeredBy: row.answeredBy, answer: row.answer, grantID: row.grantID)
    }
}

struct SharingView: Content {
    var id: UUID
    var requester: String
    var requesterName: String
    var owner: String
    var ownerName: String
    var registry: String
    var registryName: String
    var fields: [String]
    var fieldLabels: [String]
    var purpose: String
    var purposeName: String
    var reason: String
    var expiresOn: String
    var status: SharingRequest.Status
    var statusTitle: String
    var requestedBy: String
    var requestedAt: Date
    var due: Date
    /// Answered after the deadline, or still unanswered past it.
    var late: Bool
    var answeredAt: Date?
    var answeredBy: String?
    var answer: String?
    var grantID: UUID?
}

extension Request {
    var sharing: SharingService {
        SharingService(db: db, catalog: application.catalogCache.snapshot, calendar: application.workdays, now: application.clock.now(),
                       responseDays: application.settings.sharingResponseDays, gate: application.writeGate)
    }
}
