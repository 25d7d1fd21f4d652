import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// The hotline's indicators over a period, as the national 12345 assessment defines them; computed from the
/// tickets themselves (and imported call records for 接通率), never typed in.
struct HotlineKPIs: Content {
    struct DepartmentLine: Content {
        var department: String
        var departmentName: String
        var dispatched: Int
        var returned: Int
        /// Returns over tickets dispatched to the department (退单率).
        var returnRate: Double?
        var replied: Int
        var onTimeRate: Double?
        var satisfactionRate: Double?
    }

    var from: Date
    var to: Date
    /// Tickets filed in the period.
    var filed: Int
    /// Of those, concluded (answered or closed) so far: 办结率.
    var concluded: Int
    var completionRate: Double?
    /// Replies given by the deadline, over replies given in the period: 按时办结率.
    var onTimeRate: Double?
    /// (满意 + 基本满意) over callbacks with an answer: 满意率.
    var satisfactionRate: Double?
    var callbacks: Int
    /// Mean working days from filing to reply.
    var averageWorkdays: Double?
    /// Closed while the caller was on the line, over tickets filed: 一次办结率.
    var firstContactRate: Double?
    /// Tickets flagged as a repeat of the same caller's earlier complaint: 重复诉求率.
    var repeatRate: Double?
    /// Answered calls over all inbound calls in the imported call records: 接通率; nil without records.
    var connectionRate: Double?
    var calls: Int
    var byDepartment: [DepartmentLine]
    var byChannel: [String: Int]
    var byType: [String: Int]
}

extension TicketService {
    /// Only the columns the indicators need are read, as plain rows (no models): a year of a city's hotline is
    /// 500,000 tickets.
    func kpis(from: Date, to: Date) async throws -> HotlineKPIs {
        guard from < to else { throw AppError.invalid("kpi.range", "开始时间应早于结束时间", details: ["from": "开始时间应早于结束时间"]) }
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "database.unsupported", "需要 SQL 数据库") }
        let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)
        let columns = "created_at, replied_at, deadline_at, satisfaction, first_contact, repeat_of, state, channel, type, department_id"
        let filed = try await sql.raw("SELECT \(unsafeRaw: columns) FROM tickets WHERE created_at >= \(bind: from) AND created_at < \(bind: to)")
            .all(decoding: KPIRow.self, with: decoder)
        let replied = try await sql.raw("SELECT \(unsafeRaw: columns) FROM tickets WHERE replied_at >= \(bind: from) AND replied_at < \(bind: to)")
            .all(decoding: KPIRow.self, with: decoder)
        let concluded = filed.filter { $0.repliedAt != nil || $0.state == TicketState.closed.rawValue || $0.state == TicketState.merged.rawValue }
        let rated = replied.compactMap(\.satisfaction)
        let calls = try await sql.raw("""
            SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN answered THEN 1 ELSE 0 END), 0) AS answered
            FROM call_records WHERE started_at >= \(bind: from) AND started_at < \(bind: to)
            """).first(decoding: CallCount.self) ?? CallCount(total: 0, answered: 0)
        var workdays: [Double] = []
        for ticket in replied {
            guard let at = ticket.repliedAt else { continue }
            do throws(WorkdayError) { workdays.append(try calendar.elapsedWorkdays(from: ticket.createdAt, to: at)) } catch {}
        }
        let steps = try await sql.raw("""
            SELECT kind, department_code FROM ticket_events WHERE kind IN ('returned', 'dispatched', 'reassigned')
            AND department_code IS NOT NULL AND at >= \(bind: from) AND at < \(bind: to)
            """).all(decoding: StepRow.self, with: decoder)
        return HotlineKPIs(
            from: from, to: to, filed: filed.count, concluded: concluded.count, completionRate: Self.rate(concluded.count, filed.count),
            onTimeRate: Self.rate(replied.filter(\.onTime).count, replied.count),
            satisfactionRate: Self.rate(rated.filter { $0 != "不满意" }.count, rated.count), callbacks: rated.count,
            averageWorkdays: workdays.isEmpty ? nil : workdays.reduce(0, +) / Double(workdays.count),
            firstContactRate: Self.rate(filed.filter(\.firstContact).count, filed.count),
            repeatRate: Self.rate(filed.filter { $0.repeatOf != nil }.count, filed.count),
            connectionRate: Self.rate(calls.answered, calls.total), calls: calls.total,
            byDepartment: departmentLines(replied: replied, steps: steps),
            byChannel: Dictionary(grouping: filed, by: \.channel).mapValues(\.count),
            byType: Dictionary(grouping: filed, by: \.type).mapValues(\.count))
    }

    private struct KPIRow: Decodable {
        var createdAt: Date
        var repliedAt: Date?
        var deadlineAt: Date?
        var satisfaction: String?
        var firstContact: Bool
        var repeatOf: UUID?
        var state: String
        var channel: String
        var type: String
        var departmentId: UUID?

        /// Answered on the spot or imported without a deadline counts as in time.
        var onTime: Bool {
            guard let repliedAt else { return false }
            return deadlineAt.map { repliedAt <= $0 } ?? true
        }
    }

    private struct CallCount: Decodable {
        var total: Int
        var answered: Int
    }

    private struct StepRow: Decodable {
        var kind: String
        var departmentCode: String
    }

    /// Dispatches and returns are counted by the department recorded on the step (a return is charged to the
    /// department that returned the ticket).
    private func departmentLines(replied: [KPIRow], steps: [StepRow]) -> [HotlineKPIs.DepartmentLine] {
        let sentTo = Dictionary(grouping: steps.filter { $0.kind != "returned" }, by: \.departmentCode).mapValues(\.count)
        let returnedBy = Dictionary(grouping: steps.filter { $0.kind == "returned" }, by: \.departmentCode).mapValues(\.count)
        return catalog.departments.compactMap { department -> HotlineKPIs.DepartmentLine? in
            let id = catalog.departmentIDs[department.code]
            let theirs = replied.filter { $0.departmentId == id }
            let sent = sentTo[department.code] ?? 0
            let back = returnedBy[department.code] ?? 0
            guard !theirs.isEmpty || sent > 0 || back > 0 else { return nil }
            let rated = theirs.compactMap(\.satisfaction)
            return .init(department: department.code, departmentName: department.name, dispatched: sent, returned: back,
                         returnRate: Self.rate(back, sent), replied: theirs.count, onTimeRate: Self.rate(theirs.filter(\.onTime).count, theirs.count),
                         satisfactionRate: Self.rate(rated.filter { $0 != "不满意" }.count, rated.count))
        }
    }

    static func rate(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }
}
