import Fluent
import Foundation
import TongbanCore
import Vapor

/// A department's decisions on its task, and the applicant's answer to a 补正 request.
extension CaseService {
    enum Decision: String {
        case approve, reject, supplement
    }

    func decide(taskID: UUID, _ decision: Decision, note: String?, materials: [String], by reviewer: Principal) async throws -> Case {
        guard let found = try await ReviewTask.query(on: db).filter(\.$id == taskID).with(\.$department).first(),
              reviewer.has(.reviewer, inDepartment: found.department.code)
        else { throw AppError.notFound("审批任务", code: "task.not_found") }
        let departmentName = found.department.name
        return try await locked(found.$serviceCase.id) { db, serviceCase in
            guard let task = try await ReviewTask.find(taskID, on: db) else { throw AppError.notFound("审批任务", code: "task.not_found") }
            let actor = "\(departmentName) \(reviewer.realName)"
            switch decision {
            case .approve:
                try await self.approve(db, serviceCase, task, actor: actor, reviewerID: reviewer.userID, note: note)
            case .reject:
                try await self.reject(db, serviceCase, task, actor: actor, reviewerID: reviewer.userID, reason: try Self.requireReason(note))
            case .supplement:
                let missing = materials.map(\.trimmed).filter { !$0.isEmpty }
                guard !missing.isEmpty else {
                    throw AppError.invalid("case.supplement_empty", "请列出需要补正的材料", details: ["materials": "请列出需要补正的材料"])
                }
                try Self.transition(task, .requestSupplement)
                task.supplementRequest = missing.joined(separator: "\n")
                task.note = note?.trimmed.nilIfEmpty
                task.pausesJSON = self.encode(self.pauses(task.pausesJSON) + [Pause(start: self.now)])
                try await task.save(on: db)
                if serviceCase.state == CaseState.inReview.rawValue {
                    try Self.transition(serviceCase, .requestSupplement)
                    serviceCase.pausesJSON = self.encode(self.pauses(serviceCase.pausesJSON) + [Pause(start: self.now)])
                    try await serviceCase.save(on: db)
                } else if serviceCase.state != CaseState.awaitingSupplement.rawValue {
                    throw AppError(.conflict, "workflow.illegal_transition", "办件当前状态为“\(CaseState(rawValue: serviceCase.state)?.title ?? serviceCase.state)”，不能要求补正")
                }
                let list = missing.joined(separator: "、")
                try await self.record(db, serviceCase, actor: actor, kind: "supplement_requested", "“\(task.itemName)”需要补正：\(list)（补正期间暂停计时）")
                try await NotificationService(db: db, now: self.now).notify(
                    serviceCase.$applicant.id, title: "请补正材料",
                    body: "您的“\(serviceCase.title)”（\(serviceCase.number)）需要补正：\(list)。请登录上传，补正期间暂停计时。",
                    link: CaseURL.mine(try serviceCase.requireID()))
            }
            return serviceCase
        }
    }

    func approve(_ db: any Database, _ serviceCase: Case, _ task: ReviewTask, actor: String, reviewerID: UUID?, note: String?) async throws {
        try Self.transition(task, .approve)
        task.decidedAt = now
        task.$decidedBy.id = reviewerID
        task.note = note?.trimmed.nilIfEmpty
        try await task.save(on: db)
        try await record(db, serviceCase, actor: actor, kind: "task_approved", "“\(task.itemName)”审核通过")
        try await advance(db, serviceCase)
    }

    /// Any rejection concludes the whole case as not approved, with the reason.
    func reject(_ db: any Database, _ serviceCase: Case, _ task: ReviewTask, actor: String, reviewerID: UUID?, reason: String) async throws {
        try Self.transition(task, .reject)
        task.decidedAt = now
        task.$decidedBy.id = reviewerID
        task.note = reason
        try await task.save(on: db)
        try Self.transition(serviceCase, .taskRejected)
        serviceCase.outcomeReason = "“\(task.itemName)”未通过：\(reason)"
        serviceCase.concludedAt = now
        try await serviceCase.save(on: db)
        try await cancelOpenTasks(db, try serviceCase.requireID())
        try await record(db, serviceCase, actor: actor, kind: "task_rejected", "“\(task.itemName)”未通过：\(reason)")
        try await Ledger.append(kind: "case.concluded", subject: serviceCase.number,
                                fields: ["outcome": "notApproved", "title": serviceCase.title], at: now, on: db)
        try await NotificationService(db: db, now: now).notify(
            serviceCase.$applicant.id, title: "申请未获批准",
            body: "您的“\(serviceCase.title)”（\(serviceCase.number)）未获批准：\(reason)", link: CaseURL.mine(try serviceCase.requireID()))
    }

