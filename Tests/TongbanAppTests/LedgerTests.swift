import Crypto
import Fluent
import Foundation
import SQLKit
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("存证账本: signed tree heads, proofs anyone can check, tampering found and named")
struct LedgerTests {
    /// 张三's housing-fund withdrawal, approved by 智能审批: a concluded case and a certificate.
    func approvedWithdrawal(_ app: Application) async throws -> (Browser, CaseView) {
        let browser = Browser(app)
        let citizen = try await apiToken(app, "13800000001")
        let view = try await browser.apply(try await browser.application(item: "gjj-tq-gf", token: citizen), token: citizen)
        #expect(view.state == "approved" && view.certificates.count == 1)
        return (browser, view)
    }

    @Test("the tree head is signed, and an issued certificate's inclusion proof verifies outside the platform")
    func proofsVerify() async throws {
        try await withTongban { app in
            let before = try await Browser(app).send(.GET, "/api/v1/ledger/tree-head").content.decode(LedgerService.TreeHeadView.self)
            #expect(before.treeSize == 11, "five registry loads and the demo citizens' six certificates")
            let (browser, view) = try await approvedWithdrawal(app)
            let head = try await browser.send(.GET, "/api/v1/ledger/tree-head").content.decode(LedgerService.TreeHeadView.self)
            #expect(head.treeSize == before.treeSize + 2, "the certificate and the case's conclusion")
            let key = try await browser.send(.GET, "/api/v1/ledger/public-key").content.decode(LedgerController.PublicKeyView.self)
            let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: try #require(Data(base64Encoded: key.publicKey)))
            #expect(publicKey.isValidSignature(try #require(Data(base64Encoded: head.signature)),
                                               for: LedgerKey.message(size: head.treeSize, root: head.rootHash, timestampMillis: head.timestamp)))

            let number = try #require(view.certificates.first?.number)
            let entry = try #require(try await LedgerEntry.query(on: app.db).filter(\.$subject == number).first())
            let proof = try await browser.send(.GET, "/api/v1/ledger/proof/inclusion?leafHash=\(entry.leafHash)").content.decode(LedgerService.InclusionView.self)
            try MerkleVerify.inclusion(leafHash: try MerkleHash(hex: proof.leafHash), leafIndex: proof.leafIndex, treeSize: proof.treeSize,
                                       proof: try proof.proof.map { try MerkleHash(hex: $0) }, root: try MerkleHash(hex: head.rootHash))
            let consistency = try await browser.send(.GET, "/api/v1/ledger/proof/consistency?first=\(before.treeSize)&second=\(head.treeSize)")
                .content.decode(LedgerService.ConsistencyView.self)
            try MerkleVerify.consistency(size1: before.treeSize, size2: head.treeSize, root1: try MerkleHash(hex: before.rootHash),
                                         root2: try MerkleHash(hex: head.rootHash), proof: try consistency.proof.map { try MerkleHash(hex: $0) })
            let entries = try await browser.send(.GET, "/api/v1/ledger/entries?start=\(before.treeSize)&end=\(head.treeSize)").content.decode([LedgerController.EntryView].self)
            #expect(entries.map(\.kind).sorted() == ["case.concluded", "certificate.issued"])
            #expect(try await browser.send(.GET, "/api/v1/ledger/proof/consistency?first=5&second=2").status == .unprocessableEntity)
            #expect(try await browser.send(.GET, "/api/v1/ledger/proof/inclusion?leafHash=xyz").status == .unprocessableEntity)
            #expect(try await browser.send(.GET, "/api/v1/ledger/entries?start=abc").status == .unprocessableEntity)
            #expect(try await browser.send(.GET, "/api/v1/ledger/entries?start=-5&end=3").status == .unprocessableEntity)

            // The public verification page shows the ledger's confirmation.
            let certificate = try #require(try await Certificate.query(on: app.db).filter(\.$number == number).first())
            let verified = try await browser.send(.GET, "/api/v1/certificates/verify?number=\(number)&code=\(certificate.verificationCode)")
                .content.decode(CertificateService.Verification.self)
            #expect(verified.ledger?.verified == true && verified.ledger?.entry == entry.seq)
        }
    }

    @Test("editing a certificate or an entry directly in the database is found and named")
    func tamperingIsNamed() async throws {
        try await withTongban { app in
            let (browser, view) = try await approvedWithdrawal(app)
            let head = try await browser.send(.GET, "/api/v1/ledger/tree-head").content.decode(LedgerService.TreeHeadView.self)
            let audit = LedgerAudit(db: app.db, publicKey: app.ledgerKey.publicKey)
            #expect(try await audit.run().problems.isEmpty)

            let number = try #require(view.certificates.first?.number)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE certificates SET holder_name = \(bind: "王五") WHERE number = \(bind: number)").run()
            var report = try await audit.run()
            #expect(report.problems.count == 1 && report.problems[0].contains(number), "\(report.problems)")

            try await sql.raw("UPDATE certificates SET holder_name = \(bind: "张三") WHERE number = \(bind: number)").run()
            try await sql.raw("UPDATE ledger_entries SET data = replace(data, \(bind: "approved"), \(bind: "notApproved")) WHERE kind = \(bind: "case.concluded")").run()
            report = try await audit.run()
            let concluded = try #require(try await LedgerEntry.query(on: app.db).filter(\.$kind == "case.concluded").first())
            #expect(concluded.seq == head.treeSize - 2)
            #expect(report.problems.contains { $0.contains("第 \(concluded.seq + 1) 条") && $0.contains("改动") }, "\(report.problems)")
            #expect(report.problems.contains { $0.contains("签名树头") }, "the signed head no longer matches the recomputed root")
        }
    }
}
