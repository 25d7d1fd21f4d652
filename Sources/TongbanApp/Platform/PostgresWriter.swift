import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import FluentPostgresDriver
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
    private let connection = NIOLockedValueBox<PostgresConnection?>(nil)

    init(url: String, searchPath: String?, logger: Logger) throws {
        var configuration = try SQLPostgresConfiguration(url: url)
        if let searchPath { configuration.searchPath = [searchPath] }
        (self.configuration, self.logger) = (configuration, logger)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        executor = LoopExecutor(loop: group.next())
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let sql = try await open().sql(queryLogLevel: .debug)
        try await sql.raw("BEGIN").run()
        do {
            let result = try await body(sql)
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Group commits run one batch at a time, so only one caller is ever here.
    private func open() async throws -> PostgresConnection {
        if let open = connection.withLockedValue({ $0 }), !open.isClosed { return open }
        let fresh = try await PostgresConnectionSource(sqlConfiguration: configuration).makeConnection(logger: logger, on: executor.loop).get()
        connection.withLockedValue { $0 = fresh }
        return fresh
    }

    func shutdown() async {
        if let open = connection.withLockedValue({ $0 }) { try? await open.close().get() }
        try? await group.shutdownGracefully()
    }
}
