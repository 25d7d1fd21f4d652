import Crypto
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Federation: certificates of another city verified here")
struct FederationCertificateTests {
    @Test("a certificate issued in Hefei is verified in Lu'an against Hefei's signed tree head, and fails with the wrong key")
    func verifyAcrossCities() async throws {
        try await withTwoCities { cities in
            let certificate = try #require(try await Certificate.query(on: cities.hefei.db).first())
            let path = "/api/v1/federation/certificates/verify?city=\("合肥市".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                + "&number=\(certificate.number)&code=\(certificate.verificationCode)"
            let luan = Browser(cities.luan)
            let result = try await luan.send(.GET, path).content.decode(FederationCertificates.Result.self)
            #expect(result.verified && result.treeHeadSigned && result.includedInLedger, "\(result.message)")
            #expect(result.certificate.number == certificate.number && result.cityName == "合肥市")

            let wrongCode = try await luan.send(.GET, "/api/v1/federation/certificates/verify?city=340100&number=\(certificate.number)&code=WRONG1")
            #expect(wrongCode.status == .notFound && wrongCode.errorCode == "certificate.not_found")

            var impostor = try #require(cities.luan.federation.directory.peer("340100"))
            impostor.ledgerPublicKey = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()
            cities.luan.federation.directory.set(impostor)
            let forged = try await luan.send(.GET, path).content.decode(FederationCertificates.Result.self)
            #expect(!forged.verified && !forged.treeHeadSigned && forged.message.contains("签名"))

            let unknown = try await luan.send(.GET, "/api/v1/federation/certificates/verify?city=南京市&number=X&code=Y")
            #expect(unknown.errorCode == "federation.peer_not_configured")
        }
    }
}
