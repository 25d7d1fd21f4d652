import Fluent
import Foundation
import TongbanCore
import Vapor

/// What the dispatcher, the departments and the supervisors do with a ticket after intake.
extension TicketService {
    // MARK: Dispatcher

    /// 人工派单: the dispatcher's choice; when it differs from the classifier's, the classifier learns it.
    func dispatch(_ number: String, to departmentCode: String, by person: Principal) async throws -> Ticket {
        try requireDispatcher(person)
        let target = try department(departmentCode)
        let ticket = try await locked(number) { db, ticket in
            try Self.transition(ticket, .dispatch)
            try self.dispatch(ticket, to: target.id, mode: "manual")
            try await ticket.save(on: db)
            try await self.learn(db, ticket, departmentCode: departmentCode)
            try await self.record(db, try ticket.requireID(), actor: "派单员 \(person.realName)", kind: "dispatched", department: departmentCode, "派单至\(target.record.name)")
            return ticket
        }
        return ticket
    }

    /// 改派: a supervisor or dispatcher moves a ticket that is with the wrong department.
    func reassign(_ number: String, to departmentCode: String, reason: String?, by person: Principal) async throws -> Ticket {
        guard person.has(.supervisor) || person.has(.dispatcher) else { throw AppError.forbidden }
        let target = try department(departmentCode)
        return try await locked(number) { db, ticket in
            try Self.requireOnHotline(ticket)
            guard ticket.departmentID != target.id else {
                throw AppError(.conflict, "ticket.same_department", "工单已在\(target.record.name)办理")
            }
            try Self.transition(ticket, .reassign)
            try self.dispatch(ticket, to: target.id, mode: "manual")
            try await ticket.save(on: db)
            try await self.learn(db, ticket, departmentCode: departmentCode)
            let why = reason?.trimmed.nilIfEmpty.map { "，原因：\($0)" } ?? ""
            try await self.record(db, try ticket.requireID(), actor: person.realName, kind: "reassigned", department: departmentCode, "改派至\(target.record.name)\(why)")
            return ticket
        }
    }

    /// A correction becomes a training example, and this instance retrains now (others on their next refresh).
    func learn(_ db: any Database, _ ticket: Ticket, departmentCode: String) async throws {
        guard suggestions(ticket).first?.department != departmentCode || ticket.returnCount > 0 else { return }
        let example = DispatchExample()
        (example.text, example.departmentCode, example.source, example.ticketID, example.createdAt) =
            (ticket.text, departmentCode, "correction", ticket.id, now)
        try await example.create(on: db)
    }

    /// Called after the transaction that stored a correction has committed.
    func retrain() async {
        _ = try? await model.refresh(db)
    }

    // MARK: The department

    /// 签收: the department takes the ticket on.
    func sign(_ number: String, by person: Principal) async throws -> Ticket {
        try await locked(number) { db, ticket in
            try self.requireHandler(person, of: ticket)
            try Self.transition(ticket, .sign)
            ticket.signedAt = self.now
            try await ticket.save(on: db)
            try await self.record(db, try ticket.requireID(), actor: "承办人 \(person.realName)", kind: "signed", "\(self.handlerName(ticket))已签收")
            return ticket
        }
    }

    /// 退单: not ours. Allowed within the return window after dispatch; the ticket goes back to the dispatcher.
    func giveBack(_ number: String, reason: String?, by person: Principal) async throws -> Ticket {
        let reason = try Self.requireText(reason, field: "reason", what: "退单理由")
        return try await locked(number) { db, ticket in
            try self.requireHandler(person, of: ticket)
            try Self.requireOnHotline(ticket)
            if let dispatched = ticket.dispatchedAt {
                let window: Date
                do throws(WorkdayError) {
                    window = try self.calendar.deadline(addingWorkdays: self.settings.returnWindowDays, to: dispatched)
                } catch { throw AppError(.unprocessableEntity, error.code, error.message) }
                guard self.now < window else {
                    throw AppError(.conflict, "ticket.return_window", "派单后\(self.settings.returnWindowDays)个工作日内才能退单，请办理或申请改派")
                }
            }
            let from = self.departmentName(ticket.departmentID), fromCode = self.departmentCode(ticket.departmentID)
            try Self.transition(ticket, .giveBack)
            ticket.departmentID = nil
            (ticket.dispatchedAt, ticket.signedAt, ticket.deadlineAt, ticket.atRiskAt) = (nil, nil, nil, nil)
            ticket.returnCount += 1
            try await ticket.save(on: db)
            try await self.record(db, try ticket.requireID(), actor: "\(from) \(person.realName)", kind: "returned", public: false, department: fromCode, "退单：\(reason)")
            return ticket
        }
    }

