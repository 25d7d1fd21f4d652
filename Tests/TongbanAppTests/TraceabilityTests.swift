import Crypto
import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

/// 六安瓜片 from leaf to shop: the tea company (李四's), a distributor (张三's) and a shop (王奶奶's).
@Suite("Traceability")
struct TraceabilityTests {
    static let tea = DemoAccounts.company.creditCode
    static let distributor = CreditCode.make(region: "341502", serial: 2).value
    static let shop = CreditCode.make(region: "341503", serial: 3).value
    static let leafGTIN = "06900000000014", teaGTIN = "06900000000021"
    static let leaf = try! BatchID(gtin: leafGTIN, lot: "LEAF2026"), teaBatch = try! BatchID(gtin: teaGTIN, lot: "GP2026-04")

    struct Tokens { var tea: String, distributor: String, shop: String }

    /// The companies, each with its agent, as they would link themselves on their profile page.
    func companies(_ app: Application) async throws -> Tokens {
        let tokens = Tokens(tea: try await apiToken(app, "13800000002"), distributor: try await apiToken(app, "13800000001"),
                            shop: try await apiToken(app, "13800000003"))
        let browser = Browser(app)
        for (token, code, name) in [(tokens.distributor, Self.distributor, "六安皖西茶叶批发有限公司"), (tokens.shop, Self.shop, "六安万家福超市")] {
            let linked = try await browser.send(.POST, "/api/v1/me/companies", json: CompanyLinkInput(creditCode: code, name: name), bearer: token)
            #expect(linked.status.code < 300, "\(linked.body.string)")
        }
        return tokens
    }

