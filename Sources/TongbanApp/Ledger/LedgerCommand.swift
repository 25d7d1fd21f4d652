import Foundation
import Vapor

/// `tongban ledger verify`: exits non-zero and names every problem when the ledger or a certificate was altered.
struct LedgerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify") var action: String
    }

    var help: String { "Checks the tamper-evident ledger: entries, signed tree heads, certificates." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else {
            context.console.error("unknown action \(signature.action); try: verify")
            throw AppError.invalid("ledger.unknown_action", "未知操作")
        }
        let app = context.application
        let report = try await LedgerAudit(db: app.db, publicKey: app.ledgerKey.publicKey).run()
        context.console.print("账本条目 \(report.entries) 条，签名树头 \(report.heads) 个，证照 \(report.certificates) 张")
        if report.problems.isEmpty {
            context.console.print("核验通过：未发现篡改")
        } else {
            for problem in report.problems { context.console.error("✘ \(problem)") }
            throw AppError(.conflict, "ledger.tampered", "发现 \(report.problems.count) 处不一致")
        }
    }
}
