import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Every change after submission. Each runs in one transaction that first touches the case row,
/// which serialises concurrent decisions on the same case (PostgreSQL row lock, SQLite write lock):
/// two departments approving at the same moment must not both miss that the case is complete.
extension CaseService {
    func locked<T>(_ caseID: UUID, _ body: @escaping @Sendable (any Database, Case) async throws -> T) async throws -> T {
        try await serializedTransaction(db, gate: gate) { db in
            if let sql = db as? any SQLDatabase {
                try await sql.update(Case.schema).set("updated_at", to: SQLBind(now)).where("id", .equal, SQLBind(caseID)).run()
            }
            guard let serviceCase = try await Case.find(caseID, on: db) else { throw AppError.notFound("办件", code: "case.not_found") }
            return try await body(db, serviceCase)
        }
    }

    static func transition(_ serviceCase: Case, _ action: CaseAction) throws {
        guard let state = CaseState(rawValue: serviceCase.state) else { throw AppError(.conflict, "case.corrupt_state", "办件状态异常") }
        switch CaseStateMachine.next(state, on: action) {
        case .success(let next): serviceCase.state = next.rawValue
        case .failure(let error): throw AppError(.conflict, error.code, error.message)
        }
    }

    static func transition(_ task: ReviewTask, _ action: TaskAction) throws {
        guard let state = TaskState(rawValue: task.state) else { throw AppError(.conflict, "task.corrupt_state", "审批任务状态异常") }
        switch TaskStateMachine.next(state, on: action) {
        case .success(let next): task.state = next.rawValue
        case .failure(let error): throw AppError(.conflict, error.code, error.message)
        }
    }

    // MARK: The window

    /// 受理 at the window. A case another city decides (跨域通办) goes to `forward`, which accepts it and sends it
    /// there; either way the case is read once, since every application passes here (issue 3).
    func acceptAtWindow(_ caseID: UUID, by clerk: Principal,
                        forward: (Case, CatalogSnapshot.DecidingCity) async throws -> Case) async throws -> CaseView {
        guard let serviceCase = try await Case.find(caseID, on: db) else { throw AppError.notFound("办件", code: "case.not_found") }
        if let city = serviceCase.itemCode.flatMap({ catalog.decidingCities[$0] }) {
            return try await view(try await forward(serviceCase, city))
        }
        return try await accept(serviceCase, by: clerk)
    }

    /// 受理: the case fans out into one review task per item, following the life event's dependencies.
    /// Everything is prepared in this request's task from the case as read; at the window acceptances are then
    /// committed in groups (see `CaseCommits`), which move the case on only if it is still waiting.
    private func accept(_ serviceCase: Case, by clerk: Principal) async throws -> CaseView {
        let caseID = try serviceCase.requireID()
        let fanOut = try acceptance(serviceCase, actor: "窗口 \(clerk.realName)", notify: true)
        let acceptance = Acceptance(caseID: caseID, state: serviceCase.state, acceptedAt: now, deadlineAt: serviceCase.deadlineAt,
                                    rows: try fanOut.encoded())
        guard case .accepted(let page) = try await save(.acceptance(acceptance)) else { preconditionFailure("an acceptance is answered with its page") }
        return try view(serviceCase, tasks: fanOut.taskViews, materials: page.materials, events: page.events, applicantName: page.applicantName)
    }

    /// The acceptance itself, inside the caller's locked transaction (智能审批), which saves the case.
    func accept(_ db: any Database, _ serviceCase: Case, actor: String, notify: Bool) async throws {
        try await acceptance(serviceCase, actor: actor, notify: notify).insert(on: db)
        try await serviceCase.save(on: db)
    }

    /// What accepting writes: the case moves on and gets its deadline, one review task per item (open or
    /// waiting for the steps before it), the timeline entry and the applicant's notice. Changes only the
    /// case model in memory; the caller saves.
    func acceptance(_ serviceCase: Case, actor: String, notify: Bool) throws -> FanOut {
        let caseID = try serviceCase.requireID()
        try Self.transition(serviceCase, .accept)
        let plan = try self.plan(item: serviceCase.itemCode, lifeEvent: serviceCase.lifeEventCode)
        let graph: TaskGraph
        do throws(WorkflowError) { graph = try TaskGraph(plan.nodes) } catch { throw AppError(.conflict, error.code, error.message) }
        let states = graph.initialStates()
        var fanOut = FanOut()
        for item in plan.items {
            guard let department = catalog.departmentIDs[item.departmentCode] else {
                throw AppError.notFound("部门", code: "catalog.department_not_found")
            }
            let state = states[item.code] ?? .waiting
            var row = CaseRows.Task(
                id: .timeOrdered(), caseId: caseID, itemCode: item.code, itemName: item.name, departmentId: department, state: state.rawValue,
                dependsOn: ServiceItem.delimited(plan.nodes.first { $0.key == item.code }?.dependsOn ?? []),
                limitDays: item.promisedLimitDays, atRiskNotified: false, pauses: "[]")
            if state == .open {
                let opened = try openClock(limit: item.promisedLimitDays)
                (row.openedAt, row.deadlineAt, row.atRiskAt) = (now, opened.deadline, opened.atRisk)
            }
            fanOut.tasks.append(row)
            fanOut.taskViews.append(TaskRow(
                id: row.id, itemCode: row.itemCode, itemName: row.itemName, state: row.state, dependsOn: row.dependsOn,
                limitDays: row.limitDays, openedAt: row.openedAt, deadlineAt: row.deadlineAt, pauses: row.pauses,
                departmentCode: item.departmentCode, departmentName: item.departmentName))
        }
        serviceCase.acceptedAt = now
        serviceCase.deadlineAt = try deadline(clock(start: now, limit: serviceCase.promisedLimitDays, pausesJSON: "[]"))
        let promised = serviceCase.deadlineAt.map { CalendarDay($0.addingTimeInterval(-1)).chinese } ?? ""
        fanOut.event = CaseRows.Event(caseId: caseID, at: now, actorName: actor, kind: "accepted",
                                      message: "已受理，分送 \(plan.items.count) 个事项\(plan.items.count > 1 ? "并联审批" : "审批")，承诺 \(promised) 前办结")
        if notify {
            fanOut.outbox = NotificationService(db: db, now: now).notice(
                serviceCase.$applicant.id, title: "申请已受理",
                body: "您的“\(serviceCase.title)”（\(serviceCase.number)）已受理，承诺 \(promised) 前办结。", link: CaseURL.mine(caseID))
        }
        return fanOut
    }

