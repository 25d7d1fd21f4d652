import Fluent
import Foundation
import SQLKit

/// Rows inserted as plain Encodable values on the busiest and biggest writes (fan-out, timelines,
/// outboxes, registry loads): a Fluent model reflects over all its fields each time it is saved,
/// which cost more than the inserts themselves. Property names map to snake_case columns; nil is NULL.
enum PlainRows {
    static func insert(_ rows: some Collection<some Encodable>, into table: String, on db: any Database) async throws {
        guard !rows.isEmpty, let sql = db as? any SQLDatabase else { return }
        try await sql.insert(into: table).models(Array(rows), keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil).run()
    }

    /// For rows whose CodingKeys already name the columns: converting every key to snake_case on every row
    /// was a measurable part of the hotline's intake.
    static func insert<Row: Encodable & ColumnNamed>(columnNamed rows: [Row], into table: String, on db: any Database) async throws {
        guard !rows.isEmpty, let sql = db as? any SQLDatabase else { return }
        try await sql.insert(into: table).models(rows, nilEncodingStrategy: .asNil).run()
    }
}

/// A row type whose coding keys are its table's column names.
protocol ColumnNamed {}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
