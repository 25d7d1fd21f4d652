import Fluent
import Foundation
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

    func view(_ serviceCase: Case) async throws -> CaseView {
        let id = try serviceCase.requireID()
        let tasks = try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == id).with(\.$department).all()
        let materials = try await CaseMaterial.query(on: db).filter(\.$serviceCase.$id == id).with(\.$upload).sort(\.$createdAt).all()
        let events = try await CaseEvent.query(on: db).filter(\.$serviceCase.$id == id).sort(\.$at).all()
        let applicant = try await User.find(serviceCase.$applicant.id, on: db)
        let order = Dictionary(uniqueKeysWithValues: (try plan(item: serviceCase.itemCode, lifeEvent: serviceCase.lifeEventCode).items.map(\.code)).enumerated().map { ($1, $0) })
        let caseStatus = serviceCase.acceptedAt.flatMap { accepted in
            status(clock(start: accepted, limit: serviceCase.promisedLimitDays, pausesJSON: serviceCase.pausesJSON, finishedAt: serviceCase.concludedAt))
        }
        return CaseView(
            id: id, number: serviceCase.number, title: serviceCase.title, item: serviceCase.itemCode, lifeEvent: serviceCase.lifeEventCode,
            state: serviceCase.state, stateTitle: CaseState(rawValue: serviceCase.state)?.title ?? serviceCase.state,
            channel: serviceCase.channel, applicantName: applicant?.realName ?? "", form: serviceCase.form,
            submittedAt: serviceCase.submittedAt, acceptedAt: serviceCase.acceptedAt, promisedLimitDays: serviceCase.promisedLimitDays,
            deadline: serviceCase.deadlineAt, deadlineStatus: caseStatus?.rawValue, concludedAt: serviceCase.concludedAt,
            deliveredAt: serviceCase.deliveredAt, outcomeReason: serviceCase.outcomeReason,
            autoDecision: serviceCase.autoDecision,
            tasks: tasks.sorted { (order[$0.itemCode] ?? 0) < (order[$1.itemCode] ?? 0) }.map(taskView),
            materials: materials.map { .init(name: $0.name, source: $0.source, uploadId: $0.$upload.id, fileName: $0.upload?.fileName) },
            events: events.map { .init(at: $0.at, actor: $0.actorName, kind: $0.kind, message: $0.message) })
    }

    func taskStatus(_ task: ReviewTask) -> DeadlineStatus? {
        guard let opened = task.openedAt else { return nil }
        let state = TaskState(rawValue: task.state)
        return status(clock(start: opened, limit: task.limitDays, pausesJSON: task.pausesJSON,
                            finishedAt: state?.isTerminal == true ? (task.decidedAt ?? now) : nil))
    }

    func taskView(_ task: ReviewTask) -> CaseView.TaskView {
        let status = taskStatus(task)
        return .init(
            id: task.id!, item: task.itemCode, itemName: task.itemName, department: task.department.code,
            departmentName: task.department.name, state: task.state, stateTitle: TaskState(rawValue: task.state)?.title ?? task.state,
            dependsOn: ServiceItem.undelimited(task.dependsOn), openedAt: task.openedAt, deadline: task.deadlineAt,
            deadlineStatus: status?.rawValue, deadlineStatusTitle: status?.title, decidedAt: task.decidedAt, note: task.note,
            supplementRequest: task.supplementRequest.map { $0.split(separator: "\n").map(String.init) } ?? [])
    }

    func cases(of applicant: UUID, limit: Int = 100) async throws -> [CaseSummaryView] {
        try await Case.query(on: db).filter(\.$applicant.$id == applicant).sort(\.$submittedAt, .descending).limit(limit).all().map(summary)
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

    /// A department's open tasks, the most urgent first (uses review_tasks_queue_idx).
    func departmentQueue(_ departmentIDs: [UUID], limit: Int = 100) async throws -> [TaskQueueEntry] {
        let tasks = try await ReviewTask.query(on: db)
            .filter(\.$department.$id ~~ departmentIDs)
            .filter(\.$state ~~ [TaskState.open.rawValue, TaskState.awaitingSupplement.rawValue])
            .sort(\.$deadlineAt).limit(limit)
            .with(\.$serviceCase).with(\.$department).all()
        return tasks.map(queueEntry)
    }

    /// The supervisor's list: open tasks past their deadline or at risk (uses review_tasks_late_idx).
    func lateTasks(limit: Int = 200) async throws -> [TaskQueueEntry] {
        let tasks = try await ReviewTask.query(on: db)
            .filter(\.$state == TaskState.open.rawValue)
            .filter(\.$atRiskAt <= now)
            .sort(\.$deadlineAt).limit(limit)
            .with(\.$serviceCase).with(\.$department).all()
        return tasks.map(queueEntry)
    }

    func queueEntry(_ task: ReviewTask) -> TaskQueueEntry {
        let status = taskStatus(task) ?? .onTrack
        return TaskQueueEntry(
            taskId: task.id!, caseId: task.$serviceCase.id, caseNumber: task.serviceCase.number, caseTitle: task.serviceCase.title,
            itemName: task.itemName, department: task.department.name, state: task.state,
            stateTitle: TaskState(rawValue: task.state)?.title ?? task.state, deadline: task.deadlineAt,
            deadlineStatus: status.rawValue, deadlineStatusTitle: status.title)
    }
}

extension Request {
    var cases: CaseService {
        CaseService(db: db, catalog: application.catalogCache.snapshot, calendar: application.workdays,
                    now: application.clock.now(), cipher: application.fieldCipher, gate: application.writeGate)
    }
}
