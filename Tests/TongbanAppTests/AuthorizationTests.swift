import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Each role against each protected route: who may, and who must NOT.
@Suite("Authorization matrix")
struct AuthorizationTests {
    static let accounts = ["anonymous", "13800000001", "clerk", "reviewer.gjj", "reviewer.scjg", "operator", "dispatcher",
                           "handler.cg", "supervisor", "leader", "admin"]

    /// route → accounts allowed (status 2xx); everyone else gets 401 (anonymous) or 403.
    static let routes: [(method: HTTPMethod, path: String, allowed: Set<String>)] = [
        (.GET, "/api/v1/me", Set(accounts).subtracting(["anonymous"])),
        (.GET, "/api/v1/workbench", Set(accounts).subtracting(["anonymous", "13800000001"])),
        (.GET, "/api/v1/departments/gjj/staff", ["reviewer.gjj", "supervisor", "leader", "admin"]),
        (.GET, "/api/v1/departments/scjg/staff", ["reviewer.scjg", "supervisor", "leader", "admin"]),
        (.GET, "/api/v1/departments/cg/staff", ["handler.cg", "supervisor", "leader", "admin"]),
        (.POST, "/api/v1/admin/departments", ["admin"]),
        (.PUT, "/api/v1/admin/services/__first__", ["admin"]),
        (.GET, "/workbench", Set(accounts).subtracting(["anonymous", "13800000001"])),
        (.GET, "/admin/services", ["admin"]),
        (.GET, "/admin/departments", ["admin"]),
    ]

    @Test("every role against every protected route", arguments: accounts)
    func matrix(account: String) async throws {
        try await withTongban { app in
            let token = account == "anonymous" ? nil : try await apiToken(app, account)
            let firstItem = try CatalogSeed.bundled().items[0]
            for route in Self.routes {
                let path = route.path.replacingOccurrences(of: "__first__", with: firstItem.code)
                let browser = Browser(app)
                var body: (any Encodable)?
                if route.path.hasSuffix("departments") {
                    body = DepartmentInput(code: "t\(account.count)x", name: "测试部门", shortName: "测试", phone: nil, address: nil, hours: nil)
                } else if route.method == .PUT {
                    body = firstItem
                }
                let response = try await browser.send(route.method, path, json: body, bearer: token)
                let code = Int(response.status.code)
                if route.allowed.contains(account) {
                    #expect((200..<300).contains(code), "\(account) should reach \(route.method) \(path), got \(code) \(response.body.string.prefix(200))")
                } else if account == "anonymous" {
                    #expect(code == 401 || (code == 303 && response.headers.first(name: .location)?.hasPrefix("/login") == true),
                            "anonymous must be asked to sign in at \(path), got \(code)")
                } else {
                    #expect(code == 403, "\(account) must NOT reach \(route.method) \(path), got \(code)")
                }
            }
        }
    }

    @Test("a citizen cannot read another citizen's profile; an administrator can, masked")
    func profiles() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let zhang = try await apiToken(app, "13800000001")
            let li = try await apiToken(app, "13800000002")
            let liID = try await browser.send(.GET, "/api/v1/me", bearer: li).content.decode(ProfileView.self).id
            let zhangID = try await browser.send(.GET, "/api/v1/me", bearer: zhang).content.decode(ProfileView.self).id
            #expect(try await browser.send(.GET, "/api/v1/users/\(liID)", bearer: zhang).status == .forbidden)
            #expect(try await browser.send(.GET, "/api/v1/users/\(zhangID)", bearer: zhang).status == .ok)
            let admin = try await apiToken(app, "admin")
            let seen = try await browser.send(.GET, "/api/v1/users/\(liID)", bearer: admin).content.decode(ProfileView.self)
            #expect(seen.idNumber?.contains("**********") == true)
        }
    }

    @Test("a reviewer's workbench shows only their own department")
    func workbenchScope() async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "reviewer.gjj")
            let summary = try await Browser(app).send(.GET, "/api/v1/workbench", bearer: token).content.decode(WorkbenchController.Summary.self)
            #expect(summary.departments == ["gjj"])
            #expect(summary.modules.allSatisfy { !$0.key.hasPrefix("admin") })
            #expect(summary.modules.map(\.key) == ["department:gjj", "cases:tasks", "reviews:rectifications", "exchange:sharing", "insights:department", "consultation"])
        }
    }
}
