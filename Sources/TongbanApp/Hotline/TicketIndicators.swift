import Fluent
import Foundation
import SQLKit
import TongbanCore

/// What the leaders' dashboard needs from the hotline besides its KPIs, counted in SQL; with a department, only the
/// tickets dispatched to it. Work orders a community handles are not 12345's demand (nor its seats'); complaints never are one.
extension TicketService {
    private func only(_ departmentID: UUID?) -> SQLQueryString {
        departmentID.map { "AND department_id = \(bind: $0)" } ?? ""
    }

    /// Tickets filed per Beijing day; `key` is the ticket type.
    func ticketsByDay(from: Date, to: Date, departmentID: UUID? = nil) async throws -> [CaseService.DayCount] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("""
            SELECT \(SQLDays.dayNumber("created_at", on: db)) AS day, type AS key, COUNT(*) AS n FROM tickets
            WHERE created_at >= \(bind: from) AND created_at < \(bind: to) AND state <> \(bind: TicketState.merged.rawValue) AND \(Self.onHotline)
            \(only(departmentID)) GROUP BY 1, 2
            """).all(decoding: CaseService.DayCount.self)
    }

    /// Complaints per Beijing day and district (`key` the district code, empty when unknown): hotspots.
    func complaintsByDistrict(from: Date, to: Date, departmentID: UUID? = nil) async throws -> [CaseService.DayCount] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("""
            SELECT \(SQLDays.dayNumber("created_at", on: db)) AS day, COALESCE(district_code, '') AS key, COUNT(*) AS n FROM tickets
            WHERE created_at >= \(bind: from) AND created_at < \(bind: to) AND type = 'complaint' \(only(departmentID)) GROUP BY 1, 2
            """).all(decoding: CaseService.DayCount.self)
    }

    /// Complaints per Beijing day and topic (the department the classifier saw in them; `key` its code).
    func complaintsByTopic(from: Date, to: Date, departmentID: UUID? = nil) async throws -> [CaseService.DayCount] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("""
            SELECT \(SQLDays.dayNumber("created_at", on: db)) AS day, COALESCE(topic, '') AS key, COUNT(*) AS n FROM tickets
            WHERE created_at >= \(bind: from) AND created_at < \(bind: to) AND type = 'complaint' \(only(departmentID)) GROUP BY 1, 2
            """).all(decoding: CaseService.DayCount.self)
    }
}
