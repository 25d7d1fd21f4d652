import Foundation

/// A UTF-8 CSV file with a header, read by column name: the shape of every import (tickets, call records).
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var values: [String: String]

        /// The trimmed value, nil when the column is missing or blank.
        public subscript(_ column: String) -> String? {
            guard let value = values[column]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
    }

    public var columns: [String]
    public var rows: [Row]

    public init(_ text: String, required: [String]) throws {
        var raw = try CSVRows.parse(text)
        guard !raw.isEmpty else { throw LabelledTextCSVError.missingColumns(required) }
        let columns = raw.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces) }
        self.columns = columns
        let missing = required.filter { !columns.contains($0) }
        guard missing.isEmpty else { throw LabelledTextCSVError.missingColumns(missing) }
        rows = try raw.compactMap { row in
            if row.fields == [""] { return nil }
            guard row.fields.count == columns.count else {
                throw LabelledTextCSVError.wrongFieldCount(line: row.line, expected: columns.count, found: row.fields.count)
            }
            return Row(line: row.line, values: Dictionary(zip(columns, row.fields), uniquingKeysWith: { first, _ in first }))
        }
    }
}
