import Foundation
import Vapor

/// `tongban federation show`: this city's code, name and public key, and the peer entry other cities put
/// in their TONGBAN_PEERS file (`--base-url` says where they reach us). Creates the key file on first use.
struct FederationCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "show | peer-entry | public-key") var action: String
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
        default:
            throw AppError.invalid("federation.unknown_action", "未知操作 \(signature.action)；可用：show、peer-entry、public-key")
        }
    }
}
