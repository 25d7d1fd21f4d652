import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

enum DatabaseSetup {
    static func configure(_ app: Application, storage: Settings.Storage, poolPerLoop: Int = 4, poolTimeout: Int = 30) throws {
        switch storage {
        case .sqliteFile(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
        case .postgres(let url, let searchPath):
            var config = try SQLPostgresConfiguration(url: url)
            if let searchPath { config.searchPath = [searchPath] }
            app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: poolPerLoop,
                                        connectionPoolTimeout: .seconds(Int64(poolTimeout)), sqlLogLevel: .debug), as: .psql)
        }
    }

    /// WAL lets readers go on while one writer commits; it is a property of the file, so once is enough.
    /// (sqlite-kit already turns foreign keys on for every connection.)
    static func prepare(_ app: Application) async throws {
        if case .sqliteFile = app.settings.storage, let sql = app.db as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode = WAL").run()
        }
    }
}
