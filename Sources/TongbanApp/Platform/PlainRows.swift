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

/// Rows already turned into SQL values, so that a group commit's transaction (one writer, everyone waiting)
/// only sends them: the encoding happens in each request's own task, on whichever processor is free.
struct EncodedRows: Sendable {
    let table: String
    let columns: [String]
    private(set) var values: [[any SQLExpression]]

    init<Row: Encodable & ColumnNamed>(_ rows: some Collection<Row>, into table: String) throws {
        let encoder = SQLQueryEncoder(keyEncodingStrategy: .useDefaultKeys, nilEncodingStrategy: .asNil)
        let encoded = try rows.map { try encoder.encode($0) }
        self.table = table
        columns = encoded.first?.map(\.0) ?? []
        values = encoded.map { $0.map(\.1) }
    }

    /// Several writes' rows for the same table, as one statement (or a few: binds are limited per statement).
    static func insert(_ parts: [EncodedRows], on sql: any SQLDatabase) async throws {
        guard let first = parts.first(where: { !$0.values.isEmpty }) else { return }
        let rows = parts.flatMap(\.values)
        let perStatement = max(1, 30_000 / max(1, first.columns.count))
        for chunk in rows.chunked(perStatement) {
            let insert = sql.insert(into: first.table).columns(first.columns)
            for row in chunk { _ = insert.values(row) }
            try await insert.run()
        }
    }
}
