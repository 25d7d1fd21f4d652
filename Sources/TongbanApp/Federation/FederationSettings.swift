import Crypto
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Another city's platform this one trusts: where it answers and the key its requests are signed with.
public struct FederationPeer: Codable, Sendable, Equatable {
    /// 行政区划代码 of the city, e.g. 340100 for 合肥市; also what its requests name as sender.
    public var code: String
    public var name: String
    public var baseURL: String
    /// Base64 of the 32-byte Ed25519 public key the peer shows at /api/v1/federation/public-key.
    public var publicKey: String
    /// Base64 of the key that signs the peer's ledger tree heads (its /api/v1/ledger/public-key): what its
    /// certificates are checked against here. Without it, the peer's certificates cannot be verified here.
    public var ledgerPublicKey: String?
    /// The key the peer is changing to (docs/federation.md, "Changing a city's key"): until the change is finished,
    /// requests signed with either key are accepted.
    public var nextPublicKey: String?

    public init(code: String, name: String, baseURL: String, publicKey: String, ledgerPublicKey: String? = nil, nextPublicKey: String? = nil) {
        (self.code, self.name, self.baseURL, self.publicKey, self.ledgerPublicKey) = (code, name, baseURL, publicKey, ledgerPublicKey)
        self.nextPublicKey = nextPublicKey
    }

    var signingKey: Curve25519.Signing.PublicKey? {
        Data(base64Encoded: publicKey).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }

    var nextSigningKey: Curve25519.Signing.PublicKey? {
        nextPublicKey.flatMap { Data(base64Encoded: $0) }.flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }

    /// Every key a request from this peer may be signed with.
    var signingKeys: [Curve25519.Signing.PublicKey] { [signingKey, nextSigningKey].compactMap { $0 } }

    var ledgerKey: Curve25519.Signing.PublicKey? {
        ledgerPublicKey.flatMap { Data(base64Encoded: $0) }.flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }
}

/// 跨域通办: who this city is and whom it trusts (TONGBAN_CITY_CODE, TONGBAN_CITY_NAME, TONGBAN_PEERS,
/// TONGBAN_FEDERATION_KEY, TONGBAN_FEDERATION_WINDOW).
public struct FederationSettings: Sendable {
    public var cityCode = "341500"
    public var cityName = "六安市"
    /// A JSON file with an array of peers; read at start-up, a bad file stops the start.
    public var peersFile: String?
    /// Peers given directly (tests); added to those of the file.
    public var peers: [FederationPeer] = []
    /// Base64 of this city's 32-byte Ed25519 private key; nil keeps it in `<data>/federation-signing.key`.
    public var keyBase64: String?
    /// How far a request's timestamp may be from our clock, either way.
    public var windowSeconds: Int64 = 300

    public init() {}

    static func fromEnvironment(_ env: [String: String]) -> FederationSettings {
        var settings = FederationSettings()
        if let code = env["TONGBAN_CITY_CODE"], !code.isEmpty { settings.cityCode = code }
        if let name = env["TONGBAN_CITY_NAME"], !name.isEmpty { settings.cityName = name }
        settings.peersFile = env["TONGBAN_PEERS"].flatMap { $0.isEmpty ? nil : $0 }
        settings.keyBase64 = env["TONGBAN_FEDERATION_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let n = env["TONGBAN_FEDERATION_WINDOW"].flatMap(Int64.init), (10...3600).contains(n) { settings.windowSeconds = n }
        return settings
    }

    func loadPeers() throws -> [FederationPeer] {
        var all = peers
        if let path = peersFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AppError(.internalServerError, "config.peers_file", "找不到跨域通办对方城市配置文件 \(path)")
            }
            do { all += try JSONDecoder().decode([FederationPeer].self, from: data) } catch {
                throw AppError(.internalServerError, "config.peers_file", "跨域通办对方城市配置文件 \(path) 格式错误：\(error)")
            }
        }
        for peer in all where peer.signingKey == nil || (peer.ledgerPublicKey != nil && peer.ledgerKey == nil)
            || (peer.nextPublicKey != nil && peer.nextSigningKey == nil) {
            throw AppError(.internalServerError, "config.peer_key", "对方城市 \(peer.name)（\(peer.code)）的公钥不是 32 字节的 base64")
        }
        return all
    }
}

/// The peers as the running platform knows them. Held in a box so a test can point a peer at the port
/// it was given after start; production sets it once at start-up.
final class FederationDirectory: Sendable {
    private let box: NIOLockedValueBox<[String: FederationPeer]>

    init(_ peers: [FederationPeer]) { box = NIOLockedValueBox(Dictionary(peers.map { ($0.code, $0) }, uniquingKeysWith: { $1 })) }

    func peer(_ code: String) -> FederationPeer? { box.withLockedValue { $0[code] } }
    var all: [FederationPeer] { box.withLockedValue { Array($0.values) }.sorted { $0.code < $1.code } }
    func set(_ peer: FederationPeer) { box.withLockedValue { $0[peer.code] = peer } }
    func peer(named name: String) -> FederationPeer? { all.first { $0.name == name || $0.code == name } }
}

/// This city's federation key: from settings, else a key file created on first run (like the ledger's).
enum FederationKey {
    static func load(settings: Settings, logger: Logger) throws -> Curve25519.Signing.PrivateKey {
        if let base64 = settings.federation.keyBase64 {
            guard let data = Data(base64Encoded: base64), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else {
                throw AppError(.internalServerError, "config.federation_key", "TONGBAN_FEDERATION_KEY 必须是 32 字节的 base64")
            }
            return key
        }
        let path = settings.dataDirectory + "/federation-signing.key"
        if let data = FileManager.default.contents(atPath: path), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) {
            return key
        }
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        let key = Curve25519.Signing.PrivateKey()
        guard FileManager.default.createFile(atPath: path, contents: key.rawRepresentation, attributes: [.posixPermissions: 0o600]) else {
            throw AppError(.internalServerError, "config.federation_key", "无法创建跨域通办签名密钥文件 \(path)")
        }
        logger.notice("created a new federation signing key", metadata: ["path": .string(path)])
        return key
    }
}

/// Everything federation needs at run time, set up once by `Federation.configure`.
struct FederationContext: Sendable {
    var cityCode: String
    var cityName: String
    var key: Curve25519.Signing.PrivateKey
    var directory: FederationDirectory
    var windowSeconds: Int64

    var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }
}

extension Application {
    private struct FederationContextKey: StorageKey { typealias Value = FederationContext }
    var federation: FederationContext {
        get { storage[FederationContextKey.self]! }
        set { storage[FederationContextKey.self] = newValue }
    }
}
