import Crypto
import Foundation
import TongbanCore
import Vapor

/// Encrypts personal fields (ID numbers, phones, addresses) at rest with AES-GCM, and gives a
/// keyed hash of each so that a record can be found by its ID number without decrypting them all.
/// Two sub-keys are derived from one master key so that the look-up hash reveals nothing
/// about the encryption key.
struct FieldCipher: Sendable {
    private let encryptionKey: SymmetricKey
    private let lookupKey: SymmetricKey

    init(masterKey: SymmetricKey) {
        encryptionKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: masterKey, info: Data("tongban field encryption v1".utf8), outputByteCount: 32)
        lookupKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: masterKey, info: Data("tongban lookup hash v1".utf8), outputByteCount: 32)
    }

    func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey)
        guard let combined = box.combined else { throw AppError(.internalServerError, "crypto.seal", "加密失败") }
        return "v1:" + combined.base64EncodedString()
    }

    func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw AppError(.internalServerError, "crypto.open", "解密失败")
        }
        let box = try AES.GCM.SealedBox(combined: data)
        return String(decoding: try AES.GCM.open(box, using: encryptionKey), as: UTF8.self)
    }

    func lookupHash(_ value: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: lookupKey)
            .hexLower
    }

    /// The master key from configuration, or from `<data>/secret.key`, created (0600) on first run.
    static func loadMasterKey(settings: Settings, logger: Logger) throws -> SymmetricKey {
        if let base64 = settings.masterKeyBase64 {
            guard let data = Data(base64Encoded: base64), data.count == 32 else {
                throw AppError(.internalServerError, "config.master_key", "TONGBAN_MASTER_KEY 必须是 32 字节的 base64")
            }
            return SymmetricKey(data: data)
        }
        let path = settings.dataDirectory + "/secret.key"
        if let data = FileManager.default.contents(atPath: path), data.count == 32 {
            return SymmetricKey(data: data)
        }
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw AppError(.internalServerError, "config.master_key", "无法创建密钥文件 \(path)")
        }
        logger.notice("created a new master key file", metadata: ["path": .string(path)])
        return key
    }
}

extension Application {
    private struct FieldCipherKey: StorageKey { typealias Value = FieldCipher }

    var fieldCipher: FieldCipher {
        get {
            guard let cipher = storage[FieldCipherKey.self] else { fatalError("FieldCipher used before configure()") }
            return cipher
        }
        set { storage[FieldCipherKey.self] = newValue }
    }
}
