import Fluent
import Foundation
import SQLKit
import Testing
import TongbanCore
import Vapor
@testable import TongbanApp

@Suite("tongban backup and restore: database, uploads and keys come back whole, and the ledger verifies")
struct BackupTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tongban-\(name)-\(UUID().uuidString)").path
    }

    /// On SQLite the test runs on a file, as a deployment does (an in-memory database has nothing to copy).
    static func onFile(_ settings: inout Settings) {
        if case .sqliteMemory = settings.storage { settings.storage = .sqliteFile(settings.dataDirectory + "/tongban.sqlite") }
    }

    @Test("taken while serving, restored after the data was damaged or lost: the case, its certificate and a material are back and the ledger verifies")
    func roundTrip() async throws {
        let backup = Self.temporary("backup"), restored = Self.temporary("restored")
        defer { for path in [backup, restored] { try? FileManager.default.removeItem(atPath: path) } }
        var manifest: Backup.Manifest?
        var certificate = ""
        try await withTongban(Self.onFile) { app in
            let (_, view) = try await LedgerTests().approvedWithdrawal(app)
            certificate = try #require(view.certificates.first?.number)
            let material = app.settings.dataDirectory + "/uploads/ab/abcdef"
            try FileManager.default.createDirectory(atPath: app.settings.dataDirectory + "/uploads/ab", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: material, contents: Data("扫描件".utf8))

            let taken = try await Backup.create(app, into: backup)
            manifest = taken
            #expect(taken.cases >= 1 && taken.ledgerEntries >= 2 && taken.uploads >= 1, "\(taken)")
            let permissions = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int
            #expect(permissions == 0o700, "it holds the keys")
            for key in Backup.keyFiles {
                #expect(FileManager.default.contents(atPath: backup + "/" + key) == FileManager.default.contents(atPath: app.settings.dataDirectory + "/" + key),
                        "\(key) is in the backup")
            }
            #expect(FileManager.default.fileExists(atPath: backup + "/federation-signing.key"), "the peers trust this key")
            await #expect(throws: AppError.self, "never into an existing directory") { try await Backup.create(app, into: backup) }
            #expect(throws: AppError.self, "not a backup") { try Backup.restore(app.settings, from: restored) }

            guard case .postgres = app.settings.storage else { return }
            // On PostgreSQL: damage the data in place, then restore over it.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE certificates SET holder_name = \(bind: "王五") WHERE number = \(bind: certificate)").run()
            #expect(try await !LedgerAudit(db: app.db, publicKey: app.ledgerKey.publicKey).run().problems.isEmpty)
            _ = try Backup.restore(app.settings, from: backup)
            #expect(try await LedgerAudit(db: app.db, publicKey: app.ledgerKey.publicKey).run().problems.isEmpty)
            #expect(try await Certificate.query(on: app.db).filter(\.$number == certificate).first()?.holderName == "张三")
        }
        guard manifest?.database == "sqlite" else { return }
        // On SQLite the whole data directory was lost: restore into a new one, with a key the new boot would have made.
        try FileManager.default.createDirectory(atPath: restored, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: restored + "/ledger-signing.key", contents: Data(repeating: 1, count: 32))
        var settings = Settings(storage: .sqliteFile(restored + "/tongban.sqlite"), dataDirectory: restored)
        _ = try Backup.restore(settings, from: backup)
        #expect(FileManager.default.fileExists(atPath: restored + "/uploads/ab/abcdef"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: restored).contains { $0.hasPrefix("ledger-signing.key.before-restore-") },
                "the key found in place is kept aside, not overwritten")
        settings.storage = .sqliteFile(restored + "/tongban.sqlite")
        try await withTongban({ $0.storage = settings.storage; $0.dataDirectory = restored }) { app in
            let audit = try await LedgerAudit(db: app.db, publicKey: app.ledgerKey.publicKey).run()
            #expect(audit.problems.isEmpty && audit.entries == manifest?.ledgerEntries)
            #expect(try await Certificate.query(on: app.db).filter(\.$number == certificate).count() == 1)
            #expect(try await Case.query(on: app.db).count() == manifest?.cases)
        }
    }
}
