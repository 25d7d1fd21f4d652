import Fluent
import Foundation
import SQLKit
import Vapor

/// `tongban backup` and `tongban restore`: one directory holds everything a platform needs to come back — the
/// database (an online SQLite copy by `VACUUM INTO`, or `pg_dump`'s custom format), the uploaded materials, and the two
/// keys without which the database is unreadable (the field cipher's) or unverifiable (the ledger's). The keys make the
/// directory as secret as the data: it is created readable by its owner only.
enum Backup {
    struct Manifest: Codable, Equatable {
        var version = 1
        var createdAt: Date
        /// "sqlite" or "postgresql".
        var database: String
        /// The PostgreSQL schema dumped, when not the default.
        var schema: String?
        var ledgerEntries: Int
        var cases: Int
        var tickets: Int
        var uploads: Int
    }

    /// Without its federation key a restored city would have to give every peer a new public key.
    static let keyFiles = ["secret.key", "ledger-signing.key", "federation-signing.key", "federation-signing.next.key"]
    static let sqliteFile = "tongban.sqlite"
    static let postgresFile = "tongban.pgdump"

    /// Writes a backup of the running platform into `directory` (which must not exist yet). Safe while instances serve:
    /// both copies are consistent snapshots.
    static func create(_ app: Application, into directory: String) async throws -> Manifest {
        let files = FileManager.default
        guard !files.fileExists(atPath: directory) else {
            throw AppError.invalid("backup.exists", "备份目录 \(directory) 已存在，请换一个新目录", details: ["directory": "已存在"])
        }
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard let sql = app.db as? any SQLDatabase else { throw AppError(.internalServerError, "backup.storage", "数据库不支持备份") }
        var manifest = Manifest(createdAt: Date(), database: "sqlite", ledgerEntries: 0, cases: 0, tickets: 0, uploads: 0)
        switch app.settings.storage {
        case .sqliteFile, .sqliteMemory:
            let target = (directory as NSString).appendingPathComponent(sqliteFile)
            try await sql.raw("VACUUM INTO \(unsafeRaw: "'" + target.replacingOccurrences(of: "'", with: "''") + "'")").run()
        case .postgres(let url, let schema):
            (manifest.database, manifest.schema) = ("postgresql", schema)
            var arguments = ["--format=custom", "--no-owner", "--file", (directory as NSString).appendingPathComponent(postgresFile)]
            if let schema { arguments += ["--schema", schema] }
            try run("pg_dump", arguments + ["--dbname", url])
        }
        manifest.ledgerEntries = try await LedgerEntry.query(on: app.db).count()
        manifest.cases = try await Case.query(on: app.db).count()
        manifest.tickets = try await Ticket.query(on: app.db).count()
        for name in keyFiles {
            let source = (app.settings.dataDirectory as NSString).appendingPathComponent(name)
            if files.fileExists(atPath: source) { try files.copyItem(atPath: source, toPath: (directory as NSString).appendingPathComponent(name)) }
        }
        manifest.uploads = try copyMissing(from: uploads(app.settings.dataDirectory), to: uploads(directory))
        try JSONEncoder.iso.encode(manifest).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("manifest.json")))
        return manifest
    }

    /// Puts a backup back for `settings`, with every instance stopped. Nothing is thrown away: the database file and
    /// keys found in place are renamed `….before-restore-<time>` first (on PostgreSQL, `pg_restore --clean` replaces the
    /// tables; take a backup of the current state first if it matters). Uploads are content-addressed: missing ones
    /// are copied, none overwritten.
    static func restore(_ settings: Settings, from directory: String) throws -> Manifest {
        let files = FileManager.default
        guard let data = files.contents(atPath: (directory as NSString).appendingPathComponent("manifest.json")),
              let manifest = try? JSONDecoder.iso.decode(Manifest.self, from: data) else {
            throw AppError.invalid("backup.not_a_backup", "\(directory) 不是通办的备份目录（缺少 manifest.json）", details: ["directory": "不是备份目录"])
        }
        let stamp = ".before-restore-" + String(Int(Date().timeIntervalSince1970))
        switch settings.storage {
        case .sqliteMemory:
            throw AppError.invalid("backup.memory", "内存数据库无法恢复", details: [:])
        case .sqliteFile(let path):
            guard manifest.database == "sqlite" else { throw mismatch(manifest) }
            try files.createDirectory(atPath: (path as NSString).deletingLastPathComponent.nilIfEmpty ?? ".", withIntermediateDirectories: true)
            for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
                try files.moveItem(atPath: path + suffix, toPath: path + suffix + stamp)
            }
            try files.copyItem(atPath: (directory as NSString).appendingPathComponent(sqliteFile), toPath: path)
        case .postgres(let url, _):
            guard manifest.database == "postgresql" else { throw mismatch(manifest) }
            try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--dbname", url, (directory as NSString).appendingPathComponent(postgresFile)])
        }
        try files.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        for name in keyFiles {
            let source = (directory as NSString).appendingPathComponent(name), target = (settings.dataDirectory as NSString).appendingPathComponent(name)
            guard files.fileExists(atPath: source) else { continue }
            if files.fileExists(atPath: target) {
                if files.contentsEqual(atPath: source, andPath: target) { continue }
                try files.moveItem(atPath: target, toPath: target + stamp)
            }
            try files.copyItem(atPath: source, toPath: target)
        }
        _ = try copyMissing(from: uploads(directory), to: uploads(settings.dataDirectory))
        return manifest
    }

    private static func mismatch(_ manifest: Manifest) -> AppError {
        AppError.invalid("backup.wrong_database", "这是 \(manifest.database) 的备份，与当前配置的数据库不符（DATABASE_URL）", details: [:])
    }

    private static func uploads(_ directory: String) -> String { (directory as NSString).appendingPathComponent("uploads") }

    /// Copies the files under `source` that `target` lacks; returns how many files `source` holds.
    private static func copyMissing(from source: String, to target: String) throws -> Int {
        let files = FileManager.default
        guard let names = files.enumerator(atPath: source) else { return 0 }
        var count = 0
        for case let name as String in names {
            let from = (source as NSString).appendingPathComponent(name), to = (target as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: from, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            count += 1
            guard !files.fileExists(atPath: to) else { continue }
            try files.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try files.copyItem(atPath: from, toPath: to)
        }
        return count
    }

    /// Runs a PostgreSQL client tool; its own message when it fails (a missing tool says which package has it).
    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AppError(.internalServerError, "backup.\(tool)", process.terminationStatus == 127
                ? "找不到 \(tool)，请安装 postgresql-client" : "\(tool) 失败：\(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

/// `tongban backup DIR` and `tongban restore DIR`.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "directory", help: "a new directory for the backup") var directory: String
    }

    var help: String { "Backs up the database, uploads and keys into a new directory (safe while serving)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let manifest = try await Backup.create(context.application, into: signature.directory)
        context.console.print("已备份到 \(signature.directory)：\(manifest.database)，办件 \(manifest.cases) 件、工单 \(manifest.tickets) 张、账本条目 \(manifest.ledgerEntries) 条、材料文件 \(manifest.uploads) 个（含密钥，请妥善保管）")
    }
}

struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "directory", help: "a directory written by tongban backup") var directory: String
    }

    var help: String { "Restores a backup (stop every instance first); then run tongban ledger verify." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let manifest = try Backup.restore(context.application.settings, from: signature.directory)
        context.console.print("已从 \(signature.directory) 恢复 \(TimeText.minute(manifest.createdAt)) 的备份：办件 \(manifest.cases) 件、工单 \(manifest.tickets) 张、账本条目 \(manifest.ledgerEntries) 条。原有数据库文件和密钥已改名保留（.before-restore-…）。")
        context.console.print("请运行 tongban ledger verify 核验账本，然后启动服务。")
    }
}
