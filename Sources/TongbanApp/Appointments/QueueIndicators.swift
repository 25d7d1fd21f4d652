import Fluent
import Foundation
import SQLKit
import TongbanCore

/// The halls' waiting record counted in SQL for the dashboard and the staffing forecast: per hall, the numbers taken,
/// called and served with their minutes, the waits in bands, the busiest hours, and the numbers taken per day.
/// Optionally for one department's business only.
struct QueueIndicators {
    let db: any Database

    struct HallLine: Sendable {
        var code: String
        var name: String
        var measures: QueueMeasures
        /// Called numbers per `QueueMeasures.waitBands` band.
        var bands: [Int]
    }

    private struct Row: Decodable {
        var code: String
        var name: String
        var arrivals: Int
        var called: Int
        var waitSeconds: Double?
        var served: Int
        var handlingSeconds: Double?
        var band0: Int
        var band1: Int
        var band2: Int
        var band3: Int
    }

    func halls(from: Date, to: Date, department: String? = nil) async throws -> [HallLine] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let (issued, called, finished) = (SQLDays.epoch("t.issued_at", on: db), SQLDays.epoch("t.called_at", on: db), SQLDays.epoch("t.finished_at", on: db))
        let wait: SQLQueryString = "(\(called) - \(issued))"
        let bands = QueueMeasures.waitBands.map { $0 * 60 }
        let only: SQLQueryString = department.map { "AND t.department_code = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT h.code, h.name, COUNT(*) AS arrivals,
                   COALESCE(SUM(CASE WHEN t.called_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS called,
                   CAST(SUM(CASE WHEN t.called_at IS NOT NULL THEN \(wait) END) AS DOUBLE PRECISION) AS wait_seconds,
                   COALESCE(SUM(CASE WHEN t.status = 'served' AND t.finished_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS served,
                   CAST(SUM(CASE WHEN t.status = 'served' AND t.finished_at IS NOT NULL THEN \(finished) - \(called) END) AS DOUBLE PRECISION) AS handling_seconds,
                   COALESCE(SUM(CASE WHEN t.called_at IS NOT NULL AND \(wait) <= \(bind: bands[0]) THEN 1 ELSE 0 END), 0) AS band0,
                   COALESCE(SUM(CASE WHEN t.called_at IS NOT NULL AND \(wait) > \(bind: bands[0]) AND \(wait) <= \(bind: bands[1]) THEN 1 ELSE 0 END), 0) AS band1,
                   COALESCE(SUM(CASE WHEN t.called_at IS NOT NULL AND \(wait) > \(bind: bands[1]) AND \(wait) <= \(bind: bands[2]) THEN 1 ELSE 0 END), 0) AS band2,
                   COALESCE(SUM(CASE WHEN t.called_at IS NOT NULL AND \(wait) > \(bind: bands[2]) AND \(wait) <= \(bind: bands[3]) THEN 1 ELSE 0 END), 0) AS band3
            FROM queue_tickets t JOIN service_halls h ON h.id = t.hall_id
            WHERE t.issued_at >= \(bind: from) AND t.issued_at < \(bind: to) \(only)
            GROUP BY h.code, h.name
            """).all(decoding: Row.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
        return rows.map { row in
            let called = [row.band0, row.band1, row.band2, row.band3]
            return HallLine(code: row.code, name: row.name,
                            measures: QueueMeasures(arrivals: row.arrivals, called: row.called, waitMinutes: (row.waitSeconds ?? 0) / 60,
                                                    served: row.served, handlingMinutes: (row.handlingSeconds ?? 0) / 60),
                            bands: called + [row.called - called.reduce(0, +)])
        }
    }

    /// The whole city's figures, with the hours in which numbers were taken.
    func city(from: Date, to: Date, department: String? = nil) async throws -> (measures: QueueMeasures, bands: [Int], halls: [HallLine]) {
        let halls = try await halls(from: from, to: to, department: department)
        var total = QueueMeasures()
        var bands = Array(repeating: 0, count: QueueMeasures.waitBands.count + 1)
        for line in halls {
            total.arrivals += line.measures.arrivals
            (total.called, total.waitMinutes) = (total.called + line.measures.called, total.waitMinutes + line.measures.waitMinutes)
            (total.served, total.handlingMinutes) = (total.served + line.measures.served, total.handlingMinutes + line.measures.handlingMinutes)
            for i in bands.indices { bands[i] += line.bands[i] }
        }
        if let sql = db as? any SQLDatabase, total.arrivals > 0 {
            struct Hour: Decodable { var hour: Int; var n: Int }
            let only: SQLQueryString = department.map { "AND department_code = \(bind: $0)" } ?? ""
            for row in try await sql.raw("""
                SELECT \(SQLDays.hourOfDay("issued_at", on: db)) AS hour, COUNT(*) AS n FROM queue_tickets
                WHERE issued_at >= \(bind: from) AND issued_at < \(bind: to) \(only) GROUP BY 1
                """).all(decoding: Hour.self) {
                total.arrivalsByHour[row.hour, default: 0] += row.n
            }
        }
        return (total, bands, halls)
    }

    /// Numbers taken per Beijing day in all halls: the demand the windows see.
    func arrivalsByDay(from: Date, to: Date) async throws -> [CaseService.DayCount] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("""
            SELECT \(SQLDays.dayNumber("issued_at", on: db)) AS day, '' AS key, COUNT(*) AS n FROM queue_tickets
            WHERE issued_at >= \(bind: from) AND issued_at < \(bind: to) GROUP BY 1
            """).all(decoding: CaseService.DayCount.self)
    }

    /// People waiting in every hall right now.
    func waitingNow(day: String, department: String? = nil) async throws -> Int {
        let query = QueueTicket.query(on: db).filter(\.$day == day).filter(\.$status == QueueTicket.Status.waiting.rawValue)
        if let department { query.filter(\.$departmentCode == department) }
        return try await query.count()
    }
}

/// The dashboard counts a year of numbers by when they were taken: read from this index, not the table.
struct AddQueueTicketIssuedIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "queue_tickets_issued_idx").on(QueueTicket.schema)
            .column("issued_at").column("hall_id").column("department_code").column("status").column("called_at").column("finished_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "queue_tickets_issued_idx").run()
    }
}
