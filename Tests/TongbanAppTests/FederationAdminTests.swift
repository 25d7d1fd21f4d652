import Crypto
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Federation: the administrator's settings")
struct FederationAdminTests {
    static let hefei = FederationPeer(code: "340100", name: "合肥市", baseURL: "http://127.0.0.1:9",
                                      publicKey: Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString())

    @Test("an administrator marks an item as decided by a peer city on the page, escaped, and removes it; a city not configured is refused")
    func items() async throws {
        try await withTongban({ $0.federation.peers = [Self.hefei] }) { app in
            let admin = Browser(app)
            try await admin.signIn("admin")
            let set = try await admin.submit("/admin/cross-region/items", ["code": "ga-hkqy", "decidingCityCode": "340100",
                                                                           "note": "<script>alert(1)</script>"], from: "/admin/cross-region")
            #expect(set.status == .seeOther)
            let page = try await admin.send(.GET, "/admin/cross-region")
            #expect(page.body.string.contains("户口迁移") && page.body.string.contains("&lt;script&gt;") && !page.body.string.contains("<script>alert"))
            let listed = try await Browser(app).send(.GET, "/api/v1/federation/items").content.decode([FederationItemView].self)
            #expect(listed.contains { $0.itemCode == "ga-hkqy" && $0.decidingCityName == "合肥市" })

            let nowhere = try await admin.submit("/admin/cross-region/items", ["code": "ga-hkqy", "decidingCityCode": "320100"])
            #expect(nowhere.status == .unprocessableEntity && nowhere.body.string.contains("未配置"))
            let token = try await apiToken(app, "admin")
            let unknownItem = try await admin.send(.PUT, "/api/v1/admin/federation/items/nope", json: FederationItemInput(decidingCityCode: "340100"), bearer: token)
            #expect(unknownItem.status == .notFound)

            #expect(try await admin.submit("/admin/cross-region/items/ga-hkqy/remove", [:]).status == .seeOther)
            let left = try await FederationItem.query(on: app.db).all().map(\.itemCode).sorted()
            #expect(left == FederationSeed.items.map(\.0).sorted(), "only the demo's items, seeded because 合肥市 is a peer, remain")

            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            #expect(try await citizen.send(.GET, "/admin/cross-region").status == .forbidden)
            let citizenToken = try await apiToken(app, "13800000001")
            let refused = try await Browser(app).send(.PUT, "/api/v1/admin/federation/items/ga-hkqy",
                                                      json: FederationItemInput(decidingCityCode: "340100"), bearer: citizenToken)
            #expect(refused.status == .forbidden)
        }
    }

    @Test("a platform without peers marks no 跨域通办 items in Lu'an's demo data and forwards nothing")
    func noPeersNoItems() async throws {
        try await withTongban { app in
            let marked = try await FederationItem.query(on: app.db).count()
            let listed = try await Browser(app).send(.GET, "/api/v1/federation/items").content.decode([FederationItemView].self)
            #expect(marked == 0 && listed.isEmpty)
        }
    }
}
