import FluentPostgresDriver
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit

/// PostgreSQL's counterpart of `WriterThread`: group commits on a connection and an event loop of their own.
/// Through the pool, each of a batch's dozen round trips (BEGIN, the claim, one INSERT per table, the case pages,
/// COMMIT) waited for an event loop busy with HTTP work, so the batch, not the processors or the database, set
/// the pace (issue 3). The connection opens on first use and again after it drops (a PostgreSQL restart).
final class PostgresWriter: DedicatedWriter {
    let executor: LoopExecutor
    private let configuration: SQLPostgresConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let logger: Logger
    private let state = NIOLockedValueBox(Connection())

    private struct Connection {
        var connection: PostgresConnection?
        var pid: Int?
    }

    init(url: String, searchPath: String?, logger: Logger) throws {
        var configuration = try SQLPostgresConfiguration(url: url)
        if let searchPath { configuration.searchPath = [searchPath] }
        (self.configuration, self.logger) = (configuration, logger)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        executor = LoopExecutor(loop: group.next())
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await committing(try await begin(), body)
    }

    /// The server's process for this connection, as `pg_stat_activity` shows it (the writer is named there too).
    var backendPID: Int? { state.withLockedValue { $0.pid } }

    /// A connection the server dropped since the last batch (a restart, an administrator) is found out at BEGIN, before
    /// anything of the batch was sent, so a fresh connection can take over at once instead of the batch failing.
    private func begin() async throws -> any SQLDatabase {
        do {
            let sql = try await open().sql(queryLogLevel: .debug)
            try await sql.raw("BEGIN").run()
            return sql
        } catch {
            if let stale = state.withLockedValue({ state in defer { state = .init() }; return state.connection }) {
                try? await stale.close().get()
            }
            let sql = try await open().sql(queryLogLevel: .debug)
            try await sql.raw("BEGIN").run()
            return sql
        }
    }

    /// Group commits run one batch at a time, so only one caller is ever here.
    private func open() async throws -> PostgresConnection {
        if let open = state.withLockedValue({ $0.connection }), !open.isClosed { return open }
        let fresh = try await PostgresConnectionSource(sqlConfiguration: configuration).makeConnection(logger: logger, on: executor.loop).get()
        let sql = fresh.sql(queryLogLevel: .debug)
        try await sql.raw("SET application_name TO 'tongban group commit'").run()
        let pid = try await sql.raw("SELECT pg_backend_pid() AS pid").first()?.decode(column: "pid", as: Int.self)
        state.withLockedValue { $0 = .init(connection: fresh, pid: pid) }
        return fresh
    }

    func shutdown() async {
        if let open = state.withLockedValue({ $0.connection }) { try? await open.close().get() }
        try? await group.shutdownGracefully()
    }
}