    func open(_ task: ReviewTask) throws {
        let opened = try openClock(limit: task.limitDays)
        (task.openedAt, task.deadlineAt, task.atRiskAt) = (now, opened.deadline, opened.atRisk)
    }

    /// A task opening now: when it is due, and from when it counts as at risk.
    func openClock(limit: Int) throws -> (deadline: Date, atRisk: Date?) {
        let clock = self.clock(start: now, limit: limit, pausesJSON: "[]")
        let due = try deadline(clock)
        do throws(WorkdayError) { return (due, try clock.atRiskFrom(now: now)) } catch { return (due, nil) }
    }

    /// 不予受理, with a reason the applicant sees.
    func refuse(_ caseID: UUID, reason: String, by clerk: Principal) async throws -> Case {
        let reason = try Self.requireReason(reason)
        return try await locked(caseID) { db, serviceCase in
            try Self.transition(serviceCase, .refuse)
            serviceCase.outcomeReason = reason
            serviceCase.concludedAt = self.now
            try await serviceCase.save(on: db)
            try await self.record(db, serviceCase, actor: "窗口 \(clerk.realName)", kind: "refused", "不予受理：\(reason)")
            try await NotificationService(db: db, now: self.now).notify(
                serviceCase.$applicant.id, title: "申请未受理",
                body: "您的“\(serviceCase.title)”（\(serviceCase.number)）不予受理，原因：\(reason)", link: CaseURL.mine(caseID))
            return serviceCase
        }
    }

    static func requireReason(_ text: String?) throws -> String {
        let reason = (text ?? "").trimmed
        guard reason.count >= 2, reason.count <= 500 else {
            throw AppError.invalid("case.reason_required", "请填写原因（2–500字），申请人会看到它", details: ["reason": "请填写原因"])
        }
        return reason
    }

    /// 出件: results handed over in one place.
    func deliver(_ caseID: UUID, by clerk: Principal) async throws -> Case {
        try await locked(caseID) { db, serviceCase in
            try Self.transition(serviceCase, .deliver)
            serviceCase.deliveredAt = self.now
            try await serviceCase.save(on: db)
            try await self.record(db, serviceCase, actor: "窗口 \(clerk.realName)", kind: "delivered", "已出件，办理结果已送达")
            try await NotificationService(db: db, now: self.now).notify(
                serviceCase.$applicant.id, title: "已出件",
                body: "您的“\(serviceCase.title)”（\(serviceCase.number)）办理结果已送达，欢迎对本次服务进行评价。", link: CaseURL.mine(caseID))
            return serviceCase
        }
    }

    // MARK: The applicant

    /// `alsoForward` runs in the same transaction: a case decided in another city tells that city (跨域通办).
    func withdraw(_ caseID: UUID, reason: String?, by applicant: Principal,
                  alsoForward: (@Sendable (any Database, Case) async throws -> Void)? = nil) async throws -> Case {
        try await locked(caseID) { db, serviceCase in
            guard serviceCase.$applicant.id == applicant.userID else { throw AppError.notFound("办件", code: "case.not_found") }
            try Self.transition(serviceCase, .withdraw)
            serviceCase.outcomeReason = reason?.trimmed.nilIfEmpty.map { "申请人撤回：\($0)" } ?? "申请人撤回"
            serviceCase.concludedAt = self.now
            try await serviceCase.save(on: db)
            try await self.cancelOpenTasks(db, caseID)
            try await self.record(db, serviceCase, actor: applicant.realName, kind: "withdrawn", serviceCase.outcomeReason ?? "撤回申请")
            try await alsoForward?(db, serviceCase)
            return serviceCase
        }
    }

    func cancelOpenTasks(_ db: any Database, _ caseID: UUID) async throws {
        for task in try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == caseID).all() {
            guard let state = TaskState(rawValue: task.state), !state.isTerminal else { continue }
            try Self.transition(task, .cancel)
            try await task.save(on: db)
        }
    }

    func record(_ db: any Database, _ serviceCase: Case, actor: String, kind: String, _ message: String) async throws {
        try await PlainRows.insert([CaseRows.Event(caseId: try serviceCase.requireID(), at: now, actorName: actor, kind: kind, message: message)],
                                  into: CaseEvent.schema, on: db)
    }
}

extension CalendarDay {
    var chinese: String { "\(year)年\(month)月\(day)日" }
}