    /// 办结回复: the caller hears the result by SMS and in the app, and so does everyone whose ticket was merged into it.
    func reply(_ number: String, text: String?, by person: Principal) async throws -> Ticket {
        let text = try Self.requireText(text, field: "reply", what: "答复内容", max: 2000)
        return try await locked(number) { db, ticket in
            try self.requireHandler(person, of: ticket)
            try Self.transition(ticket, .reply)
            Self.markReplied(ticket, text, at: self.now, calendar: self.calendar)
            ticket.extensionRequestDays = nil
            ticket.extensionReason = nil
            try await ticket.save(on: db)
            let id = try ticket.requireID()
            try await self.record(db, id, actor: self.handlerName(ticket), kind: "replied", "答复：\(text)")
            try await self.tellCaller(db, ticket, title: ticket.handlingCommunity == nil ? "12345诉求已答复" : "社区报修已答复",
                                      "您反映的“\(ticket.title)”（\(ticket.number)）已办理：\(text) 请对办理结果评价：\(TicketURL.callback(ticket))")
            for child in try await Ticket.query(on: db).filter(\.$parentID == id).all() {
                Self.markReplied(child, text, at: self.now, calendar: self.calendar)
                try await child.save(on: db)
                try await self.record(db, try child.requireID(), actor: "12345", kind: "replied", "与工单 \(ticket.number) 合并办理，答复：\(text)")
                try await self.tellCaller(db, child, title: "12345诉求已答复", "您反映的“\(child.title)”（\(child.number)）已办理：\(text)")
            }
            return ticket
        }
    }

    // MARK: Callback

    /// 回访: 满意 and 基本满意 close the ticket; 不满意 sends it back to the same department with the caller's words.
    func callback(_ number: String, satisfaction: String, comment: String?, actor: String, check: @escaping @Sendable (Ticket) throws -> Void) async throws -> Ticket {
        let levels = ["满意", "基本满意", "不满意"]
        guard levels.contains(satisfaction) else {
            throw AppError.invalid("ticket.invalid_satisfaction", "评价应为：满意、基本满意或不满意", details: ["satisfaction": "请选择"])
        }
        let comment = comment?.trimmed.nilIfEmpty
        if let comment, comment.count > 1000 { throw AppError.invalid("ticket.comment_too_long", "意见不超过1000字", details: ["comment": "不超过1000字"]) }
        return try await locked(number) { db, ticket in
            try check(ticket)
            let id = try ticket.requireID()
            ticket.satisfaction = satisfaction
            let words = comment.map { "：\($0)" } ?? ""
            if satisfaction == "不满意" {
                try Self.transition(ticket, .unsatisfied)
                ticket.reopenCount += 1
                (ticket.reply, ticket.repliedAt, ticket.replyWorkdays) = (nil, nil, nil)
                try self.startClock(ticket)
                try await ticket.save(on: db)
                try await self.record(db, id, actor: actor, kind: "reopened", "回访不满意，重办\(words)")
                try await self.tellDepartment(db, ticket, title: "工单重办", "工单 \(ticket.number)“\(ticket.title)”回访不满意，请重新办理\(words)")
            } else {
                try Self.transition(ticket, .satisfied)
                ticket.closedAt = self.now
                try await ticket.save(on: db)
                try await self.record(db, id, actor: actor, kind: "closed", "回访\(satisfaction)，工单办结\(words)")
            }
            return ticket
        }
    }

    // MARK: Extension, urging, merging

    /// 延期申请: the handler asks; a supervisor decides.
    func requestExtension(_ number: String, days: Int, reason: String?, by person: Principal) async throws -> Ticket {
        guard (1...30).contains(days) else {
            throw AppError.invalid("ticket.invalid_extension", "延期天数应为1–30个工作日", details: ["days": "1–30"])
        }
        let reason = try Self.requireText(reason, field: "reason", what: "延期理由")
        return try await locked(number) { db, ticket in
            try self.requireHandler(person, of: ticket)
            try Self.requireOnHotline(ticket)
            guard ticket.ticketState.isWithDepartment else { throw AppError(.conflict, "ticket.not_with_department", "工单不在办理中，不能申请延期") }
            guard ticket.extensionRequestDays == nil else { throw AppError(.conflict, "ticket.extension_pending", "已有延期申请待审核") }
            (ticket.extensionRequestDays, ticket.extensionReason) = (days, reason)
            try await ticket.save(on: db)
            try await self.record(db, try ticket.requireID(), actor: "承办人 \(person.realName)", kind: "extension_requested", public: false,
                                  "申请延期 \(days) 个工作日：\(reason)")
            try await self.tellSupervisors(db, title: "延期申请", "工单 \(ticket.number)“\(ticket.title)”申请延期 \(days) 个工作日：\(reason)", ticket: ticket)
            return ticket
        }
    }

    func decideExtension(_ number: String, approve: Bool, note: String?, by person: Principal) async throws -> Ticket {
        try requireSupervisor(person)
        return try await locked(number) { db, ticket in
            guard let days = ticket.extensionRequestDays else { throw AppError(.conflict, "ticket.no_extension", "没有待审核的延期申请") }
            let id = try ticket.requireID()
            let note = note?.trimmed.nilIfEmpty.map { "：\($0)" } ?? ""
            (ticket.extensionRequestDays, ticket.extensionReason) = (nil, nil)
            if approve {
                ticket.extensionDays += days
                try self.setDeadline(ticket, clock: self.clock(ticket, start: ticket.dispatchedAt ?? self.now))
            }
            try await ticket.save(on: db)
            let verdict = approve ? "同意延期 \(days) 个工作日，新的办结时限为\(TimeText.deadline(ticket.deadlineAt))" : "不同意延期"
            try await self.record(db, id, actor: "督办员 \(person.realName)", kind: approve ? "extended" : "extension_refused", public: approve, verdict + note)
            try await self.tellDepartment(db, ticket, title: approve ? "延期已同意" : "延期未同意", "工单 \(ticket.number)：\(verdict)\(note)")
            return ticket
        }
    }

