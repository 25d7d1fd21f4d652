import Fluent
import Foundation
import SQLKit

/// Rows inserted as plain Encodable values on the busiest and biggest writes (fan-out, timelines,
/// outboxes, registry loads): a Fluent model reflects over all its fields each time it is saved,
/// which cost more than the inserts themselves. Property names map to snake_case columns; nil is NULL.
enum PlainRows {
    /// Rows of a `ColumnNamed` type go in under their coding keys as they are; others have each key converted to
    /// snake_case, which on the busiest paths (every inserted row, every field) showed up in profiles.
    static func insert<Row: Encodable>(_ rows: some Collection<Row>, into table: String, on db: any Database) async throws {
        guard !rows.isEmpty, let sql = db as? any SQLDatabase else { return }
        let keys: SQLQueryEncoder.KeyEncodingStrategy = Row.self is any ColumnNamed.Type ? .useDefaultKeys : .convertToSnakeCase
        try await sql.insert(into: table).models(Array(rows), keyEncodingStrategy: keys, nilEncodingStrategy: .asNil).run()
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
