import Fluent
import Foundation
import SQLKit
import TongbanCore

/// What the leaders' dashboard needs from applications, counted in SQL over a period.
extension CaseService {
    struct DayCount: Decodable, Sendable { var day: Int; var key: String; var n: Int }

    /// Applications submitted per Beijing day and channel (online, counter).
    func submissionsByDay(from: Date, to: Date) async throws -> [DayCount] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("""
            SELECT \(SQLDays.dayNumber("submitted_at", on: db)) AS day, channel AS key, COUNT(*) AS n FROM cases
            WHERE submitted_at >= \(bind: from) AND submitted_at < \(bind: to) GROUP BY 1, 2
            """).all(decoding: DayCount.self)
    }

    /// The review tasks one department received per Beijing day (opened: the case accepted, or the step before it
    /// done), by the case's channel: a department's own volume.
    func tasksByDay(from: Date, to: Date, departmentID: UUID) async throws -> [DayCount] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("""
            SELECT \(SQLDays.dayNumber("t.opened_at", on: db)) AS day, c.channel AS key, COUNT(*) AS n
            FROM review_tasks t JOIN cases c ON c.id = t.case_id
            WHERE t.department_id = \(bind: departmentID) AND t.opened_at >= \(bind: from) AND t.opened_at < \(bind: to) GROUP BY 1, 2
            """).all(decoding: DayCount.self)
    }

    /// The city's applications, or one department's review tasks, per day and channel.
    func arrivalsByDay(from: Date, to: Date, departmentID: UUID?) async throws -> [DayCount] {
        guard let departmentID else { return try await submissionsByDay(from: from, to: to) }
        return try await tasksByDay(from: from, to: to, departmentID: departmentID)
    }

    /// Per department: review tasks decided in the period, decided by their deadline, with a supplement (补正) on
    /// the way, and rejected.
    struct DepartmentWork: Decodable, Sendable {
        var code: String
        var name: String
        var decided: Int
        var onTime: Int
        var supplemented: Int
        var rejected: Int
    }

    func departmentWork(from: Date, to: Date) async throws -> [DepartmentWork] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("""
            SELECT d.code, d.name, COUNT(*) AS decided,
                   SUM(CASE WHEN t.deadline_at IS NOT NULL AND t.decided_at <= t.deadline_at THEN 1 ELSE 0 END) AS on_time,
                   SUM(CASE WHEN t.pauses <> '[]' THEN 1 ELSE 0 END) AS supplemented,
                   SUM(CASE WHEN t.state = \(bind: TaskState.rejected.rawValue) THEN 1 ELSE 0 END) AS rejected
            FROM review_tasks t JOIN departments d ON d.id = t.department_id
            WHERE t.decided_at >= \(bind: from) AND t.decided_at < \(bind: to)
            GROUP BY d.code, d.name
            """).all(decoding: DepartmentWork.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
    }

    /// The same per service item: where applications stall (补正) or fail, the pain points.
    struct ItemWork: Decodable, Sendable {
        var code: String
        var name: String
        var decided: Int
        var supplemented: Int
        var rejected: Int
    }

    func itemWork(from: Date, to: Date, departmentID: UUID? = nil) async throws -> [ItemWork] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let department: SQLQueryString = departmentID.map { "AND t.department_id = \(bind: $0)" } ?? ""
        return try await sql.raw("""
            SELECT t.item_code AS code, MAX(t.item_name) AS name, COUNT(*) AS decided,
                   SUM(CASE WHEN t.pauses <> '[]' THEN 1 ELSE 0 END) AS supplemented,
                   SUM(CASE WHEN t.state = \(bind: TaskState.rejected.rawValue) THEN 1 ELSE 0 END) AS rejected
            FROM review_tasks t WHERE t.decided_at >= \(bind: from) AND t.decided_at < \(bind: to) \(department)
            GROUP BY t.item_code
            """).all(decoding: ItemWork.self)
    }
}
