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
    /// Counted in SQL: a year of a city's hotline is 500,000 tickets, and the page must open in a moment.
    func kpis(from: Date, to: Date) async throws -> HotlineKPIs {
        guard from < to else { throw AppError.invalid("kpi.range", "开始时间应早于结束时间", details: ["from": "开始时间应早于结束时间"]) }
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "database.unsupported", "需要 SQL 数据库") }
        let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)
        let filed = try await sql.raw("""
            SELECT COUNT(*) AS filed,
              COALESCE(SUM(CASE WHEN replied_at IS NOT NULL OR state IN ('closed', 'merged') THEN 1 ELSE 0 END), 0) AS concluded,
              COALESCE(SUM(CASE WHEN first_contact THEN 1 ELSE 0 END), 0) AS first_contact,
              COALESCE(SUM(CASE WHEN repeat_of IS NOT NULL THEN 1 ELSE 0 END), 0) AS repeats
            FROM tickets WHERE created_at >= \(bind: from) AND created_at < \(bind: to) AND \(Self.onHotline)
            """).first(decoding: FiledCounts.self, with: decoder) ?? FiledCounts(filed: 0, concluded: 0, firstContact: 0, repeats: 0)
        let byChannel = try await grouped(sql, "channel", from: from, to: to)
        let byType = try await grouped(sql, "type", from: from, to: to)
        let replied = try await sql.raw("""
            SELECT department_id, COUNT(*) AS replied,
              COALESCE(SUM(CASE WHEN deadline_at IS NULL OR replied_at <= deadline_at THEN 1 ELSE 0 END), 0) AS on_time,
              COALESCE(SUM(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END), 0) AS rated,
              COALESCE(SUM(CASE WHEN satisfaction IN ('满意', '基本满意') THEN 1 ELSE 0 END), 0) AS satisfied,
              COALESCE(SUM(reply_workdays), 0.0) AS workdays,
              COALESCE(SUM(CASE WHEN reply_workdays IS NOT NULL THEN 1 ELSE 0 END), 0) AS timed
            FROM tickets WHERE replied_at >= \(bind: from) AND replied_at < \(bind: to) AND \(Self.onHotline) GROUP BY department_id
            """).all(decoding: ReplyCounts.self, with: decoder)
        let calls = try await sql.raw("""
            SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN answered THEN 1 ELSE 0 END), 0) AS answered
            FROM call_records WHERE started_at >= \(bind: from) AND started_at < \(bind: to)
            """).first(decoding: CallCount.self) ?? CallCount(total: 0, answered: 0)
        let steps = try await sql.raw("""
            SELECT kind, department_code, COUNT(*) AS steps FROM ticket_events WHERE kind IN ('returned', 'dispatched', 'reassigned')
            AND department_code IS NOT NULL AND at >= \(bind: from) AND at < \(bind: to) GROUP BY kind, department_code
            """).all(decoding: StepCount.self, with: decoder)
        let total = replied.reduce(into: ReplyCounts()) { $0.add($1) }
        return HotlineKPIs(
            from: from, to: to, filed: filed.filed, concluded: filed.concluded, completionRate: Self.rate(filed.concluded, filed.filed),
            onTimeRate: Self.rate(total.onTime, total.replied), satisfactionRate: Self.rate(total.satisfied, total.rated), callbacks: total.rated,
            averageWorkdays: total.timed == 0 ? nil : total.workdays / Double(total.timed),
            firstContactRate: Self.rate(filed.firstContact, filed.filed), repeatRate: Self.rate(filed.repeats, filed.filed),
            connectionRate: Self.rate(calls.answered, calls.total), calls: calls.total,
            byDepartment: departmentLines(replied: replied, steps: steps), byChannel: byChannel, byType: byType)
    }

    private func grouped(_ sql: any SQLDatabase, _ column: String, from: Date, to: Date) async throws -> [String: Int] {
        let rows = try await sql.raw("""
            SELECT \(ident: column) AS name, COUNT(*) AS tickets FROM tickets WHERE created_at >= \(bind: from) AND created_at < \(bind: to)
            AND \(Self.onHotline) GROUP BY \(ident: column)
            """).all(decoding: GroupCount.self)
        return Dictionary(rows.map { ($0.name, $0.tickets) }, uniquingKeysWith: +)
    }

    private struct FiledCounts: Decodable { var filed: Int, concluded: Int, firstContact: Int, repeats: Int }
    private struct GroupCount: Decodable { var name: String, tickets: Int }
    private struct CallCount: Decodable { var total: Int, answered: Int }
    private struct StepCount: Decodable { var kind: String, departmentCode: String, steps: Int }

    private struct ReplyCounts: Decodable {
        var departmentId: UUID? = nil
        var replied = 0, onTime = 0, rated = 0, satisfied = 0, timed = 0
        var workdays = 0.0

        mutating func add(_ other: ReplyCounts) {
            (replied, onTime, rated) = (replied + other.replied, onTime + other.onTime, rated + other.rated)
            (satisfied, timed, workdays) = (satisfied + other.satisfied, timed + other.timed, workdays + other.workdays)
        }
    }

    /// Dispatches and returns are counted by the department recorded on the step (a return is charged to the
    /// department that returned the ticket).
    private func departmentLines(replied: [ReplyCounts], steps: [StepCount]) -> [HotlineKPIs.DepartmentLine] {
        let sentTo = steps.filter { $0.kind != "returned" }.reduce(into: [String: Int]()) { $0[$1.departmentCode, default: 0] += $1.steps }
        let returnedBy = steps.filter { $0.kind == "returned" }.reduce(into: [String: Int]()) { $0[$1.departmentCode, default: 0] += $1.steps }
        return catalog.departments.compactMap { department -> HotlineKPIs.DepartmentLine? in
            let theirs = replied.first { $0.departmentId != nil && $0.departmentId == catalog.departmentIDs[department.code] } ?? ReplyCounts()
            let sent = sentTo[department.code] ?? 0, back = returnedBy[department.code] ?? 0
            guard theirs.replied > 0 || sent > 0 || back > 0 else { return nil }
            return .init(department: department.code, departmentName: department.name, dispatched: sent, returned: back,
                         returnRate: Self.rate(back, sent), replied: theirs.replied, onTimeRate: Self.rate(theirs.onTime, theirs.replied),
                         satisfactionRate: Self.rate(theirs.satisfied, theirs.rated))
        }
    }

    /// The 12345 hotline's own tickets in SQL (see `QueryBuilder.onHotline`): a community's work order counts once it is escalated.
    static let onHotline: SQLQueryString = "(community_code IS NULL OR community_escalated_at IS NOT NULL)"

    static func rate(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }
}
