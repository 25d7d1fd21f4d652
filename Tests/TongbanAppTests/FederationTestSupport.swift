import Crypto
import Fluent
import Foundation
import NIOCore
import NIOPosix
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

/// Two cities in one test process: 六安市 and 合肥市, each a whole platform on its own database, each
/// listening on its own port on 127.0.0.1, configured as each other's peer. Jobs are run by hand.
struct TwoCities {
    let luan: Application
    let hefei: Application
    let luanKey: Curve25519.Signing.PrivateKey
    let hefeiKey: Curve25519.Signing.PrivateKey
    let hefeiPort: Int

    /// Starts Hefei's server on the port Lu'an already knows (the peer comes back online).
    func bringHefeiOnline() async throws {
        try await hefei.server.start(address: .hostname("127.0.0.1", port: hefeiPort))
    }

    /// Runs every due job of one city, with its own clock, a few rounds (a reply may queue another message).
    func runJobs(_ app: Application, rounds: Int = 1, after seconds: TimeInterval = 0) async {
        for _ in 0..<rounds { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(seconds)) }
    }

    /// Lets both cities' outboxes drain back and forth.
    func settle() async {
        for _ in 0..<3 {
            await runJobs(luan)
            await runJobs(hefei)
        }
    }

    /// A Hefei reviewer's decision on a forwarded case, then both outboxes drained so Lu'an has heard of it.
    @discardableResult
    func decideInHefei(_ inboundID: UUID, _ decision: String, note: String? = nil, reviewer: String) async throws -> TestingHTTPResponse {
        let response = try await Browser(hefei).send(.POST, "/api/v1/federation/cases/\(inboundID)/decision",
                                                     json: FederationDecisionInput(decision: decision, note: note), bearer: reviewer)
        await settle()
        return response
    }

    static let start = beijing("2025-03-03T09:00:00")
    static let luanCode = "341500"
    static let hefeiCode = FederationSeed.hefei
}

func freePort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

func withTwoCities<T>(hefeiOnline: Bool = true, _ test: (TwoCities) async throws -> T) async throws -> T {
    let luanKey = Curve25519.Signing.PrivateKey(), hefeiKey = Curve25519.Signing.PrivateKey()
    let luanPort = try await freePort(), hefeiPort = try await freePort()
    let luanPeer = FederationPeer(code: TwoCities.luanCode, name: "六安市", baseURL: "http://127.0.0.1:\(luanPort)",
                                  publicKey: luanKey.publicKey.rawRepresentation.base64EncodedString())
    let hefeiPeer = FederationPeer(code: TwoCities.hefeiCode, name: "合肥市", baseURL: "http://127.0.0.1:\(hefeiPort)",
                                   publicKey: hefeiKey.publicKey.rawRepresentation.base64EncodedString())
    return try await withTongban({ settings in
        settings.runJobs = false
        settings.federation.cityCode = TwoCities.hefeiCode
        settings.federation.cityName = "合肥市"
        settings.federation.keyBase64 = hefeiKey.rawRepresentation.base64EncodedString()
        settings.federation.peers = [luanPeer]
    }) { hefei in
        var hefeiPeer = hefeiPeer
        hefeiPeer.ledgerPublicKey = hefei.ledgerKey.publicKey.rawRepresentation.base64EncodedString()
        return try await withTongban({ [hefeiPeer] settings in
            settings.runJobs = false
            settings.federation.keyBase64 = luanKey.rawRepresentation.base64EncodedString()
            settings.federation.peers = [hefeiPeer]
        }) { luan in
            // Both clocks stopped at the same instant inside the published holiday calendar; tests move one to skew it.
            luan.clock.set(TwoCities.start)
            hefei.clock.set(TwoCities.start)
            try await luan.asyncBoot()
            try await hefei.asyncBoot()
            try await luan.server.start(address: .hostname("127.0.0.1", port: luanPort))
            let cities = TwoCities(luan: luan, hefei: hefei, luanKey: luanKey, hefeiKey: hefeiKey, hefeiPort: hefeiPort)
            do {
                if hefeiOnline { try await cities.bringHefeiOnline() }
                let result = try await test(cities)
                await luan.server.shutdown()
                await hefei.server.shutdown()
                return result
            } catch {
                await luan.server.shutdown()
                await hefei.server.shutdown()
                throw error
            }
        }
    }
}

/// A request to a city's federation inbox signed by hand, for forging, replaying and skewing.
struct SignedRequest {
    var path: String
    var body: String
    var sender: String
    var timestampMillis: Int64
    var nonce = FederationEnvelope.newNonce()

    func headers(signedWith key: Curve25519.Signing.PrivateKey) throws -> HTTPHeaders {
        let envelope = FederationEnvelope(method: "POST", path: path, timestampMillis: timestampMillis, nonce: nonce, body: Data(body.utf8), sender: sender)
        return HTTPHeaders([("Content-Type", "application/json"), (FederationHeader.city, sender),
                            (FederationHeader.timestamp, String(timestampMillis)), (FederationHeader.nonce, nonce),
                            (FederationHeader.signature, try envelope.signature(with: key))])
    }

    /// Sent over the network to the city's real port, as a peer would.
    func send(to app: Application, port: Int, headers: HTTPHeaders) async throws -> ClientResponse {
        try await app.client.post(URI(string: "http://127.0.0.1:\(port)\(path)"), headers: headers) { $0.body = ByteBuffer(string: body) }.get()
    }
}

func federationLog(_ app: Application, direction: FederationMessage.Direction) async throws -> [FederationMessage] {
    try await FederationMessage.query(on: app.db).filter(\.$direction == direction.rawValue).sort(\.$createdAt).all()
}
