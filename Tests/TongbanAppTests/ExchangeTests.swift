import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("数据共享交换: grants, masking, the audit trail people can read")
struct ExchangeTests {
    static let zhangSan = DemoAccounts.citizens[0].idNumber

    @Test("a department reads within its grant; the person sees who read what and why")
    func grantedReadIsLogged() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let fund = try await apiToken(app, "reviewer.gjj")
            let read = try await browser.send(.GET, "/api/v1/exchange/fund/\(Self.zhangSan)?fields=accountStatus,consecutiveMonths&purpose=gjj-tq-gf", bearer: fund)
            #expect(read.status == .ok, "\(read.body.string)")
            let view = try read.content.decode(ExchangeController.ReadView.self)
            #expect(view.values["accountStatus"] == .string("正常") && view.masked.isEmpty)

            let citizen = try await apiToken(app, "13800000001")
            let usage = try await browser.send(.GET, "/api/v1/me/data-usage", bearer: citizen).content.decode([ExchangeController.UsageView].self)
            let entry = try #require(usage.first)
            #expect(entry.department == "六安市住房公积金管理中心" || entry.department.contains("公积金"))
            #expect(entry.fields == ["账户状态", "连续缴存月数"] && entry.purpose.contains("住房公积金提取"))
            let other = try await apiToken(app, "13800000002")
            let theirs = try await browser.send(.GET, "/api/v1/me/data-usage", bearer: other).content.decode([ExchangeController.UsageView].self)
            #expect(theirs.isEmpty, "one person's record is not another's")

