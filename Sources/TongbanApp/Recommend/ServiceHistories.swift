import Fluent
import Foundation
import SQLKit
import TongbanCore

/// Every applicant's applications, oldest first, from the cases table: what the recommendations learn from.
enum ServiceHistories {
    struct Row: Decodable {
        var applicant: UUID
        var code: String
        var day: Int
        var district: String
    }

    static func all(on db: any Database) async throws -> [ServiceHistory] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw("""
            SELECT applicant_id AS applicant, COALESCE(item_code, life_event_code, '') AS code,
                   \(SQLDays.dayNumber("submitted_at", on: db)) AS day, district_code AS district
            FROM cases ORDER BY applicant_id, submitted_at
            """).all(decoding: Row.self)
        var histories: [ServiceHistory] = []
        var start = rows.startIndex
        while start < rows.endIndex {
            let applicant = rows[start].applicant
            var end = start
            while end < rows.endIndex && rows[end].applicant == applicant { end += 1 }
            let slice = rows[start..<end]
            histories.append(ServiceHistory(applicant: applicant.uuidString, district: slice.last?.district,
                                            events: slice.map { ServiceEvent(code: $0.code, day: $0.day) }))
            start = end
        }
        return histories
    }
}
