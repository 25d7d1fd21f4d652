import Foundation
import TongbanCore

extension CaseSimulator {
    /// One application submitted at `submittedAt`, played forward to `world.now`.
    /// `followUp` is an applicant coming back for the next service of a journey (see `Journeys`).
    func generate<G: RandomNumberGenerator>(number: String, submittedAt: Date, world: SimulationWorld, followUp: (applicant: UUID, item: String)? = nil,
                                            using rng: inout G) -> SimulatedCase {
        let caseID = UUID()
        var events: [[any Encodable & Sendable]] = []
        func event(_ at: Date, _ actor: String, _ kind: String, _ message: String) {
            events.append([UUID(), caseID, at, actor, kind, message])
        }
        let useEvent = followUp == nil && Double.random(in: 0..<1, using: &rng) < 0.08 && !world.lifeEvents.isEmpty
        let lifeEvent = useEvent ? world.lifeEvents.randomElement(using: &rng) : nil
        let chosen = followUp.flatMap { next in world.items.first { $0.code == next.item } } ?? world.items[world.pick(world.itemWeights, using: &rng)]
        let items = lifeEvent.map { $0.items.compactMap { code in world.items.first { $0.code == code } } } ?? [chosen]
        let limit = lifeEvent?.promisedLimitDays ?? items[0].promisedLimitDays
        let counter = Double.random(in: 0..<1, using: &rng) < 0.2
        event(submittedAt, counter ? "窗口（代办）" : "申请人", "submitted", "提交了申请")

        var state = CaseState.submitted
        var acceptedAt: Date?, deadlineAt: Date?, concludedAt: Date?, deliveredAt: Date?, reason: String?
        var tasks: [[any Encodable & Sendable]] = []
        var casePauses: [Pause] = []
        let accepted = world.nextOpening(submittedAt.addingTimeInterval(Double.random(in: 600..<10_800, using: &rng)))
        let roll = Double.random(in: 0..<1, using: &rng)
        if accepted <= world.now, roll < 0.04 {
            state = .refused
            concludedAt = accepted
            reason = ["材料不齐全，请补齐后重新申请", "不属于本事项受理范围", "申请人信息与证件不符"].randomElement(using: &rng)!
            event(accepted, "综合窗口", "refused", "不予受理：\(reason!)")
        } else if accepted <= world.now {
            state = .inReview
            acceptedAt = accepted
            event(accepted, "综合窗口", "accepted", "已受理，分送 \(items.count) 个事项审批")
            let rejectAt = roll < 0.07 ? Int.random(in: 0..<items.count, using: &rng) : nil
            let withdrawAfter: Date? = roll > 0.985 ? world.after(accepted, workdays: 1) : nil
            var decided: [String: Date] = [:]
            var ended = false
            for (index, item) in items.enumerated() {
                let taskID = UUID()
                let deps = (lifeEvent?.dependencies[item.code] ?? []).filter { code in items.contains { $0.code == code } }
                let opened = deps.compactMap { decided[$0] }.max() ?? accepted
                let waiting = deps.contains { decided[$0] == nil } || opened > world.now || ended
                var taskState = TaskState.waiting
                var openedAt: Date?, taskDeadline: Date?, atRisk: Date?, decidedAt: Date?, note: String?, request: String?
                var pauses: [Pause] = []
                if !waiting {
                    openedAt = opened
                    let workdays = max(Double(item.promisedLimitDays), 0.4) * DemandModel.processingShare(using: &rng)
                    var decision = world.after(opened, workdays: workdays)
                    if Double.random(in: 0..<1, using: &rng) < 0.06 {
                        let start = opened.addingTimeInterval(decision.timeIntervalSince(opened) * 0.3)
                        let end = start.addingTimeInterval(Double.random(in: 1..<6, using: &rng) * 86_400)
                        pauses = [Pause(start: start, end: end <= world.now ? end : nil)]
                        decision = decision.addingTimeInterval(end.timeIntervalSince(start))
                        // What a reviewer asks for again is one of the item's own materials, as in life.
                        request = item.guide.materials.filter(\.required).randomElement(using: &rng)?.name ?? "补充材料（清晰扫描件）"
                        if start <= world.now { event(start, item.departmentName, "supplement_requested", "“\(item.name)”需要补正，暂停计时") }
                        if end <= world.now { event(end, "申请人", "supplemented", "提交了补正材料，恢复计时") }
                    }
                    let clock = DeadlineClock(start: opened, limitWorkdays: item.promisedLimitDays, pauses: pauses, calendar: world.calendar)
                    taskDeadline = try? clock.deadline(now: world.now)
                    atRisk = try? clock.atRiskFrom(now: world.now)
                    if let withdrawAfter, withdrawAfter < decision, withdrawAfter <= world.now {
                        taskState = .cancelled
                    } else if pauses.first?.end == nil, !pauses.isEmpty {
                        taskState = .awaitingSupplement
                    } else if decision <= world.now {
                        decidedAt = decision
                        if rejectAt == index {
                            taskState = .rejected
                            note = "经审核，不符合办理条件"
                            event(decision, item.departmentName, "task_rejected", "“\(item.name)”未通过：\(note!)")
                            state = .notApproved
                            concludedAt = decision
                            reason = "“\(item.name)”未通过：\(note!)"
                            ended = true
                        } else {
                            taskState = .approved
                            decided[item.code] = decision
                            event(decision, item.departmentName, "task_approved", "“\(item.name)”审核通过")
                        }
                    } else {
                        taskState = .open
                    }
                }
                if ended, taskState == .waiting { taskState = .cancelled }
                if taskState == .awaitingSupplement, state == .inReview { state = .awaitingSupplement; casePauses = pauses }
                let notified = (atRisk ?? .distantFuture) <= world.now
                tasks.append([taskID, caseID, item.code, item.name, world.departmentIDs[item.departmentCode] ?? UUID(), taskState.rawValue,
                              ServiceItem.delimited(deps), item.promisedLimitDays, openedAt, taskDeadline, atRisk, notified, decidedAt,
                              Optional<UUID>.none, note, request, world.service.encode(pauses)])
            }
            if let withdrawAfter, withdrawAfter <= world.now, state == .inReview || state == .awaitingSupplement,
               tasks.contains(where: { ($0[5] as? String) == TaskState.cancelled.rawValue }) {
                state = .withdrawn
                concludedAt = withdrawAfter
                reason = "申请人撤回"
                event(withdrawAfter, "申请人", "withdrawn", "撤回了申请")
            }
            deadlineAt = try? DeadlineClock(start: accepted, limitWorkdays: limit, pauses: casePauses, calendar: world.calendar).deadline(now: world.now)
            if state == .inReview, decided.count == items.count, let last = decided.values.max() {
                state = .approved
                concludedAt = last
                event(last, "系统", "concluded", "全部事项审核通过，已办结")
                let handOver = world.after(last, workdays: 1)
                if handOver <= world.now {
                    state = .delivered
                    deliveredAt = handOver
                    event(handOver, "综合窗口", "delivered", "已出件")
                }
            }
        }
        let applicant = followUp?.applicant ?? world.applicants.randomElement(using: &rng)!
        let row: [any Encodable & Sendable] = [
            caseID, number, applicant, Optional<UUID>.none, Optional<UUID>.none,
            lifeEvent == nil ? items[0].code : nil, lifeEvent?.code, lifeEvent?.name ?? items[0].name, state.rawValue,
            counter ? "counter" : "online", "{}", limit, submittedAt, acceptedAt, deadlineAt, concludedAt, deliveredAt, reason,
            world.service.encode(casePauses), world.district(using: &rng), world.now, Optional<String>.none,
        ]
        return SimulatedCase(row: row, tasks: tasks, events: events, applicant: applicant, itemCode: lifeEvent == nil ? items[0].code : nil)
    }
}
