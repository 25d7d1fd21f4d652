import Crypto
import Foundation
import Vapor

/// `tongban federation show`: this city's code, name and public key, and the peer entry other cities put
/// in their TONGBAN_PEERS file (`--base-url` says where they reach us). Creates the key file on first use.
/// `next-key` and `switch-key` change the key without a refused request (docs/federation.md, "Changing a city's key").
struct FederationCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "show | peer-entry | public-key | next-key | switch-key") var action: String
        @Option(name: "base-url", help: "where peers reach this platform, e.g. http://127.0.0.1:8080") var baseURL: String?
    }

    var help: String { "跨域通办: shows this city's federation identity and public key." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let federation = context.application.federation
        switch signature.action {
        case "public-key":
            context.console.print(federation.publicKeyBase64)
        case "show":
            context.console.print("城市 \(federation.cityName)（\(federation.cityCode)）")
            context.console.print("公钥 Ed25519 \(federation.publicKeyBase64)")
            for peer in federation.directory.all { context.console.print("对方城市 \(peer.name)（\(peer.code)）\(peer.baseURL)") }
        case "peer-entry":
            let entry = FederationPeer(code: federation.cityCode, name: federation.cityName,
                                       baseURL: signature.baseURL ?? "http://127.0.0.1:8080", publicKey: federation.publicKeyBase64,
                                       ledgerPublicKey: context.application.ledgerKey.publicKey.rawRepresentation.base64EncodedString())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            context.console.print(String(decoding: try encoder.encode(entry), as: UTF8.self))
        case "next-key":
            let key = try FederationKeyChange.prepare(dataDirectory: context.application.settings.dataDirectory)
            context.console.print("新公钥（请对方城市在本市条目中加入 \"nextPublicKey\"，全部加入后再执行 switch-key）：")
            context.console.print(key.publicKey.rawRepresentation.base64EncodedString())
        case "switch-key":
            let retired = try FederationKeyChange.switchOver(dataDirectory: context.application.settings.dataDirectory)
            context.console.print("已启用新密钥；旧密钥保存为 \(retired)。请重启所有实例，再请对方城市把 nextPublicKey 改为 publicKey。")
        default:
            throw AppError.invalid("federation.unknown_action", "未知操作 \(signature.action)；可用：show、peer-entry、public-key、next-key、switch-key")
        }
    }
}

/// A city changes its federation key in three steps so no request is refused on the way: make the next key and give
/// its public half to the peers (they add it as `nextPublicKey`); switch to it and restart; the peers then make it
/// their `publicKey`. The old key is kept aside, never deleted.
enum FederationKeyChange {
    static let current = "federation-signing.key"
    static let next = "federation-signing.next.key"

    static func prepare(dataDirectory: String) throws -> Curve25519.Signing.PrivateKey {
        let path = dataDirectory + "/" + next
        if let data = FileManager.default.contents(atPath: path), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) {
            return key  // asked twice: the same next key, so the peers' entries stay right
        }
        let key = Curve25519.Signing.PrivateKey()
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: key.rawRepresentation, attributes: [.posixPermissions: 0o600]) else {
            throw AppError(.internalServerError, "federation.key_write", "无法写入 \(path)")
        }
        return key
    }

    /// Returns where the old key now lies.
    static func switchOver(dataDirectory: String) throws -> String {
        let files = FileManager.default
        let nextPath = dataDirectory + "/" + next, currentPath = dataDirectory + "/" + current
        guard files.fileExists(atPath: nextPath) else {
            throw AppError.invalid("federation.no_next_key", "还没有新密钥：请先执行 tongban federation next-key，并请对方城市加入 nextPublicKey")
        }
        let retired = currentPath + ".retired-" + String(Int(Date().timeIntervalSince1970))
        if files.fileExists(atPath: currentPath) { try files.moveItem(atPath: currentPath, toPath: retired) }
        try files.moveItem(atPath: nextPath, toPath: currentPath)
        return retired
    }
}
