import Crypto
import Foundation
import Vapor

/// The Ed25519 key that signs tree heads: from TONGBAN_LEDGER_KEY (base64 of 32 bytes), else a key
/// file created on first run. Every instance must use the same key.
enum LedgerKey {
    static func load(settings: Settings, logger: Logger) throws -> Curve25519.Signing.PrivateKey {
        if let base64 = ProcessInfo.processInfo.environment["TONGBAN_LEDGER_KEY"], !base64.isEmpty {
            guard let data = Data(base64Encoded: base64), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else {
                throw AppError(.internalServerError, "config.ledger_key", "TONGBAN_LEDGER_KEY 必须是 32 字节的 base64")
            }
            return key
        }
        let path = settings.dataDirectory + "/ledger-signing.key"
        if let data = FileManager.default.contents(atPath: path), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) {
            return key
        }
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        let key = Curve25519.Signing.PrivateKey()
        guard FileManager.default.createFile(atPath: path, contents: key.rawRepresentation, attributes: [.posixPermissions: 0o600]) else {
            throw AppError(.internalServerError, "config.ledger_key", "无法创建账本签名密钥文件 \(path)")
        }
        logger.notice("created a new ledger signing key", metadata: ["path": .string(path)])
        return key
    }

    /// What a tree head's signature covers.
    static func message(size: Int, root: String, timestampMillis: Int64) -> Data {
        Data("tongban-tree-head-v1\n\(size)\n\(root)\n\(timestampMillis)".utf8)
    }
}

extension Application {
    private struct LedgerKeyStorage: StorageKey { typealias Value = Curve25519.Signing.PrivateKey }
    var ledgerKey: Curve25519.Signing.PrivateKey {
        get { storage[LedgerKeyStorage.self]! }
        set { storage[LedgerKeyStorage.self] = newValue }
    }
}
