import Fluent
import Foundation
import SQLKit
import TongbanCore

/// The dashboard's finer counts: volumes by service and district, how long steps took against their limits, and which
/// materials reviewers asked for again.
extension CaseService {
    struct KeyCount: Decodable, Sendable { var key: String; var channel: String; var n: Int }

    /// Applications (the city) or a department's review tasks in the period, by service item (or life event) or by
    /// district, and channel.
    func volumes(by dimension: String, from: Date, to: Date, departmentID: UUID?) async throws -> [KeyCount] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let column: SQLQueryString = dimension == "district" ? "c.district_code" : "COALESCE(c.item_code, c.life_event_code, '')"
        if let departmentID {
            let key: SQLQueryString = dimension == "district" ? "c.district_code" : "t.item_code"
            return try await sql.raw("""
                SELECT \(key) AS key, c.channel AS channel, COUNT(*) AS n FROM review_tasks t JOIN cases c ON c.id = t.case_id
                WHERE t.department_id = \(bind: departmentID) AND t.opened_at >= \(bind: from) AND t.opened_at < \(bind: to) GROUP BY 1, 2
                """).all(decoding: KeyCount.self)
        }
        return try await sql.raw("""
            SELECT \(column) AS key, c.channel AS channel, COUNT(*) AS n FROM cases c
            WHERE c.submitted_at >= \(bind: from) AND c.submitted_at < \(bind: to) GROUP BY 1, 2
            """).all(decoding: KeyCount.self)
    }

    /// Review steps decided in the period by the share of their time limit they used (0–25 % … over 100 %), and the
    /// average calendar days from opening to decision.
    struct Timeliness: Decodable, Sendable {
        var quarter: Int
        var half: Int
        var threeQuarters: Int
        var full: Int
        var late: Int
        var averageDays: Double?
    }

    func timeliness(from: Date, to: Date, departmentID: UUID?) async throws -> Timeliness {
        guard let sql = db as? any SQLDatabase else { return Timeliness(quarter: 0, half: 0, threeQuarters: 0, full: 0, late: 0) }
        let (decided, opened, deadline) = (SQLDays.epoch("decided_at", on: db), SQLDays.epoch("opened_at", on: db), SQLDays.epoch("deadline_at", on: db))
        let share: SQLQueryString = "(\(decided) - \(opened)) / NULLIF(\(deadline) - \(opened), 0)"
        let department: SQLQueryString = departmentID.map { "AND department_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT COALESCE(SUM(CASE WHEN \(decided) <= \(deadline) AND \(share) <= 0.25 THEN 1 ELSE 0 END), 0) AS quarter,
                   COALESCE(SUM(CASE WHEN \(decided) <= \(deadline) AND \(share) > 0.25 AND \(share) <= 0.5 THEN 1 ELSE 0 END), 0) AS half,
                   COALESCE(SUM(CASE WHEN \(decided) <= \(deadline) AND \(share) > 0.5 AND \(share) <= 0.75 THEN 1 ELSE 0 END), 0) AS three_quarters,
                   COALESCE(SUM(CASE WHEN \(decided) <= \(deadline) AND (\(share) > 0.75 OR \(share) IS NULL) THEN 1 ELSE 0 END), 0) AS full,
                   COALESCE(SUM(CASE WHEN \(decided) > \(deadline) THEN 1 ELSE 0 END), 0) AS late,
                   CAST(AVG(\(decided) - \(opened)) / 86400.0 AS DOUBLE PRECISION) AS average_days
            FROM review_tasks WHERE decided_at >= \(bind: from) AND decided_at < \(bind: to)
              AND opened_at IS NOT NULL AND deadline_at IS NOT NULL \(department)
            """).all(decoding: Timeliness.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
        return rows.first ?? Timeliness(quarter: 0, half: 0, threeQuarters: 0, full: 0, late: 0)
    }

    /// The materials reviewers asked for again (补正) in steps decided in the period, most asked first.
    func resubmittedMaterials(from: Date, to: Date, departmentID: UUID?, limit: Int = 10) async throws -> [(name: String, n: Int)] {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable { var request: String; var n: Int }
        let department: SQLQueryString = departmentID.map { "AND department_id = \(bind: $0)" } ?? ""
        var counts: [String: Int] = [:]
        for row in try await sql.raw("""
            SELECT supplement_request AS request, COUNT(*) AS n FROM review_tasks
            WHERE decided_at >= \(bind: from) AND decided_at < \(bind: to) AND supplement_request IS NOT NULL \(department)
            GROUP BY supplement_request
            """).all(decoding: Row.self) {
            for line in row.request.split(whereSeparator: \.isNewline) {
                let name = line.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { counts[name, default: 0] += row.n }
            }
        }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map { ($0.key, $0.value) }
    }
}
