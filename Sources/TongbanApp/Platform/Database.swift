import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

enum DatabaseSetup {
    static func configure(_ app: Application, storage: Settings.Storage, readReplicaURL: String? = nil, poolPerLoop: Int = 4, poolTimeout: Int = 30) throws {
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
            if let readReplicaURL {
                var replica = try SQLPostgresConfiguration(url: readReplicaURL)
                if let searchPath { replica.searchPath = [searchPath] }
                app.databases.use(.postgres(configuration: replica, maxConnectionsPerEventLoop: poolPerLoop,
                                            connectionPoolTimeout: .seconds(Int64(poolTimeout)), sqlLogLevel: .debug),
                                  as: .readReplica, isDefault: false)
            }
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

extension DatabaseID {
    /// The read-only connection of `DATABASE_READ_URL`.
    static let readReplica = DatabaseID(string: "psql-read")
}

extension Application {
    /// Where dashboards count: the replica when one is configured, else the primary. What is read here may be
    /// a few seconds behind the primary, which a dashboard refreshed every five minutes does not notice; anything a
    /// user has just written and expects to see reads `db`.
    var readDB: any Database {
        settings.readReplicaURL == nil ? db : db(.readReplica)
    }
}
