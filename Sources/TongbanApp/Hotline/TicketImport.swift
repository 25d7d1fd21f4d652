import Fluent
import Foundation
import TongbanCore
import Vapor

/// `tongban import tickets FILE.csv` brings the old system's history in (concluded tickets, which also teach the
/// dispatcher); `tongban import calls FILE.csv` brings the telephone system's call records for 接通率.
/// The whole file is checked first: one bad row names its line and nothing is imported.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "tickets or calls") var what: String
        @Argument(name: "file", help: "UTF-8 CSV with a header") var file: String
    }

    var help: String {
        "Imports history: tickets (title,body,department[,number,type,channel,district,address,created_at,replied_at,reply,satisfaction]) or calls (started_at,answered,wait_seconds,talk_seconds)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file), let text = String(data: data, encoding: .utf8) else {
            throw AppError.invalid("command.file_not_found", "找不到文件或不是 UTF-8 编码：\(signature.file)")
        }
        let service = context.application.tickets
        switch signature.what {
        case "tickets":
            let count = try await TicketImport.tickets(text, into: service)
            context.console.print("已导入 \(count) 张历史工单，并加入智能派单的训练样本")
        case "calls":
            let count = try await TicketImport.calls(text, into: service)
            context.console.print("已导入 \(count) 条来电记录")
        default:
            throw AppError.invalid("command.usage", "用法：tongban import tickets|calls FILE.csv")
        }
    }
}

enum TicketImport {
    struct Problems: Error, CustomStringConvertible {
        var lines: [String]
        var description: String { "文件有 \(lines.count) 处错误，未导入任何数据：\n" + lines.prefix(50).joined(separator: "\n") }
    }

    static func table(_ text: String, required: [String]) throws -> CSVTable {
        do { return try CSVTable(text, required: required) } catch { throw AppError.invalid("import.bad_csv", CSVProblem.describe(error)) }
    }

    static func tickets(_ text: String, into service: TicketService) async throws -> Int {
        let table = try table(text, required: ["title", "body", "department"])
        var tickets: [Ticket] = [], examples: [DispatchHistory.Row] = [], problems: [String] = []
        // Only the numbers this file brings are looked up: a city's history runs to hundreds of thousands.
        var numbers: Set<String> = []
        for batch in table.rows.compactMap({ $0["number"] }).chunked(500) {
            numbers.formUnion(try await Ticket.query(on: service.db).filter(\.$number ~~ Array(batch)).all(\.$number))
        }
        for row in table.rows {
            do {
                let ticket = try self.ticket(row, service: service)
                guard numbers.insert(ticket.number).inserted else { throw AppError.invalid("import.duplicate", "工单号 \(ticket.number) 已存在") }
                tickets.append(ticket)
                examples.append(.init(text: ticket.text, departmentCode: row["department"]!, source: "import", ticketId: ticket.id, createdAt: service.now))
            } catch let error as AppError {
                problems.append("第 \(row.line) 行：\(error.message)")
            }
        }
        guard problems.isEmpty else { throw Problems(lines: problems) }
        try await serializedTransaction(service.db, gate: service.gate) { [tickets, examples] db in
            for ticket in tickets { try await ticket.create(on: db) }
            for batch in examples.chunked(500) { try await PlainRows.insert(Array(batch), into: DispatchExample.schema, on: db) }
        }
        return tickets.count
    }

