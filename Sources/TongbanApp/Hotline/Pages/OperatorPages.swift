import Foundation
import TongbanCore
import Vapor

/// 来电登记: the operator's one-screen form while talking. One form, several buttons: 查来电历史 and 搜索
/// come back to the same form with everything typed kept (plus the caller's history, catalogue answers and
/// the dispatch suggestions); only 登记工单 files. A small script adds live suggestions; nothing needs it.
struct OperatorPages {
    struct CallForm: Content {
        var contactPhone: String?
        var contactName: String?
        var type: String?
        var title: String?
        var body: String?
        var district: String?
        var address: String?
        var anonymous: String?
        var answer: String?
        var q: String?
        /// Which button: "history", "search" or "file".
        var action: String?
        /// A catalogue item to quote in the answer.
        var cite: String?

        var input: TicketInput {
            TicketInput(type: type ?? "", title: title ?? "", body: body ?? "", district: district, address: address,
                        latitude: nil, longitude: nil, contactName: contactName, contactPhone: contactPhone, anonymous: anonymous != nil,
                        channel: TicketChannel.phone.rawValue, mailboxDepartment: nil, answer: answer)
        }
    }

    /// What a round trip found, shown next to the form.
    struct Findings {
        var history: [TicketSummary]?
        var results: [CatalogSearchResult] = []
        var suggestions: [DispatchSuggestion] = []
        var district: String?
        /// Set when 查来电历史 was pressed without a usable number.
        var phoneError: String?
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        let person = try request.require(anyOf: [.hotlineOperator])
        var filed: HTML = .empty
        if let number = request.query[String.self, at: "filed"] {
            let service = request.tickets
            let (ticket, audience) = try await service.visibleTicket(number, to: person)
            filed = Self.filed(try await service.view(ticket, for: audience), snapshot: request.catalog.snapshot)
        }
        return Self.render(request, form: CallForm(), findings: Findings(), errors: [:], message: nil, before: filed)
    }

    @Sendable func submit(_ request: Request) async throws -> Response {
        let person = try request.require(anyOf: [.hotlineOperator])
        var form = try request.content.decode(CallForm.self)
        let service = request.tickets
        if form.action == "file" {
            do {
                let ticket = try await service.file(form.input, by: .hotlineOperator(person))
                return request.redirect(to: HotlineURL.call + "?filed=\(ticket.number)", redirectType: .normal)
            } catch let error as AppError where error.status == .unprocessableEntity {
                let findings = try await Self.findings(request, form: form, person: person, phoneRequired: false)
                return Self.render(request, form: form, findings: findings, errors: error.details, message: error.message, status: error.status)
            }
        }
        if let code = form.cite, let item = request.catalog.snapshot.items[code] {
            form.answer = [form.answer?.trimmed.nilIfEmpty, Self.answer(quoting: item)].compactMap { $0 }.joined(separator: "\n")
            if (form.type ?? "").isEmpty { form.type = TicketType.consult.rawValue }
        }
        let findings = try await Self.findings(request, form: form, person: person, phoneRequired: form.action == "history")
        return Self.render(request, form: form, findings: findings, errors: findings.phoneError.map { ["contactPhone": $0] } ?? [:], message: nil)
    }

    /// The caller's history (once a number is typed), catalogue results for the query, and where the text would go.
    static func findings(_ request: Request, form: CallForm, person: Principal, phoneRequired: Bool) async throws -> Findings {
        var findings = Findings()
        let service = request.tickets
        let phone = (form.contactPhone ?? "").trimmed
        if !phone.isEmpty || phoneRequired {
            do {
                findings.history = try await service.callerHistory(phone: phone, by: person)
            } catch let error as AppError where error.status == .unprocessableEntity {
                if phoneRequired { findings.phoneError = "请先输入来电号码（至少7位数字）" }
            }
        }
        let query = String((form.q ?? "").trimmed.prefix(200))
        if !query.isEmpty { findings.results = Array(request.catalog.search(query, limit: 5)) }
        let title = (form.title ?? "").trimmed, body = (form.body ?? "").trimmed
        if !(title + body).isEmpty {
            (findings.suggestions, findings.district) = try await service.suggest(title: title, body: body)
        }
        return findings
    }

    static func answer(quoting item: ServiceItemRecord) -> String {
        let summary = item.guide.summary.count > 120 ? String(item.guide.summary.prefix(120)) + "…" : item.guide.summary
        let phone = item.guide.consultPhone.map { "，咨询电话 \($0)" } ?? ""
        return "“\(item.name)”由\(item.departmentName)办理，\(LimitText.promised(item.promisedLimitDays))。\(summary) 办事指南可在“六安通办”网站搜索“\(item.name)”查看\(phone)。"
    }
}
