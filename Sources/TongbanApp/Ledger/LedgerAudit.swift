import Crypto
import Fluent
import Foundation
import TongbanCore

/// `tongban ledger verify`: recompute the tree from the stored entries, check every signed tree head
/// against it, and check every certificate against what the ledger recorded for it. Each problem
/// is named (which entry, which head, which certificate), so an edit made directly in the
/// database is found and pointed at.
struct LedgerAudit {
    let db: any Database
    let publicKey: Curve25519.Signing.PublicKey

    struct Report {
        var entries = 0, heads = 0, certificates = 0
        var problems: [String] = []
    }

    func run() async throws -> Report {
        var report = Report()
        let entries = try await LedgerEntry.query(on: db).sort(\.$seq).all()
        var log = MerkleLog()
        var issuedHash: [String: String] = [:]
        var revoked: Set<String> = []
        for entry in entries {
            // People count from 1: entry seq 0 is 第 1 条.
            if entry.seq != log.size { report.problems.append("账本第 \(log.size + 1) 条缺失（下一条是第 \(entry.seq + 1) 条）") }
            let leaf = MerkleHash.leaf(Array(entry.data.utf8))
            if leaf.hex != entry.leafHash {
                report.problems.append("账本第 \(entry.seq + 1) 条（\(entry.kind) \(entry.subject)）的内容与其叶哈希不符：该条目被改动过")
            }
            // The tree is rebuilt from the contents as they are now, so an edited entry also breaks every later head.
            log.appendLeafHash(leaf)
            let fields = (try? JSONDecoder().decode([String: String].self, from: Data(entry.data.utf8))) ?? [:]
            switch entry.kind {
            case "certificate.issued": issuedHash[entry.subject] = fields["contentHash"]
            case "certificate.revoked": revoked.insert(entry.subject)
            default: break
            }
        }
        report.entries = entries.count
        for head in try await TreeHead.query(on: db).sort(\.$treeSize).all() {
            report.heads += 1
            let message = LedgerKey.message(size: head.treeSize, root: head.rootHash, timestampMillis: head.timestampMillis)
            if let signature = Data(base64Encoded: head.signature), publicKey.isValidSignature(signature, for: message) {} else {
                report.problems.append("签名树头（大小 \(head.treeSize)）的签名无效")
            }
            let root: String? = { () -> String? in
                do throws(LedgerError) { return try log.rootHash(size: head.treeSize).hex } catch { return nil }
            }()
            if root != head.rootHash {
                report.problems.append("签名树头（大小 \(head.treeSize)）与由条目重算的根哈希不符")
            }
        }
        for certificate in try await Certificate.query(on: db).all() {
            report.certificates += 1
            guard let recorded = issuedHash[certificate.number] else {
                report.problems.append("证照 \(certificate.number) 没有签发记录在账本上")
                continue
            }
            if recorded != certificate.computedHash || certificate.contentHash != recorded {
                report.problems.append("证照 \(certificate.number)（\(certificate.kind)）的内容与账本记录的签发内容不符：数据库中的证照被改动过")
            }
            if revoked.contains(certificate.number) != (certificate.revokedAt != nil) {
                report.problems.append("证照 \(certificate.number) 的撤销状态与账本不一致")
            }
        }
        return report
    }
}