    /// After an approval: open tasks whose prerequisites are now met, and conclude when all are approved.
    func advance(_ db: any Database, _ serviceCase: Case) async throws {
        let caseID = try serviceCase.requireID()
        let tasks = try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == caseID).all()
        let nodes = tasks.map { TaskNode(key: $0.itemCode, dependsOn: ServiceItem.undelimited($0.dependsOn)) }
        let graph: TaskGraph
        do throws(WorkflowError) { graph = try TaskGraph(nodes) } catch { throw AppError(.conflict, error.code, error.message) }
        var states = Dictionary(uniqueKeysWithValues: tasks.map { ($0.itemCode, TaskState(rawValue: $0.state) ?? .cancelled) })
        for key in graph.newlyReady(states: states) {
            guard let task = tasks.first(where: { $0.itemCode == key }) else { continue }
            try Self.transition(task, .dependenciesMet)
            try open(task)
            try await task.save(on: db)
            states[key] = .open
            try await record(db, serviceCase, actor: "系统", kind: "task_opened", "前置事项已办结，“\(task.itemName)”开始审核")
        }
        guard graph.summary(states: states) == .allApproved else { return }
        try Self.transition(serviceCase, .allTasksApproved)
        serviceCase.concludedAt = now
        try await serviceCase.save(on: db)
        try await record(db, serviceCase, actor: "系统", kind: "concluded", "全部事项审核通过，已办结，等待出件")
        try await Ledger.append(kind: "case.concluded", subject: serviceCase.number,
                                fields: ["outcome": "approved", "title": serviceCase.title], at: now, on: db)
        let issued = try await CertificateService(db: db, catalog: catalog, now: now).issue(for: serviceCase, on: db)
        let kinds = issued.map(\.kind).joined(separator: "、")
        if !issued.isEmpty {
            try await record(db, serviceCase, actor: "系统", kind: "certificates_issued", "已生成电子证照：\(kinds)，可在“我的证照”查看和亮证")
        }
        let certificates = issued.isEmpty ? "" : "，电子证照（\(kinds)）已放入“我的证照”"
        // Nobody applied for a 免申即享 case: the notice says what the person gets and on what basis.
        try await NotificationService(db: db, now: now).notify(
            serviceCase.$applicant.id, title: serviceCase.isProactive ? "免申即享：已为您办理" : "已办结",
            body: serviceCase.isProactive
                ? "\(serviceCase.outcomeReason ?? serviceCase.title)。您符合条件，无需申请，“\(serviceCase.title)”（\(serviceCase.number)）已办结\(certificates)。"
                : "您的“\(serviceCase.title)”（\(serviceCase.number)）已办结\(certificates)，办理结果将统一出件。",
            link: CaseURL.mine(caseID))
    }

    /// The applicant answers 补正: every task waiting for material resumes, and the clocks restart
    /// with their deadlines moved by the working days spent waiting.
    /// `alsoForward` runs in the same transaction: a case decided in another city sends the files there (跨域通办).
    func supplement(_ caseID: UUID, _ input: SupplementInput, by applicant: Principal,
                    alsoForward: (@Sendable (any Database, Case, SupplementInput) async throws -> Void)? = nil) async throws -> Case {
        guard !input.materials.isEmpty else {
            throw AppError.invalid("case.supplement_empty", "请上传补正材料", details: ["materials": "请上传补正材料"])
        }
        let ids = input.materials.map(\.uploadId)
        let owned = try await Upload.query(on: db).filter(\.$id ~~ ids).filter(\.$owner.$id == applicant.userID).count()
        guard owned == Set(ids).count else { throw AppError.invalid("case.upload_not_found", "上传的文件不存在或不属于您") }
        return try await locked(caseID) { db, serviceCase in
            guard serviceCase.$applicant.id == applicant.userID else { throw AppError.notFound("办件", code: "case.not_found") }
            try Self.transition(serviceCase, .supplementReceived)
            serviceCase.pausesJSON = self.encode(self.closed(self.pauses(serviceCase.pausesJSON)))
            if let accepted = serviceCase.acceptedAt {
                serviceCase.deadlineAt = try self.deadline(self.clock(start: accepted, limit: serviceCase.promisedLimitDays, pausesJSON: serviceCase.pausesJSON))
            }
            try await serviceCase.save(on: db)
            let waiting = try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == caseID)
                .filter(\.$state == TaskState.awaitingSupplement.rawValue).all()
            for task in waiting {
                try Self.transition(task, .supplementReceived)
                task.pausesJSON = self.encode(self.closed(self.pauses(task.pausesJSON)))
                if let opened = task.openedAt {
                    let clock = self.clock(start: opened, limit: task.limitDays, pausesJSON: task.pausesJSON)
                    task.deadlineAt = try self.deadline(clock)
                    do throws(WorkdayError) { task.atRiskAt = try clock.atRiskFrom(now: self.now) } catch { task.atRiskAt = nil }
                    task.atRiskNotified = false
                }
                try await task.save(on: db)
                try await self.keep(db, input, caseID: caseID, taskID: try task.requireID())
            }
            // A case decided in another city has no tasks here; its files are the case's.
            if waiting.isEmpty { try await self.keep(db, input, caseID: caseID, taskID: nil) }
            try await alsoForward?(db, serviceCase, input)
            try await self.record(db, serviceCase, actor: applicant.realName, kind: "supplemented",
                                  "提交了补正材料：\(input.materials.map(\.name).joined(separator: "、"))，恢复计时")
            return serviceCase
        }
    }

    private func keep(_ db: any Database, _ input: SupplementInput, caseID: UUID, taskID: UUID?) async throws {
        for entry in input.materials {
            let material = CaseMaterial()
            material.$serviceCase.id = caseID
            material.name = entry.name.trimmed.nilIfEmpty ?? "补正材料"
            material.source = "upload"
            material.$upload.id = entry.uploadId
            material.taskID = taskID
            try await material.create(on: db)
        }
    }

    func closed(_ pauses: [Pause]) -> [Pause] {
        pauses.map { $0.end == nil ? Pause(start: $0.start, end: now) : $0 }
    }
}
