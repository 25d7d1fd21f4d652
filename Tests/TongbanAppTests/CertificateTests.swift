import Fluent
import Foundation
import SQLKit
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("电子证照: issued at conclusion, shown by code, verified by anyone, revoked by the issuer")
struct CertificateTests {
    /// 李四's company start-up, approved by every department.
    func concludedCompanyStartUp(_ app: Application) async throws -> (Browser, String, CaseView) {
        let browser = Browser(app)
        let agent = try await apiToken(app, "13800000002")
        let created = try await browser.apply(
            try await browser.application(lifeEvent: "qykb", token: agent, company: DemoAccounts.company.creditCode), token: agent)
        var view = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk")).content.decode(CaseView.self)
        let licence = try #require(view.tasks.first { $0.item == "scjg-qysl" })
        try await browser.decide(licence.id, "approve", token: try await apiToken(app, "reviewer.scjg"))
        view = try await browser.caseView(created.id, token: agent)
        for task in view.tasks where task.state == "open" {
            try await browser.decide(task.id, "approve", token: try await reviewerToken(app, department: task.department))
        }
        return (browser, agent, try await browser.caseView(created.id, token: agent))
    }

    @Test("a concluded 企业开办 puts the licence in the agent's wallet; anyone verifies it with number and code")
    func issuedAndVerified() async throws {
        try await withTongban { app in
            let (browser, agent, view) = try await concludedCompanyStartUp(app)
            #expect(view.state == "approved")
            let licence = try #require(view.certificates.first { $0.kind == "营业执照" })
            let wallet = try await browser.send(.GET, "/api/v1/me/certificates", bearer: agent).content.decode([CertificateController.WalletEntry].self)
            let entry = try #require(wallet.first { $0.id == licence.id })
            #expect(entry.verification.holder == "六安皖西茶业有限公司" && entry.verification.content?["统一社会信用代码"] == DemoAccounts.company.creditCode)
            #expect(wallet.contains { $0.verification.kind == "居民身份证（电子）" }, "seeded certificates are there too")

            let anonymous = Browser(app)
            let verified = try await anonymous.send(.GET, "/api/v1/certificates/verify?number=\(licence.number)&code=\(entry.verificationCode)")
                .content.decode(CertificateService.Verification.self)
            #expect(verified.status == "valid" && verified.contentIntact && verified.content == nil)
            #expect(verified.issuer.contains("市场监督管理局") || verified.issuer.contains("市场监管"))
            #expect(try await anonymous.send(.GET, "/api/v1/certificates/verify?number=\(licence.number)&code=AAAAAA").status == .notFound)
            #expect(try await anonymous.send(.GET, "/api/v1/certificates/verify?number=\(licence.number)").errorCode == "certificate.verify_incomplete")
            #expect(try await anonymous.send(.GET, "/verify?number=\(licence.number)&code=").status == .unprocessableEntity)
            let page = try await anonymous.send(.GET, "/verify?number=\(licence.number)&code=\(entry.verificationCode)")
            #expect(page.status == .ok && page.body.string.contains("内容与签发时一致"))
        }
    }

    @Test("授权亮证 shows the certificate until the code expires; others' certificates cannot be shared")
    func sharing() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-06-02T10:00:00"))
            let browser = Browser(app)
            let owner = try await apiToken(app, "13800000001")
            let wallet = try await browser.send(.GET, "/api/v1/me/certificates", bearer: owner).content.decode([CertificateController.WalletEntry].self)
            let card = try #require(wallet.first { $0.verification.kind == "社会保障卡（电子）" })
            let share = try await browser.send(.POST, "/api/v1/certificates/\(card.id)/share", json: ["minutes": 30], bearer: owner)
            #expect(share.status == .created)
            let code = try share.content.decode(CertificateController.ShareView.self).code
            let seen = try await Browser(app).send(.GET, "/api/v1/certificates/shared/\(code)").content.decode(CertificateService.Verification.self)
            #expect(seen.holder == "张三" && seen.content?["姓名"] == "张三")
            #expect(seen.ledger?.verified == true, "the person shown the certificate can check it against the ledger too")
            #expect(try await Browser(app).send(.GET, "/shared/\(code)").body.string.contains("社会保障卡"))
            app.clock.advance(by: 31 * 60)
            #expect(try await Browser(app).send(.GET, "/api/v1/certificates/shared/\(code)").status == .notFound)

            let stranger = try await apiToken(app, "13800000002")
            #expect(try await browser.send(.POST, "/api/v1/certificates/\(card.id)/share", json: ["minutes": 30], bearer: stranger).status == .notFound)
            #expect(try await browser.send(.POST, "/api/v1/certificates/\(card.id)/share", json: ["minutes": 1], bearer: owner).status == .unprocessableEntity)
        }
    }

    @Test("only the issuing department revokes, with a reason the holder is told")
    func revocation() async throws {
        try await withTongban { app in
            let (browser, agent, view) = try await concludedCompanyStartUp(app)
            let licence = try #require(view.certificates.first { $0.kind == "营业执照" })
            let fund = try await apiToken(app, "reviewer.gjj")
            #expect(try await browser.send(.POST, "/api/v1/certificates/\(licence.id)/revoke", json: ["reason": "测试撤销"], bearer: fund).status == .notFound)
            let market = try await apiToken(app, "reviewer.scjg")
            #expect(try await browser.send(.POST, "/api/v1/certificates/\(licence.id)/revoke", json: ["reason": ""], bearer: market).status == .unprocessableEntity)
            let revoked = try await browser.send(.POST, "/api/v1/certificates/\(licence.id)/revoke", json: ["reason": "登记信息有误，依申请撤销"], bearer: market)
            #expect(revoked.status == .ok)
            #expect(try revoked.content.decode(CertificateService.Verification.self).status == "revoked")
            #expect(try await browser.send(.POST, "/api/v1/certificates/\(licence.id)/revoke", json: ["reason": "再次撤销"], bearer: market).status == .conflict)
            let inbox = try await browser.send(.GET, "/api/v1/notifications", bearer: agent).content.decode([NotificationController.MessageView].self)
            #expect(inbox.contains { $0.title == "证照已撤销" && $0.body.contains("登记信息有误") })
        }
    }

    @Test("a certificate edited in the database no longer verifies as intact")
    func tamperingShows() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let owner = try await apiToken(app, "13800000001")
            let wallet = try await browser.send(.GET, "/api/v1/me/certificates", bearer: owner).content.decode([CertificateController.WalletEntry].self)
            let card = try #require(wallet.first)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE certificates SET holder_name = \(bind: "李鬼") WHERE id = \(bind: card.id)").run()
            let verified = try await Browser(app).send(.GET, "/api/v1/certificates/verify?number=\(card.verification.number)&code=\(card.verificationCode)")
                .content.decode(CertificateService.Verification.self)
            #expect(!verified.contentIntact)
        }
    }
}
