import Fluent
import Foundation
import NIOCore
import NIOPosix
import SQLiteKit
import SQLiteNIO
import Vapor

/// Where a group commit (see `GroupCommit`) writes its batch, in one transaction.
protocol BatchWriter: Sendable {
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
}

/// A writer with a connection and an event loop of its own; `executor` runs the batch's task on that loop.
protocol DedicatedWriter: BatchWriter {
    var executor: LoopExecutor { get }
    func shutdown() async
}

extension DedicatedWriter {
    /// The rest of a transaction the writer has begun (each database begins its own way): the body, then COMMIT, or
    /// ROLLBACK if anything failed.
    func committing<T: Sendable>(_ sql: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            let result = try await body(sql)
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }
}

/// A transaction on the application's pool (PostgreSQL, in-memory SQLite), through the write gate if there is one.
struct PooledWriter: BatchWriter {
    let db: any Database
    let gate: WriteGate?

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await serializedTransaction(db, gate: gate) { db in
            guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "database.unsupported", "需要 SQL 数据库") }
            return try await body(sql)
        }
    }
}

/// SQLite's single writer on a thread and a connection of its own. A group commit holds the write gate for
/// its whole batch; on the application's pool every step of it (the lease, BEGIN, each statement, COMMIT)
/// waited in line behind the HTTP work of all other requests on the shared threads, several milliseconds a
/// step under load, so the gate, not the processors, set the pace. Here the connection, its SQLite thread and
/// the task running the batch (see `LoopExecutor`) have a loop that does nothing else.
final class WriterThread: DedicatedWriter {
    let executor: LoopExecutor
    private let connection: SQLiteConnection
    private let sql: any SQLDatabase
    private let gate: WriteGate
    private let group: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool

    private init(connection: SQLiteConnection, gate: WriteGate, executor: LoopExecutor, group: MultiThreadedEventLoopGroup, threadPool: NIOThreadPool) {
        (self.connection, self.gate, self.executor, self.group, self.threadPool) = (connection, gate, executor, group, threadPool)
        sql = connection.sql(queryLogLevel: .debug)
    }

    static func open(path: String, gate: WriteGate, logger: Logger) async throws -> WriterThread {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let loop = group.next()
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: loop)
        _ = try await connection.query("PRAGMA foreign_keys = ON")  // as sqlite-kit does for its own connections
        return WriterThread(connection: connection, gate: gate, executor: LoopExecutor(loop: loop), group: group, threadPool: threadPool)
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let sql = self.sql
        return try await gate.run {
            try await sql.raw("BEGIN IMMEDIATE").run()
            return try await committing(sql, body)
        }
    }

    func shutdown() async {
        try? await connection.close()
        try? await threadPool.shutdownGracefully()
        try? await group.shutdownGracefully()
    }
}

/// Runs Swift tasks on one event loop, so a task that awaits that loop's work resumes without leaving it.
final class LoopExecutor: TaskExecutor {
    let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension Application {
    private struct DedicatedWriterKey: StorageKey { typealias Value = any DedicatedWriter }

    /// On a SQLite file and on PostgreSQL; closed when the application shuts down.
    var dedicatedWriter: (any DedicatedWriter)? {
        get { storage[DedicatedWriterKey.self] }
        set { storage[DedicatedWriterKey.self] = newValue }
    }

    /// Where group commits write: the dedicated writer, or the pool (in-memory SQLite).
    var batchWriter: any BatchWriter {
        dedicatedWriter ?? PooledWriter(db: db, gate: writeGate)
    }

    struct DedicatedWriterLifecycle: LifecycleHandler {
        func shutdownAsync(_ application: Application) async {
            await application.dedicatedWriter?.shutdown()
        }
    }
}
