import Fluent
import FluentPostgresDriver
import SQLKit

/// The Beijing calendar day of a timestamp column as a day number (days since 1970-01-01), counted inside the
/// database so a year of rows is grouped there rather than fetched. SQLite keeps dates as seconds since 1970;
/// PostgreSQL as timestamps.
enum SQLDays {
    /// Seconds since 1970 of a timestamp column, for arithmetic between two of them.
    static func epoch(_ column: String, on db: any Database) -> SQLQueryString {
        db is any PostgresDatabase ? "EXTRACT(EPOCH FROM \(unsafeRaw: column))" : "(\(unsafeRaw: column))"
    }

    static func dayNumber(_ column: String, on db: any Database) -> SQLQueryString {
        if db is any PostgresDatabase {
            return "CAST(FLOOR((EXTRACT(EPOCH FROM \(unsafeRaw: column)) + 28800) / 86400) AS INTEGER)"
        }
        return "CAST((\(unsafeRaw: column) + 28800) / 86400 AS INTEGER)"
    }

    /// The hour of the Beijing day (0–23).
    static func hourOfDay(_ column: String, on db: any Database) -> SQLQueryString {
        if db is any PostgresDatabase {
            return "CAST(FLOOR(MOD(CAST(EXTRACT(EPOCH FROM \(unsafeRaw: column)) AS NUMERIC) + 28800, 86400) / 3600) AS INTEGER)"
        }
        return "CAST((CAST(\(unsafeRaw: column) AS INTEGER) + 28800) % 86400 / 3600 AS INTEGER)"
    }
}
