import Foundation
import TongbanCore
import Vapor

/// One ticket as staff see it (as much as their audience allows) with the actions their post allows. A
/// ticket a person may not see is "not found"; a refused action (wrong state, missing reason) comes back
/// to the page with the message next to the form and what was typed kept.
struct StaffTicketPages {
    enum Action: String, CaseIterable {
        case dispatch, reassign, sign, giveBack = "return", reply, extensionRequest = "extension"
        case extensionDecision = "extension-decision", urge, merge, callback
    }

    struct ActionForm: Content {
        var department: String?
        var reason: String?
        var reply: String?
        var days: String?
        var approve: String?
        var note: String?
        var message: String?
        var parent: String?
        var satisfaction: String?
        var comment: String?
        /// Where to go after success (the dispatch queue's buttons come back to it).
        var back: String?

        var values: [String: String] {
            var values: [String: String] = [:]
            for (key, value) in [("department", department), ("reason", reason), ("reply", reply), ("days", days), ("approve", approve),
                                 ("note", note), ("message", message), ("parent", parent), ("satisfaction", satisfaction), ("comment", comment)] {
                if let value { values[key] = value }
            }
            return values
        }
    }

    /// A refused action, shown on its own form.
    struct Attempt {
        var action: Action
        var values: [String: String]
        var errors: [String: String]
        var message: String
    }

    static func number(_ request: Request) -> String { request.parameters.get("number") ?? "" }

    @Sendable func show(_ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let service = request.tickets
        let (ticket, audience) = try await service.visibleTicket(Self.number(request), to: person)
        return Self.render(request, try await service.view(ticket, for: audience), person: person, attempt: nil)
    }

    @Sendable func perform(_ action: Action, _ request: Request) async throws -> Response {
        let person = try request.requireStaff()
        let number = Self.number(request)
        let service = request.tickets
        // A ticket this person may not see does not exist for them, whatever they try to do with it.
        _ = try await service.visibleTicket(number, to: person)
        let form = try request.content.decode(ActionForm.self)
        do {
            try await Self.run(action, number, form: form, service: service, person: person)
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableEntity {
            let (ticket, audience) = try await service.visibleTicket(number, to: person)
            let attempt = Attempt(action: action, values: form.values, errors: error.details, message: error.message)
            return Self.render(request, try await service.view(ticket, for: audience), person: person, attempt: attempt, status: error.status)
        }
        if action == .dispatch || action == .reassign { Task { await service.retrain() } }
        if let back = HotlineURL.safeBack(form.back) { return request.redirect(to: back, redirectType: .normal) }
        // After 退单 the department no longer sees the ticket: back to its queue.
        guard (try? await service.visibleTicket(number, to: person)) != nil else {
            return request.redirect(to: person.has(.handler) ? HotlineURL.department : SiteURL.workbench, redirectType: .normal)
        }
        return request.redirect(to: HotlineURL.staff(number), redirectType: .normal)
    }

    static func run(_ action: Action, _ number: String, form: ActionForm, service: TicketService, person: Principal) async throws {
        switch action {
        case .dispatch:
            _ = try await service.dispatch(number, to: try chosen(form.department), by: person)
        case .reassign:
            _ = try await service.reassign(number, to: try chosen(form.department), reason: form.reason, by: person)
        case .sign:
            _ = try await service.sign(number, by: person)
        case .giveBack:
            _ = try await service.giveBack(number, reason: form.reason, by: person)
        case .reply:
            _ = try await service.reply(number, text: form.reply, by: person)
        case .extensionRequest:
            guard let days = Int((form.days ?? "").trimmed) else {
                throw AppError.invalid("ticket.invalid_extension", "延期天数应为1–30个工作日", details: ["days": "请填写1–30的整数"])
            }
            _ = try await service.requestExtension(number, days: days, reason: form.reason, by: person)
        case .extensionDecision:
            guard let approve = form.approve, ["1", "0"].contains(approve) else {
                throw AppError.invalid("ticket.invalid_decision", "请选择同意或不同意", details: ["approve": "请选择同意或不同意"])
            }
            _ = try await service.decideExtension(number, approve: approve == "1", note: form.note, by: person)
        case .urge:
            _ = try await service.urge(number, message: form.message, by: person)
        case .merge:
            let parent = (form.parent ?? "").trimmed
            guard !parent.isEmpty else { throw AppError.invalid("ticket.merge_parent", "请填写要合并到的工单号", details: ["parent": "请填写工单号"]) }
            _ = try await service.merge(number, into: parent, by: person)
        case .callback:
            guard person.has(.hotlineOperator) else { throw AppError.forbidden }
            _ = try await service.callback(number, satisfaction: form.satisfaction ?? "", comment: form.comment,
                                           actor: "回访员 \(person.realName)") { _ in }
        }
    }

    static func chosen(_ department: String?) throws -> String {
        guard let code = department?.trimmed.nilIfEmpty else {
            throw AppError.invalid("ticket.department_required", "请选择承办部门", details: ["department": "请选择承办部门"])
        }
        return code
    }
}