    static func ticket(_ row: CSVTable.Row, service: TicketService) throws -> Ticket {
        guard let title = row["title"], let body = row["body"], title.count <= TicketService.maxTitle, body.count <= TicketService.maxBody else {
            throw AppError.invalid("import.text", "标题和内容不能为空，标题不超过\(TicketService.maxTitle)字，内容不超过\(TicketService.maxBody)字")
        }
        let code = row["department"]!
        guard let department = service.catalog.departmentIDs[code] ?? service.catalog.departments.first(where: { $0.name == code }).flatMap({ service.catalog.departmentIDs[$0.code] }) else {
            throw AppError.invalid("import.department", "没有这个部门：\(code)")
        }
        guard let type = TicketType(title: row["type"] ?? "complaint") else { throw AppError.invalid("import.type", "诉求类型有误：\(row["type"] ?? "")") }
        let created = try row["created_at"].map { try date($0, column: "created_at") } ?? service.now
        let replied = try row["replied_at"].map { try date($0, column: "replied_at") } ?? created
        guard replied >= created else { throw AppError.invalid("import.dates", "答复时间早于受理时间") }
        let district = try row["district"].map { given in
            guard let found = service.catalog.districts.first(where: { $0.code == given || $0.name == given }) else {
                throw AppError.invalid("import.district", "没有这个区县：\(given)")
            }
            return found.code
        }
        if let satisfaction = row["satisfaction"], !["满意", "基本满意", "不满意"].contains(satisfaction) {
            throw AppError.invalid("import.satisfaction", "满意度应为 满意、基本满意 或 不满意")
        }
        let ticket = Ticket()
        ticket.id = UUID()
        ticket.number = row["number"] ?? TicketService.newNumber(now: created)
        ticket.accessCode = TicketService.newAccessCode()
        ticket.type = type.rawValue
        ticket.channel = row["channel"].flatMap(TicketChannel.init(rawValue:))?.rawValue ?? TicketChannel.imported.rawValue
        ticket.state = TicketState.closed.rawValue
        (ticket.title, ticket.body, ticket.districtCode, ticket.address) = (title, body, district, row["address"])
        (ticket.anonymous, ticket.departmentID, ticket.suggestionsJSON, ticket.dispatchMode) = (false, department, "[]", "import")
        ticket.limitDays = service.settings.limits.limit(type)
        (ticket.dispatchedAt, ticket.signedAt, ticket.closedAt, ticket.satisfaction) = (created, created, replied, row["satisfaction"])
        (ticket.atRiskNotified, ticket.escalated, ticket.firstContact) = (true, true, false)
        (ticket.returnCount, ticket.reopenCount, ticket.extensionDays) = (0, 0, 0)
        (ticket.createdAt, ticket.updatedAt) = (created, service.now)
        TicketService.markReplied(ticket, row["reply"], at: replied, calendar: service.calendar)
        return ticket
    }

    static func calls(_ text: String, into service: TicketService) async throws -> Int {
        let table = try table(text, required: ["started_at", "answered"])
        var rows: [CallRow] = [], problems: [String] = []
        for row in table.rows {
            do {
                let started = try date(row["started_at"] ?? "", column: "started_at")
                guard let answered = row["answered"].flatMap(flag) else { throw AppError.invalid("import.answered", "answered 应为 1/0、true/false 或 是/否") }
                let wait = Int(row["wait_seconds"] ?? "0"), talk = Int(row["talk_seconds"] ?? "0")
                guard let wait, let talk, wait >= 0, talk >= 0 else { throw AppError.invalid("import.seconds", "等待和通话秒数应为非负整数") }
                rows.append(CallRow(startedAt: started, answered: answered, waitSeconds: wait, talkSeconds: talk))
            } catch let error as AppError {
                problems.append("第 \(row.line) 行：\(error.message)")
            }
        }
        guard problems.isEmpty else { throw Problems(lines: problems) }
        try await serializedTransaction(service.db, gate: service.gate) { [rows] db in
            for batch in rows.chunked(500) { try await PlainRows.insert(Array(batch), into: CallRecord.schema, on: db) }
        }
        return rows.count
    }

    struct CallRow: Encodable {
        var id = UUID()
        var startedAt: Date
        var answered: Bool
        var waitSeconds: Int
        var talkSeconds: Int
    }

    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "是", "接通": true
        case "0", "false", "no", "否", "未接通", "放弃": false
        default: nil
        }
    }

    /// ISO 8601 with a zone, or "2026-03-01 08:30[:00]" read as Beijing time, as the old systems export it.
    static func date(_ text: String, column: String) throws -> Date {
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw AppError.invalid("import.date", "\(column) 时间格式有误：\(text)（应为 2026-03-01 08:30:00）")
    }
}