    static func event(_ type: String = "ObjectEvent", step: String, disposition: String? = nil, batch: BatchID = teaBatch,
                      time: String, to destination: String? = nil, id: String? = nil, extra: String = "") -> String {
        let quantity = #"[{"epcClass": "https://id.gs1.org/01/\#(batch.gtin)/10/\#(batch.lot)", "quantity": 120, "uom": "KGM"}]"#
        var fields = [#""type": "\#(type)""#, #""eventTime": "\#(time)""#, #""eventTimeZoneOffset": "+08:00""#, #""bizStep": "\#(step)""#]
        if type == "ObjectEvent" { fields += [#""action": "OBSERVE""#, #""quantityList": \#(quantity)"#] }
        if let disposition { fields.append(#""disposition": "\#(disposition)""#) }
        if let destination { fields.append(#""destinationList": [{"type": "owning_party", "destination": "urn:tongban:uscc:\#(destination)"}]"#) }
        if let id { fields.append(#""eventID": "\#(id)""#) }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func document(_ events: [String]) -> String {
        #"{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument", "schemaVersion": "2.0", "epcisBody": {"eventList": [\#(events.joined(separator: ", "))]}}"#
    }

    static let processing = event("TransformationEvent", step: "commissioning", time: "2026-04-09T15:00:00+08:00", id: "urn:uuid:7b0e3a52-0001-4000-8000-000000000001",
                                  extra: #""inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6900000.000001.LEAF2026", "quantity": 500, "uom": "KGM"}], "outputQuantityList": [{"epcClass": "https://id.gs1.org/01/06900000000021/10/GP2026-04", "quantity": 120, "uom": "KGM"}], "tb:productName": "六安瓜片（特级）", "tb:place": "六安市裕安区独山镇茶厂""#)

    /// Leaf picked and made into tea (one event through the API, the rest imported), inspected, shipped,
    /// received and sold along the chain.
    @discardableResult
    func recordChain(_ app: Application, _ tokens: Tokens) async throws -> TestingHTTPResponse {
        let browser = Browser(app)
        let path = { (code: String) in "/api/v1/trace/companies/\(code)/events" }
        let picked = try await browser.send(.POST, path(Self.tea), raw: Self.event(step: "commissioning", disposition: "active", batch: Self.leaf,
            time: "2026-04-08T07:00:00+08:00", extra: #""tb:productName": "六安瓜片鲜叶", "tb:place": "六安市裕安区独山镇茶园""#), bearer: tokens.tea)
        #expect(picked.status == .created, "\(picked.body.string)")
        let imported = try await browser.send(.POST, path(Self.tea), raw: Self.document([
            Self.processing,
            Self.event(step: "inspecting", disposition: "conformant", time: "2026-04-10T09:00:00+08:00"),
            Self.event(step: "shipping", disposition: "in_transit", time: "2026-04-11T08:00:00+08:00", to: Self.distributor),
        ]), bearer: tokens.tea)
        #expect(imported.status == .created, "\(imported.body.string)")
        for (token, code, events) in [
            (tokens.distributor, Self.distributor, [Self.event(step: "receiving", disposition: "active", time: "2026-04-11T14:00:00+08:00"),
                                                    Self.event(step: "shipping", disposition: "in_transit", time: "2026-04-12T08:00:00+08:00", to: Self.shop)]),
            (tokens.shop, Self.shop, [Self.event(step: "receiving", disposition: "active", time: "2026-04-12T10:00:00+08:00"),
                                      Self.event(step: "retail_selling", disposition: "retail_sold", time: "2026-04-13T10:00:00+08:00")]),
        ] {
            let response = try await browser.send(.POST, path(code), raw: Self.document(events), bearer: token)
            #expect(response.status == .created, "\(response.body.string)")
        }
        return imported
    }

    func fetchChain(_ app: Application, _ batch: BatchID = teaBatch) async throws -> TraceChainView {
        let response = try await Browser(app).send(.GET, "/api/v1/trace/batches/\(batch.gtin)/\(batch.lot)")
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(TraceChainView.self)
    }

    @Test("a chain recorded through the API and imported as EPCIS: every event's proof verifies against the signed tree head")
    func chainWithProofs() async throws {
        try await withTongban { app in
            let tokens = try await companies(app)
            let imported = try await recordChain(app, tokens)
            #expect(try imported.content.decode(TraceRecorder.Recorded.self).recorded == 3)
            let chain = try await fetchChain(app)
            #expect(chain.batch.productName == "六安瓜片（特级）")
            #expect(chain.upstream.map(\.lot) == ["LEAF2026"], "the leaf's LGTIN and the tea's Digital Link are linked by the transformation")
            #expect(chain.events.map(\.bizStepLabel) == ["生产", "生产", "检验", "发货", "收货", "发货", "收货", "销售"])
            #expect(chain.events.map(\.company).contains("六安万家福超市"))

            // Checked as an outsider would: the signed head with the published key, then each event's path to its root.
            let browser = Browser(app)
            let key = try await browser.send(.GET, "/api/v1/ledger/public-key").content.decode(LedgerController.PublicKeyView.self)
            let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: try #require(Data(base64Encoded: key.publicKey)))
            let head = chain.treeHead
            #expect(publicKey.isValidSignature(try #require(Data(base64Encoded: head.signature)),
                                               for: LedgerKey.message(size: head.treeSize, root: head.rootHash, timestampMillis: head.timestamp)))
            for event in chain.events {
                let proof = event.proof
                #expect(MerkleHash.leaf(Array(proof.ledgerData.utf8)).hex == proof.leafHash)
                let fields = try JSONDecoder().decode([String: String].self, from: Data(proof.ledgerData.utf8))
                #expect(fields["recordHash"] == SHA256.hash(data: Data(event.record.utf8)).map { String(format: "%02x", $0) }.joined())
                #expect(fields["eventID"] == event.eventID)
                try MerkleVerify.inclusion(leafHash: MerkleHash(hex: proof.leafHash), leafIndex: proof.leafIndex, treeSize: head.treeSize,
                                           proof: proof.path.map { try MerkleHash(hex: $0) }, root: MerkleHash(hex: head.rootHash))
                #expect(proof.verified && proof.recordIntact)
            }

            let page = try await browser.send(.GET, "/trace/01/\(Self.teaGTIN)/10/GP2026-04")
            #expect(page.status == .ok)
            let html = page.body.string
            for text in ["六安瓜片（特级）", "检验合格", "六安皖西茶叶批发有限公司", "120 千克", "六安市裕安区独山镇茶厂", "<svg", "未被召回"] {
                #expect(html.contains(text), "the batch page shows \(text)")
            }
            #expect(html.components(separatedBy: "包含证明核验通过").count - 1 == 8)
            #expect(!html.contains("13800000002") && !html.contains("李四"), "no personal data on the public page")

            // An import sent twice is not recorded twice.
            let again = try await browser.send(.POST, "/api/v1/trace/companies/\(Self.tea)/events", raw: Self.document([Self.processing]), bearer: tokens.tea)
            let recorded = try again.content.decode(TraceRecorder.Recorded.self)
            #expect(recorded.recorded == 0 && recorded.duplicates == ["urn:uuid:7b0e3a52-0001-4000-8000-000000000001"])
            // The lookup form, for people without a scanner, leads to the same page (GTIN-13 padded to 14).
            let lookup = try await browser.send(.GET, "/trace?gtin=6900000000021&lot=GP2026-04")
            #expect(lookup.headers.first(name: .location) == "/trace/01/\(Self.teaGTIN)/10/GP2026-04")
        }
    }

    @Test("a recall by the market regulator notifies every holder down the chain and turns the public pages red")
    func recall() async throws {
        try await withTongban { app in
            let tokens = try await companies(app)
            try await recordChain(app, tokens)
            let regulator = try await apiToken(app, "reviewer.scjg")
            let browser = Browser(app)
            let ordered = try await browser.send(.POST, "/api/v1/trace/batches/\(Self.leafGTIN)/LEAF2026/recall",
                                                 json: TraceController.RecallInput(reason: "抽检发现农药残留超标"), bearer: regulator)
            #expect(ordered.status == .ok, "\(ordered.body.string)")
            let result = try ordered.content.decode(TraceRecall.Result.self)
            #expect(result.affectedBatches == 1)
            #expect(result.notifiedCompanies == [DemoAccounts.company.name, "六安万家福超市", "六安皖西茶叶批发有限公司"].sorted())
            for token in [tokens.tea, tokens.distributor, tokens.shop] {
                let inbox = try await browser.send(.GET, "/api/v1/notifications", bearer: token).content.decode([NotificationController.MessageView].self)
                let notice = try #require(inbox.first { $0.title == "产品召回通知" })
                #expect(notice.body.contains("农药残留超标") && notice.link == "/trace/01/\(Self.leafGTIN)/10/LEAF2026")
            }
            let texts = try await TongbanApp.Notification.query(on: app.db).filter(\.$channel == "sms").filter(\.$title == "产品召回通知").count()
            #expect(texts == 3, "one SMS per holder's agent")

            let leafPage = try await browser.send(.GET, "/trace/01/\(Self.leafGTIN)/10/LEAF2026").body.string
            #expect(leafPage.contains("class=\"card recall\" role=\"alert\"") && leafPage.contains("本批次已于"))
            let teaPage = try await browser.send(.GET, "/trace/01/\(Self.teaGTIN)/10/GP2026-04").body.string
            #expect(teaPage.contains("本批次所用的原料批次") && teaPage.contains("抽检发现农药残留超标") && teaPage.contains("badge danger"))

            let twice = try await browser.send(.POST, "/api/v1/trace/batches/\(Self.leafGTIN)/LEAF2026/recall",
                                               json: TraceController.RecallInput(reason: "再次召回"), bearer: regulator)
            #expect(twice.status == .conflict && twice.errorCode == "trace.already_recalled")

            // The regulator's form on the page itself, without JavaScript.
            let staff = Browser(app)
            try await staff.signIn("handler.scjg")
            let form = try await staff.send(.GET, "/trace/01/\(Self.teaGTIN)/10/GP2026-04")
            #expect(form.body.string.contains("责令召回（市场监管局）"))
            let posted = try await staff.submit("/trace/01/\(Self.teaGTIN)/10/GP2026-04/recall", ["reason": "标签与实际不符"])
            #expect(posted.status == .seeOther)
            #expect(try await fetchChain(app).batch.recall?.reason == "标签与实际不符")
        }
    }

    @Test("bad EPCIS input is refused with the event index and field, and nothing of it is recorded", arguments: [
        (#"{"type": "EPCISDocument", "epcisBody": {"eventList": [__OK__, __BAD__]}}"#, "eventList[1].bizStep"),
        (#"{"type": "EPCISDocument", "epcisBody": {"eventList": [__OK__, {"type": "AggregationEvent"}]}}"#, "eventList[1].type"),
        (#"{"type": "EPCISDocument"}"#, "epcisBody.eventList"),
        ("not json", "document"),
    ])
    func badInput(body: String, field: String) async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "13800000002")
            let ok = Self.event(step: "inspecting", disposition: "conformant", time: "2026-04-10T09:00:00+08:00")
            let bad = Self.event(step: "teleporting", time: "2026-04-10T09:00:00+08:00")
            let response = try await Browser(app).send(.POST, "/api/v1/trace/companies/\(Self.tea)/events",
                                                       raw: body.replacingOccurrences(of: "__OK__", with: ok).replacingOccurrences(of: "__BAD__", with: bad), bearer: token)
            #expect(response.status == .unprocessableEntity && response.errorCode == "trace.invalid_epcis", "\(response.body.string)")
            #expect(try response.content.decode(ErrorBody.self).details?[field] != nil, "\(response.body.string)")
            let missing = try await Browser(app).send(.GET, "/api/v1/trace/batches/\(Self.teaGTIN)/GP2026-04")
            #expect(missing.status == .notFound, "the valid event before the bad one was not recorded either")
            let malformed = try await Browser(app).send(.GET, "/api/v1/trace/batches/06900000000022/GP2026-04")
            #expect(malformed.status == .unprocessableEntity && malformed.errorCode == "trace.invalid_batch")
        }
    }

    @Test("only a company's own agents record for it; only the market regulator (or admin) orders a recall")
    func authorization() async throws {
        try await withTongban { app in
            let tokens = try await companies(app)
            try await recordChain(app, tokens)
            let browser = Browser(app)
            let event = Self.event(step: "shipping", disposition: "in_transit", time: "2026-04-14T08:00:00+08:00")
            let forged = try await browser.send(.POST, "/api/v1/trace/companies/\(Self.tea)/events", raw: event, bearer: tokens.distributor)
            #expect(forged.status == .forbidden && forged.errorCode == "trace.not_agent")
            let clerk = try await browser.send(.POST, "/api/v1/trace/companies/\(Self.tea)/events", raw: event, bearer: try await apiToken(app, "clerk"))
            #expect(clerk.status == .forbidden)
            let anonymous = try await browser.send(.POST, "/api/v1/trace/companies/\(Self.tea)/events", raw: event)
            #expect(anonymous.status == .unauthorized)

            let recall = "/api/v1/trace/batches/\(Self.teaGTIN)/GP2026-04/recall"
            for login in ["reviewer.gjj", "13800000002", "supervisor"] {
                let refused = try await browser.send(.POST, recall, json: TraceController.RecallInput(reason: "想召回"), bearer: try await apiToken(app, login))
                #expect(refused.status == .forbidden && refused.errorCode == "trace.recall_forbidden", "\(login) must not order a recall")
            }
            #expect(try await browser.send(.POST, recall, json: TraceController.RecallInput(reason: "召回")).status == .unauthorized)
            let page = try await browser.send(.GET, "/trace/01/\(Self.teaGTIN)/10/GP2026-04")
            #expect(page.status == .ok && !page.body.string.contains("责令召回（市场监管局）"), "the public sees the page, not the form")
            let noReason = try await browser.send(.POST, recall, json: TraceController.RecallInput(reason: " "), bearer: try await apiToken(app, "admin"))
            #expect(noReason.status == .unprocessableEntity && noReason.errorCode == "trace.reason_required")
            #expect(try await fetchChain(app).batch.recall == nil)
        }
    }

    @Test("user text from an import is escaped on the public page")
    func escaping() async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "13800000002")
            let hostile = Self.event(step: "commissioning", time: "2026-04-10T09:00:00+08:00",
                                     extra: #""tb:productName": "<script>alert(1)</script>", "tb:place": "\"onmouseover=alert(1)""#)
            #expect(try await Browser(app).send(.POST, "/api/v1/trace/companies/\(Self.tea)/events", raw: hostile, bearer: token).status == .created)
            let html = try await Browser(app).send(.GET, "/trace/01/\(Self.teaGTIN)/10/GP2026-04").body.string
            #expect(!html.contains("<script>alert(1)") && !html.contains("\"onmouseover=alert(1)"))
            #expect(html.contains("&lt;script&gt;"))
        }
    }

    @Test("a company's agent records an event with the form, without JavaScript; a wrong quantity is shown at its field")
    func form() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            try await browser.signIn("13800000002")
            let page = try await browser.send(.GET, "/trace/record")
            #expect(page.status == .ok && page.body.string.contains(DemoAccounts.company.name))
            var fields = ["company": Self.tea, "step": "inspecting", "disposition": "conformant", "gtin": "6900000000021", "lot": "GP2026-04",
                          "product": "六安瓜片（特级）", "quantity": "0", "uom": "KGM", "time": "2026-04-10T09:00", "place": "六安市质检中心"]
            let wrong = try await browser.submit("/trace/record", fields)
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("应为大于 0 的数"))
            fields["quantity"] = "120"
            let recorded = try await browser.submit("/trace/record", fields)
            #expect(recorded.status == .seeOther && recorded.headers.first(name: .location) == "/trace/01/\(Self.teaGTIN)/10/GP2026-04")
            let view = try await fetchChain(app)
            #expect(view.events.map(\.bizStepLabel) == ["检验"] && view.events[0].place == "六安市质检中心")
            #expect(view.events[0].eventTime == Date(timeIntervalSince1970: 1_775_782_800), "the form's time is Beijing time")

            let other = Browser(app)
            try await other.signIn("13800000001")
            let forged = try await other.submit("/trace/record", fields)
            #expect(forged.status == .forbidden, "张三 does not act for the tea company")
        }
    }
}
