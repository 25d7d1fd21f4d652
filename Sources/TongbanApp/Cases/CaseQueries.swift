import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Who may see which case, and the lists people work from.
extension CaseService {
    /// The case if this person may see it; otherwise "not found", so ids of others' cases reveal nothing.
    /// Applicants see their own; clerks, supervisors, leaders and administrators see all; a
    /// department's reviewers and handlers only cases with a task for their department.
    func visibleCase(_ id: UUID, to principal: Principal) async throws -> Case {
        guard let serviceCase = try await Case.find(id, on: db) else { throw AppError.notFound("办件", code: "case.not_found") }
        if serviceCase.$applicant.id == principal.userID { return serviceCase }
        if principal.grants.contains(where: { [.clerk, .supervisor, .leader, .admin].contains($0.role) }) { return serviceCase }
        let departments = principal.grants.filter { [.reviewer, .handler].contains($0.role) }.compactMap(\.departmentID)
        if !departments.isEmpty,
           try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == id).filter(\.$department.$id ~~ departments).count() > 0 {
            return serviceCase
        }
        throw AppError.notFound("办件", code: "case.not_found")
    }

    /// Rows for the case page, read with plain Codable rows: building Fluent models reflects over
    /// every field of every row, which made this page the most expensive part of an application.
    struct TaskRow: Decodable {
        var id: UUID
        var itemCode: String
        var itemName: String
        var state: String
        var dependsOn: String
        var limitDays: Int
        var openedAt: Date?
        var deadlineAt: Date?
        var decidedAt: Date?
        var note: String?
        var supplementRequest: String?
        var pauses: String
        var departmentCode: String
        var departmentName: String
    }

    struct MaterialRow: Decodable {
        var name: String
        var source: String
        var uploadId: UUID?
        var fileName: String?
    }

    struct EventRow: Decodable {
        var at: Date
        var actorName: String
        var kind: String
        var message: String
    }

    /// Everything the case page shows besides the case row.
    struct PageRows: Sendable {
        var tasks: [TaskRow] = []
        var materials: [MaterialRow] = []
        var events: [EventRow] = []
        var certificates: [CertificateRow] = []
        var applicantName = ""
    }

    func pageRows(_ serviceCase: Case) async throws -> PageRows {
        let id = try serviceCase.requireID()
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "database.unsupported", "需要 SQL 数据库") }
        let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)
        var rows = try await Self.pageRows([id], on: sql)[id] ?? PageRows()
        rows.tasks = try await sql.raw("""
            SELECT t.id, t.item_code, t.item_name, t.state, t.depends_on, t.limit_days, t.opened_at, t.deadline_at, t.decided_at,
                   t.note, t.supplement_request, t.pauses, d.code AS department_code, d.name AS department_name
            FROM review_tasks t JOIN departments d ON d.id = t.department_id WHERE t.case_id = \(bind: id)
            """).all(decoding: TaskRow.self, with: decoder)
        rows.certificates = try await sql.raw("""
            SELECT id, number, kind, issuer_code, issuer_name, revoked_at FROM certificates WHERE case_id = \(bind: id) ORDER BY number
            """).all(decoding: CertificateRow.self, with: decoder)
        return rows
    }

    func view(_ serviceCase: Case) async throws -> CaseView {
        let rows = try await pageRows(serviceCase)
        return try view(serviceCase, tasks: rows.tasks, materials: rows.materials, events: rows.events, certificates: rows.certificates,
                        applicantName: rows.applicantName)
    }

    /// The case page from rows already at hand: a write that has just saved them (submission, acceptance)
    /// answers without reading them back.
    func view(_ serviceCase: Case, tasks: [TaskRow], materials: [MaterialRow], events: [EventRow], certificates: [CertificateRow] = [],
              applicantName: String) throws -> CaseView {
        let id = try serviceCase.requireID()
        let order = Dictionary(uniqueKeysWithValues: (try plan(item: serviceCase.itemCode, lifeEvent: serviceCase.lifeEventCode).items.map(\.code)).enumerated().map { ($1, $0) })
        let caseStatus = serviceCase.acceptedAt.flatMap { accepted in
            status(clock(start: accepted, limit: serviceCase.promisedLimitDays, pausesJSON: serviceCase.pausesJSON, finishedAt: serviceCase.concludedAt))
        }
        return CaseView(
            id: id, number: serviceCase.number, title: serviceCase.title, item: serviceCase.itemCode, lifeEvent: serviceCase.lifeEventCode,
            state: serviceCase.state, stateTitle: CaseState(rawValue: serviceCase.state)?.title ?? serviceCase.state,
            channel: serviceCase.channel, applicantName: applicantName, form: serviceCase.form,
            submittedAt: serviceCase.submittedAt, acceptedAt: serviceCase.acceptedAt, promisedLimitDays: serviceCase.promisedLimitDays,
            deadline: serviceCase.deadlineAt, deadlineStatus: caseStatus?.rawValue, concludedAt: serviceCase.concludedAt,
            deliveredAt: serviceCase.deliveredAt, outcomeReason: serviceCase.outcomeReason,
            autoDecision: serviceCase.autoDecision,
            tasks: tasks.sorted { (order[$0.itemCode] ?? 0) < (order[$1.itemCode] ?? 0) }.map(taskView),
            materials: materials.map { .init(name: $0.name, source: $0.source, uploadId: $0.uploadId, fileName: $0.fileName) },
            events: events.map { .init(at: $0.at, actor: $0.actorName, kind: $0.kind, message: $0.message) },
            certificates: certificates.map {
                .init(id: $0.id, number: $0.number, kind: $0.kind, issuer: $0.issuerCode, issuerName: $0.issuerName, revoked: $0.revokedAt != nil)
            })
    }

    struct CertificateRow: Decodable {
        var id: UUID
        var number: String
        var kind: String
        var issuerCode: String
        var issuerName: String
        var revokedAt: Date?
    }

    func taskStatus(openedAt: Date?, limit: Int, pauses: String, state: String, decidedAt: Date?) -> DeadlineStatus? {
        guard let opened = openedAt else { return nil }
        let finished = TaskState(rawValue: state)?.isTerminal == true
        return status(clock(start: opened, limit: limit, pausesJSON: pauses, finishedAt: finished ? (decidedAt ?? now) : nil))
    }

    func taskView(_ task: TaskRow) -> CaseView.TaskView {
        let status = taskStatus(openedAt: task.openedAt, limit: task.limitDays, pauses: task.pauses, state: task.state, decidedAt: task.decidedAt)
        return .init(
            id: task.id, item: task.itemCode, itemName: task.itemName, department: task.departmentCode,
            departmentName: task.departmentName, state: task.state, stateTitle: TaskState(rawValue: task.state)?.title ?? task.state,
            dependsOn: ServiceItem.undelimited(task.dependsOn), openedAt: task.openedAt, deadline: task.deadlineAt,
            deadlineStatus: status?.rawValue, deadlineStatusTitle: status?.title, decidedAt: task.decidedAt, note: task.note,
            supplementRequest: task.supplementRequest.map { $0.split(separator: "\n").map(String.init) } ?? [])
    }

    /// The applicant's latest cases, read as plain rows of the listed columns: as Fluent models (the form, the
    /// decision and a dozen more fields each) a hundred of them cost over 10 ms of reflection per page.
    func cases(of applicant: UUID, limit: Int = 100) async throws -> [CaseSummaryView] {
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "database.unsupported", "需要 SQL 数据库") }
        struct Row: Decodable {
            var id: UUID, number: String, title: String, state: String, promisedLimitDays: Int, submittedAt: Date
            var acceptedAt: Date?, deadlineAt: Date?, concludedAt: Date?, pauses: String
        }
        return try await sql.select()
            .columns("id", "number", "title", "state", "promised_limit_days", "submitted_at", "accepted_at", "deadline_at", "concluded_at", "pauses")
            .from(Case.schema).where("applicant_id", .equal, applicant).orderBy("submitted_at", .descending).limit(limit)
            .all(decoding: Row.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
            .map { row in
                let status = row.acceptedAt.flatMap {
                    self.status(clock(start: $0, limit: row.promisedLimitDays, pausesJSON: row.pauses, finishedAt: row.concludedAt))
                }
                return CaseSummaryView(id: row.id, number: row.number, title: row.title, state: row.state,
                                       stateTitle: CaseState(rawValue: row.state)?.title ?? row.state, submittedAt: row.submittedAt,
                                       deadline: row.deadlineAt, deadlineStatus: status?.rawValue)
            }
    }

    func summary(_ serviceCase: Case) -> CaseSummaryView {
        let status = serviceCase.acceptedAt.flatMap {
            self.status(clock(start: $0, limit: serviceCase.promisedLimitDays, pausesJSON: serviceCase.pausesJSON, finishedAt: serviceCase.concludedAt))
        }
        return CaseSummaryView(
            id: serviceCase.id!, number: serviceCase.number, title: serviceCase.title, state: serviceCase.state,
            stateTitle: CaseState(rawValue: serviceCase.state)?.title ?? serviceCase.state, submittedAt: serviceCase.submittedAt,
            deadline: serviceCase.deadlineAt, deadlineStatus: status?.rawValue)
    }

    /// The window's work: new applications to accept, concluded ones to deliver.
    func windowQueue(limit: Int = 100) async throws -> (new: [CaseSummaryView], toDeliver: [CaseSummaryView]) {
        let new = try await Case.query(on: db).filter(\.$state == CaseState.submitted.rawValue).sort(\.$submittedAt).limit(limit).all()
        let ready = try await Case.query(on: db).filter(\.$state == CaseState.approved.rawValue).sort(\.$submittedAt).limit(limit).all()
        return (new.map(summary), ready.map(summary))
    }

    /// One row of a queue: the task with its case and department, read in one query.
    struct QueueRow: Decodable {
        var taskId: UUID
        var caseId: UUID
        var caseNumber: String
        var caseTitle: String
        var itemName: String
        var department: String
        var state: String
        var openedAt: Date?
        var deadlineAt: Date?
        var decidedAt: Date?
        var limitDays: Int
        var pauses: String
    }

    static let queueColumns: SQLQueryString = """
        SELECT t.id AS task_id, t.case_id, c.number AS case_number, c.title AS case_title, t.item_name, d.name AS department,
               t.state, t.opened_at, t.deadline_at, t.decided_at, t.limit_days, t.pauses
        FROM review_tasks t JOIN cases c ON c.id = t.case_id JOIN departments d ON d.id = t.department_id
        """

    /// A department's open tasks, the most urgent first (uses review_tasks_queue_idx).
    func departmentQueue(_ departmentIDs: [UUID], limit: Int = 100) async throws -> [TaskQueueEntry] {
        guard !departmentIDs.isEmpty else { return [] }
        return try await queue("""
            \(Self.queueColumns)
            WHERE t.department_id IN (\(binds: departmentIDs)) AND t.state IN (\(binds: [TaskState.open.rawValue, TaskState.awaitingSupplement.rawValue]))
            ORDER BY t.deadline_at LIMIT \(literal: limit)
            """)
    }

    /// The supervisor's list: open tasks past their deadline or at risk (uses review_tasks_late_idx).
    func lateTasks(limit: Int = 200) async throws -> [TaskQueueEntry] {
        try await queue("""
            \(Self.queueColumns)
            WHERE t.state = \(bind: TaskState.open.rawValue) AND t.at_risk_at <= \(bind: now)
            ORDER BY t.deadline_at LIMIT \(literal: limit)
            """)
    }

    private func queue(_ query: SQLQueryString) async throws -> [TaskQueueEntry] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw(query).all(decoding: QueueRow.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
        return rows.map { row in
            let status = taskStatus(openedAt: row.openedAt, limit: row.limitDays, pauses: row.pauses, state: row.state, decidedAt: row.decidedAt) ?? .onTrack
            return TaskQueueEntry(
                taskId: row.taskId, caseId: row.caseId, caseNumber: row.caseNumber, caseTitle: row.caseTitle,
                itemName: row.itemName, department: row.department, state: row.state,
                stateTitle: TaskState(rawValue: row.state)?.title ?? row.state, deadline: row.deadlineAt,
                deadlineStatus: status.rawValue, deadlineStatusTitle: status.title)
        }
    }
}

extension Request {
    var cases: CaseService {
        CaseService(db: db, catalog: application.catalogCache.snapshot, calendar: application.workdays,
                    now: application.clock.now(), cipher: application.fieldCipher, gate: application.writeGate,
                    commits: application.caseCommits)
    }
}
