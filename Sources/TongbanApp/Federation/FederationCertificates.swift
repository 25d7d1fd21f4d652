import Crypto
import Foundation
import TongbanCore
import Vapor

/// A certificate issued by another city, checked here: the peer says what the certificate is, and its
/// ledger proves the issuance is in a tree whose head the peer signed with the ledger key we configured.
/// Trust rests on that configured key, not on anything the peer sends now.
struct FederationCertificates {
    let client: any Client
    let directory: FederationDirectory

    struct Result: Content {
        var cityCode: String
        var cityName: String
        var certificate: CertificateService.Verification
        /// The tree head carries the peer's ledger signature, checked with the configured key.
        var treeHeadSigned: Bool
        /// The issuance entry is in that signed tree (RFC 9162 inclusion proof, recomputed here).
        var includedInLedger: Bool
        var treeSize: Int?
        var rootHash: String?
        var verified: Bool
        var message: String
    }

    func verify(city: String, number: String, code: String) async throws -> Result {
        guard let peer = directory.peer(named: city) else {
            throw AppError.invalid("federation.peer_not_configured", "城市“\(city)”未配置为跨域通办的对方城市", details: ["city": "未配置"])
        }
        guard let ledgerKey = peer.ledgerKey else {
            throw AppError(.conflict, "federation.no_ledger_key", "未配置\(peer.name)的账本公钥，无法核验其证照")
        }
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "number", value: number), URLQueryItem(name: "code", value: code)]
        let certificate: CertificateService.Verification = try await fetch(peer, "/api/v1/certificates/verify?" + (query.percentEncodedQuery ?? ""))
        var result = Result(cityCode: peer.code, cityName: peer.name, certificate: certificate, treeHeadSigned: false, includedInLedger: false,
                            verified: false, message: "")
        guard let seq = certificate.ledger?.entry else {
            result.message = "\(peer.name)的账本中没有该证照的签发记录"
            return result
        }
        let entries: [LedgerController.EntryView] = try await fetch(peer, "/api/v1/ledger/entries?start=\(seq)&end=\(seq + 1)")
        guard let entry = entries.first, entry.kind == "certificate.issued", entry.subject == certificate.number else {
            result.message = "\(peer.name)账本中的记录与该证照不符"
            return result
        }
        let proof: LedgerService.InclusionView = try await fetch(peer, "/api/v1/ledger/proof/inclusion?leafHash=\(entry.leafHash)")
        let head = proof.treeHead
        (result.treeSize, result.rootHash) = (head.treeSize, head.rootHash)
        let message = LedgerKey.message(size: head.treeSize, root: head.rootHash, timestampMillis: head.timestamp)
        result.treeHeadSigned = Data(base64Encoded: head.signature).map { ledgerKey.isValidSignature($0, for: message) } ?? false
        do throws(LedgerError) {
            try MerkleVerify.inclusion(leafHash: try MerkleHash(hex: entry.leafHash), leafIndex: proof.leafIndex, treeSize: head.treeSize,
                                       proof: try proof.proof.map { h throws(LedgerError) in try MerkleHash(hex: h) },
                                       root: try MerkleHash(hex: head.rootHash))
            result.includedInLedger = proof.leafIndex == seq && proof.treeSize == head.treeSize
        } catch {
            result.includedInLedger = false
        }
        result.verified = result.treeHeadSigned && result.includedInLedger && certificate.contentIntact && certificate.status == "valid"
        result.message = result.verified ? "核验通过：\(peer.name)签发，已记入其存证账本（树大小 \(head.treeSize)），树头签名有效"
            : !result.treeHeadSigned ? "\(peer.name)账本树头的签名与配置的公钥不符"
            : !result.includedInLedger ? "包含证明不成立：该证照不在\(peer.name)签名的账本中"
            : "证照\(certificate.statusTitle)"
        return result
    }

    private func fetch<T: Decodable>(_ peer: FederationPeer, _ path: String) async throws -> T {
        let response: ClientResponse
        do { response = try await client.get(URI(string: peer.baseURL + path)).get() } catch {
            throw AppError(.badGateway, "federation.peer_unreachable", "暂时无法连接\(peer.name)平台，请稍后再试")
        }
        if response.status == .notFound {
            throw AppError(.notFound, "certificate.not_found", "\(peer.name)没有与该编号和核验码相符的证照，请核对后重试")
        }
        guard response.status == .ok else {
            throw AppError(.badGateway, "federation.peer_error", "\(peer.name)平台返回错误（HTTP \(response.status.code)）")
        }
        do { return try response.content.decode(T.self) } catch {
            throw AppError(.badGateway, "federation.peer_error", "\(peer.name)平台的应答无法识别")
        }
    }
}