            let page = Browser(app)
            try await page.signIn("13800000001")
            let html = try await page.send(.GET, "/me/data-usage").body.string
            #expect(html.contains("谁用了我的数据") && html.contains("连续缴存月数"))
        }
    }

    @Test("fields outside the grant are masked; no grant is a 403 that names what is missing")
    func maskingAndRefusal() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let fund = try await apiToken(app, "reviewer.gjj")
            // 公积金中心 may read 不动产 only for the purchase withdrawal, and not the certificate number.
            let partial = try await browser.send(.GET, "/api/v1/exchange/realestate/\(Self.zhangSan)?fields=address,certificateNumber&purpose=gjj-tq-gf", bearer: fund)
                .content.decode(ExchangeController.ReadView.self)
            #expect(partial.values["address"] != nil && partial.values["certificateNumber"] == nil && partial.masked == ["certificateNumber"])
            let refused = try await browser.send(.GET, "/api/v1/exchange/realestate/\(Self.zhangSan)?fields=address&purpose=gjj-dk", bearer: fund)
            #expect(refused.status == .forbidden && refused.errorCode == "exchange.no_grant")
            #expect(refused.body.string.contains("不动产登记库") && refused.body.string.contains("gjj-dk"))
            let tax = try await apiToken(app, "reviewer.sw")
            #expect(try await browser.send(.GET, "/api/v1/exchange/fund/\(Self.zhangSan)?fields=accountStatus&purpose=sw-qs", bearer: tax).status == .forbidden)
            let citizen = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.GET, "/api/v1/exchange/fund/\(Self.zhangSan)?fields=accountStatus&purpose=x", bearer: citizen).status == .forbidden)
            #expect(try await browser.send(.GET, "/api/v1/exchange/fund/12345?fields=accountStatus&purpose=gjj-tq-gf", bearer: fund).status == .unprocessableEntity)
            #expect(try await browser.send(.GET, "/api/v1/exchange/fund/\(Self.zhangSan)?fields=salary&purpose=gjj-tq-gf", bearer: fund).errorCode == "exchange.unknown_field")
            #expect(try await browser.send(.GET, "/api/v1/exchange/tax/\(Self.zhangSan)?fields=a&purpose=gjj-tq-gf", bearer: fund).status == .notFound)
        }
    }

    @Test("an administrator grants and revokes in the browser, and reads follow at once")
    func adminGrants() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let tax = try await apiToken(app, "reviewer.sw")
            let path = "/api/v1/exchange/realestate/\(Self.zhangSan)?fields=address,count&purpose=sw-qs"
            #expect(try await browser.send(.GET, path, bearer: tax).status == .forbidden)

            let admin = Browser(app)
            try await admin.signIn("admin")
            let bad = try await admin.submit("/admin/grants", ["department": "sw", "purpose": "sw-qs", "expiresOn": "2020-01-01"], from: "/admin/grants")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("请选择同一个数据库中的至少一个字段"))
            let created = try await admin.submit("/admin/grants", ["department": "sw", "fields[]": "realestate.address", "purpose": "sw-qs", "expiresOn": "2099-12-31"])
            #expect(created.status == .seeOther, "\(created.body.string.prefix(600))")
            let read = try await browser.send(.GET, path, bearer: tax).content.decode(ExchangeController.ReadView.self)
            #expect(read.values["address"] != nil && read.masked == ["count"])

            let grant = try #require(try await RegistryGrant.query(on: app.db).filter(\.$departmentCode == "sw").first())
            #expect(try await admin.submit("/admin/grants/\(grant.id!)/revoke", [:]).status == .seeOther)
            #expect(try await browser.send(.GET, path, bearer: tax).status == .forbidden, "a revoked grant reads nothing")
            let reviewer = Browser(app)
            try await reviewer.signIn("reviewer.gjj")
            #expect(try await reviewer.send(.GET, "/admin/grants").status == .forbidden)
        }
    }

    @Test("智能审批 reads through the gate: without the grant the case goes to people and says why")
    func autoApprovalNeedsGrants() async throws {
        try await withTongban { app in
            try await RegistryGrant.query(on: app.db).filter(\.$registry == "realestate").filter(\.$departmentCode == "gjj")
                .set(\.$revokedAt, to: Date()).update()
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let view = try await browser.apply(try await browser.application(item: "gjj-tq-gf", token: citizen), token: citizen)
            #expect(view.state == "submitted")
            #expect(view.autoDecision?.outcomes.first { $0.ruleID == "recent_home_purchase" }?.status == .missing)
            #expect(view.events.contains { $0.message.contains("未获不动产登记库的共享授权") })
            let usage = try await browser.send(.GET, "/api/v1/me/data-usage", bearer: citizen).content.decode([ExchangeController.UsageView].self)
            #expect(usage.contains { $0.registry == "住房公积金缴存库" && $0.caseId == view.id }, "the fund read is on the applicant's record with the case")
        }
    }

    @Test("the base registries hold a consistent synthetic city, read through the same gate")
    func baseRegistries() async throws {
        try await withTongban({ $0.seedHouseholds = 60 }) { app in
            #expect(try await PopulationRecord.query(on: app.db).count() > 120)
            #expect(try await LegalEntityRecord.query(on: app.db).count() == 21)
            let browser = Browser(app)
            let police = try await apiToken(app, "reviewer.ga")
            let grandma = DemoAccounts.citizens[2].idNumber
            let person = try await browser.send(.GET, "/api/v1/exchange/population/\(grandma)?fields=name,maritalStatus,householdSize,birthDate&purpose=ga-hkqy", bearer: police)
                .content.decode(ExchangeController.ReadView.self)
            #expect(person.values["name"] == .string("王奶奶") && person.values["maritalStatus"] == .string("丧偶") && person.values["householdSize"] == 1)
            #expect(person.values["birthDate"] == .date(CalendarDate(year: 1948, month: 3, day: 9)))
            let market = try await apiToken(app, "reviewer.scjg")
            let company = try await browser.send(.GET, "/api/v1/exchange/legalEntity/\(DemoAccounts.company.creditCode)?fields=name,legalRepresentative,status&purpose=scjg-bgdj", bearer: market)
                .content.decode(ExchangeController.ReadView.self)
            #expect(company.values["legalRepresentative"] == .string("李四") && company.values["status"] == .string("存续"))
            #expect(try await browser.send(.GET, "/api/v1/exchange/legalEntity/\(grandma)?fields=name&purpose=scjg-bgdj", bearer: market).status == .unprocessableEntity)
            let loads = try await LedgerEntry.query(on: app.db).filter(\.$kind == "registry.loaded").all()
            #expect(Set(loads.map(\.subject)) == ["population", "legalEntity", "socialInsurance", "fund", "realestate"])
        }
    }

    @Test("a reviewer checks the 免提交 materials through the gate; the applicant sees who read what for the case")
    func sharedMaterialsVerified() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let owner = try await apiToken(app, "13800000002")
            let created = try await browser.apply(try await browser.application(lifeEvent: "eshgh", token: owner), token: owner)
            _ = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk"))
            let land = Browser(app)
            try await land.signIn("reviewer.zrzy")
            let page = try await land.send(.GET, "/workbench/cases/\(created.id)")
            #expect(page.body.string.contains("核验共享材料"))
            let checked = try await land.submit("/workbench/cases/\(created.id)/verify-shared", [:])
            #expect(checked.status == .seeOther, "\(checked.body.string.prefix(500))")
            let view = try await browser.caseView(created.id, token: owner)
            let event = try #require(view.events.first { $0.kind == "shared_verified" })
            #expect(event.message.contains("已核验（不动产登记库") && event.message.contains("清水河小区"), "\(event.message)")
            #expect(event.message.contains("没有读取人口库的授权"), "no grant is said plainly, not hidden")
            let usage = try await browser.send(.GET, "/api/v1/me/data-usage", bearer: owner).content.decode([ExchangeController.UsageView].self)
            #expect(usage.contains { $0.caseId == created.id && $0.department.contains("自然资源") })

            let fund = Browser(app)
            try await fund.signIn("reviewer.gjj")
            #expect(try await fund.submit("/workbench/cases/\(created.id)/verify-shared", [:]).status == .notFound)
        }
    }

    @Test("only the owning department changes a registry record; the change is on the ledger without the values")
    func registryChangesOnTheLedger() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let grandma = DemoAccounts.citizens[2].idNumber
            let police = try await apiToken(app, "reviewer.ga")
            let before = try await LedgerEntry.query(on: app.db).count()
            let changed = try await browser.send(.POST, "/api/v1/registries/population/\(grandma)",
                                                 json: ["fields": ["address": "六安市金寨县梅山镇幸福路8号"]], bearer: police)
            #expect(changed.status == .ok, "\(changed.body.string)")
            let entry = try #require(try await LedgerEntry.query(on: app.db).filter(\.$kind == "registry.changed").first())
            #expect(entry.seq == before && !entry.data.contains("幸福路") && entry.data.contains("valuesDigest"))
            let read = try await browser.send(.GET, "/api/v1/exchange/population/\(grandma)?fields=address&purpose=ga-hkqy", bearer: police)
                .content.decode(ExchangeController.ReadView.self)
            #expect(read.values["address"] == .string("六安市金寨县梅山镇幸福路8号"))

            let fund = try await apiToken(app, "reviewer.gjj")
            #expect(try await browser.send(.POST, "/api/v1/registries/population/\(grandma)", json: ["fields": ["address": "别处"]], bearer: fund).status == .forbidden)
            #expect(try await browser.send(.POST, "/api/v1/registries/population/\(grandma)", json: ["fields": ["name": "改名"]], bearer: police).status == .unprocessableEntity)
            #expect(try await browser.send(.POST, "/api/v1/registries/population/\(grandma)", json: ["fields": ["maritalStatus": "复杂"]], bearer: police).status == .unprocessableEntity)
            #expect(try await LedgerEntry.query(on: app.db).count() == before + 1, "refused changes leave no entry")
            let audit = try await LedgerAudit(db: app.db, publicKey: app.ledgerKey.publicKey).run()
            #expect(audit.problems.isEmpty, "\(audit.problems)")
        }
    }
}