    /// 督办: a supervisor urges the department by name; the handlers are told at once.
    func urge(_ number: String, message: String?, by person: Principal) async throws -> Ticket {
        try requireSupervisor(person)
        let message = message?.trimmed.nilIfEmpty ?? "请抓紧办理并按时答复"
        if message.count > 500 { throw AppError.invalid("ticket.message_too_long", "督办意见不超过500字", details: ["message": "不超过500字"]) }
        return try await locked(number) { db, ticket in
            guard ticket.ticketState.isWithDepartment else { throw AppError(.conflict, "ticket.not_with_department", "工单不在部门办理中") }
            try await self.record(db, try ticket.requireID(), actor: "督办员 \(person.realName)", kind: "urged", public: false, "督办：\(message)")
            try await self.tellDepartment(db, ticket, title: "督办", "工单 \(ticket.number)“\(ticket.title)”：\(message)")
            return ticket
        }
    }

    /// 合并: the ticket joins its parent; the parent's reply will reach this caller too.
    func merge(_ number: String, into parentNumber: String, by person: Principal) async throws -> Ticket {
        guard person.has(.dispatcher) || person.has(.supervisor) || person.has(.handler) else { throw AppError.forbidden }
        guard number != parentNumber else { throw AppError.invalid("ticket.merge_self", "不能与自身合并", details: ["parent": "请选择另一张工单"]) }
        guard let parent = try await Ticket.query(on: db).filter(\.$number == parentNumber).first(), parent.ticketState.isOpen, parent.parentID == nil,
              parent.handlingCommunity == nil else {
            throw AppError.invalid("ticket.merge_parent", "要合并到的工单不存在或已办结", details: ["parent": "请检查工单号"])
        }
        return try await locked(number) { db, ticket in
            if person.has(.handler) && !(person.has(.dispatcher) || person.has(.supervisor)) {
                try self.requireHandler(person, of: ticket)
            }
            try Self.requireOnHotline(ticket)
            try Self.transition(ticket, .merge)
            ticket.parentID = parent.id
            (ticket.deadlineAt, ticket.atRiskAt) = (nil, nil)
            ticket.departmentID = parent.departmentID
            try await ticket.save(on: db)
            try await self.record(db, try ticket.requireID(), actor: person.realName, kind: "merged", "与工单 \(parent.number) 反映同一事项，合并办理")
            try await self.record(db, try parent.requireID(), actor: person.realName, kind: "merged_child", public: false, "合并了工单 \(ticket.number)")
            return ticket
        }
    }

    // MARK: Who may act

    func requireDispatcher(_ person: Principal) throws {
        guard person.has(.dispatcher) || person.has(.supervisor) else { throw AppError.forbidden }
    }

    func requireSupervisor(_ person: Principal) throws {
        guard person.has(.supervisor) else { throw AppError.forbidden }
    }

    /// Only the handlers of the department the ticket is with; anyone else is told it does not exist. A community's
    /// work order is handled by that community's staff for its category (物业 for 物业维修), or its 社区工作人员 for any.
    func requireHandler(_ person: Principal, of ticket: Ticket) throws {
        if let community = ticket.handlingCommunity {
            guard RepairAudience(person, community: community).handles(ticket) else {
                if person.communities.contains(community) { throw AppError(.forbidden, "ticket.not_handler", "该社区工单不由您办理") }
                if !person.communities.isEmpty { throw AppError(.forbidden, "ticket.other_community", "该工单不在本社区办理") }
                throw AppError.forbidden
            }
            return
        }
        guard let code = departmentCode(ticket.departmentID), person.has(.handler, inDepartment: code) else {
            if person.has(.handler) { throw AppError(.forbidden, "ticket.other_department", "该工单不在本部门办理") }
            throw AppError.forbidden
        }
    }

    /// 退单, 改派, 延期 and 合并 are the 12345 centre's ways; a work order still with its community leaves it by escalation only.
    static func requireOnHotline(_ ticket: Ticket) throws {
        guard ticket.handlingCommunity == nil else {
            throw AppError(.conflict, "ticket.with_community", "社区工单由社区办理；超出社区职责的，请由社区升级为12345工单")
        }
    }

    static func requireText(_ text: String?, field: String, what: String, max: Int = 500) throws -> String {
        let value = (text ?? "").trimmed
        guard value.count >= 2, value.count <= max else {
            throw AppError.invalid("ticket.\(field)_required", "请填写\(what)（2–\(max)字）", details: [field: "请填写\(what)"])
        }
        return value
    }
}
