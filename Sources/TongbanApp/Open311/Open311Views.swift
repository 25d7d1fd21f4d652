import Foundation
import TongbanCore

/// The response bodies, field for field and in the order of the spec's examples. Contact details of the
/// person who filed are never part of them; phone and ID numbers typed into free text are masked.
enum Open311Views {
    static func services() -> Open311Document {
        Open311Document(root: "services", body: .list(item: "service", Open311Services.all.map { category in
            .fields([
                "service_code": .text(category.code),
                "service_name": .text(category.name),
                "description": .text(category.description),
                "metadata": .bool(category.metadata),
                "type": .text(category.type),
                "keywords": .text(category.keywords.joined(separator: ", ")),
                "group": .text(category.group),
            ])
        }))
    }

    static func definition(_ category: Open311Category) -> Open311Document {
        let attributes: [Open311Node] = category.attributes.enumerated().map { index, attribute in
            .fields([
                "variable": .bool(true),
                "code": .text(attribute.code),
                "datatype": .text(attribute.datatype.rawValue),
                "required": .bool(attribute.required),
                "datatype_description": .text(attribute.datatypeDescription),
                "order": .integer(index + 1),
                "description": .text(attribute.description),
                "values": .list(item: "value", attribute.values.map { .fields(["key": .text($0.key), "name": .text($0.name)]) }),
            ])
        }
        return Open311Document(root: "service_definition", body: .fields([
            "service_code": .text(category.code),
            "attributes": .list(item: "attribute", attributes),
        ]))
    }

    /// The answer to POST requests: the number for a realtime service, a token for a batch one (never both).
    static func created(_ ticket: Ticket, _ submission: Open311Submission, category: Open311Category, accountID: String?,
                        tickets: TicketService) -> Open311Document {
        let id: (String, Open311Node) = category.type == "batch"
            ? ("token", .text(submission.token)) : ("service_request_id", .text(ticket.number))
        return Open311Document(root: "service_requests", body: .list(item: "request", [.object([
            .init(name: id.0, value: id.1),
            .init(name: "service_notice", value: .text(notice(ticket, decisive: ticket, tickets: tickets))),
            .init(name: "account_id", value: .text(accountID)),
        ])]))
    }

    static func token(_ submission: Open311Submission) -> Open311Document {
        Open311Document(root: "service_requests", body: .list(item: "request", [
            .fields(["service_request_id": .text(submission.ticketNumber), "token": .text(submission.token)]),
        ]))
    }

    static func requests(_ reports: [Open311Report], tickets: TicketService) -> Open311Document {
        Open311Document(root: "service_requests", body: .list(item: "request", reports.map { report in
            let ticket = report.ticket, decisive = report.decisive
            let code = report.submission.serviceCode
            return .fields([
                "service_request_id": .text(ticket.number),
                "status": .text(report.isOpen ? "open" : "closed"),
                "status_notes": .text(decisive.reply.map(scrub)),
                "service_name": .text(Open311Services.find(code)?.name ?? code),
                "service_code": .text(code),
                "description": .text(scrub(ticket.body)),
                "agency_responsible": .text(departmentName(decisive.departmentID ?? ticket.departmentID, tickets)),
                "service_notice": .text(notice(ticket, decisive: decisive, tickets: tickets)),
                "requested_datetime": .text(Open311Time.format(ticket.createdAt)),
                "updated_datetime": .text(Open311Time.format(max(ticket.updatedAt, decisive.updatedAt))),
                "expected_datetime": .text((ticket.deadlineAt ?? decisive.deadlineAt).map(Open311Time.format)),
                "address": .text(ticket.address),
                "address_id": .text(report.submission.addressID),
                "zipcode": .text(nil),
                "lat": .number(ticket.latitude),
                "long": .number(ticket.longitude),
                "media_url": .text(nil),
            ])
        }))
    }

    static func discovery(endpoint: String) -> Open311Document {
        Open311Document(root: "discovery", body: .fields([
            "changeset": .text(Open311Services.changeset),
            "contact": .text("六安市12345政务服务便民热线：电话 12345；接口技术支持：六安市数据资源管理局"),
            "key_service": .text("提交诉求需要 API 密钥，请向六安市数据资源管理局申请，说明应用名称和用途"),
            "endpoints": .list(item: "endpoint", [.fields([
                "specification": .text(Open311.specification),
                "url": .text(endpoint),
                "changeset": .text(Open311Services.changeset),
                "type": .text("production"),
                "formats": .list(item: "format", [Open311Format.xml, .json].map { .text($0.mediaType) }),
            ])]),
        ]))
    }

    /// What happens next, in the caller's terms.
    static func notice(_ ticket: Ticket, decisive: Ticket, tickets: TicketService) -> String {
        let merged = ticket.ticketState == .merged ? "已与反映同一事项的诉求合并办理；" : ""
        switch decisive.ticketState {
        case .pending:
            return merged + "已受理，正在分派承办部门"
        case .dispatched, .handling:
            let department = departmentName(decisive.departmentID, tickets) ?? "承办部门"
            return merged + "由\(department)办理，承诺\(TimeText.deadline(decisive.deadlineAt))答复"
        case .replied:
            return merged + "承办部门已答复"
        case .closed, .merged:
            return merged + "已办结"
        }
    }

    private static func departmentName(_ id: UUID?, _ tickets: TicketService) -> String? {
        tickets.departmentCode(id).flatMap { tickets.catalog.department($0)?.name }
    }

    private static let personalNumbers = [
        (try! NSRegularExpression(pattern: "(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])"), Masking.residentID),
        (try! NSRegularExpression(pattern: "(?<![0-9])1[3-9][0-9]{9}(?![0-9])"), Masking.phone),
    ]

    /// Free text may carry a phone or ID number the reporter typed in; the list is public, so those are masked.
    static func scrub(_ text: String) -> String {
        var result = text
        for (pattern, mask) in personalNumbers {
            let source = result as NSString
            var pieces: [String] = []
            var last = 0
            for match in pattern.matches(in: result, range: NSRange(location: 0, length: source.length)) {
                pieces.append(source.substring(with: NSRange(location: last, length: match.range.location - last)))
                pieces.append(mask(source.substring(with: match.range)))
                last = match.range.location + match.range.length
            }
            pieces.append(source.substring(from: last))
            result = pieces.joined()
        }
        return result
    }
}
