import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// Each PostgreSQL test gets its own schema so tests can run in parallel on one server.
enum PostgresSchemas {
    static func create(_ name: String, url: String) async throws {
        try await run("CREATE SCHEMA \"\(name)\"", url: url)
    }

    static func drop(_ name: String, url: String) async throws {
        try await run("DROP SCHEMA IF EXISTS \"\(name)\" CASCADE", url: url)
    }

    private static func run(_ sql: String, url: String) async throws {
        guard let components = URLComponents(string: url), let host = components.host else { return }
        let config = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: config, id: 1, logger: Logger(label: "test-schemas"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test-schemas"))
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
