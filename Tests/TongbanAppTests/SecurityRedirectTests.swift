import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Open redirects: a `next` or `back` field that a redirect follows must stay on this site. Before 2026-11-26 the
/// sign-in page and the elder-mode switch let `/\evil.example` through, which browsers read as `//evil.example`.
@Suite("Security: redirects stay on this site")
struct SecurityRedirectTests {
    static let foreign = ["//evil.example/", "/\\evil.example/", "/\\/evil.example", "/\t/evil.example", "/\n/evil.example",
                          "https://evil.example/", "javascript:alert(1)", "\\\\evil.example"]

    @Test("SiteURL.localPath keeps paths on this site and nothing else")
    func localPath() {
        for value in Self.foreign { #expect(SiteURL.localPath(value) == nil, "\(value.debugDescription)") }
        for value in ["/", "/me/cases?tab=1", "/services/abc#guide", "/search?q=%2F%2Fx"] { #expect(SiteURL.localPath(value) == value) }
    }

    @Test("after signing in, a foreign `next` is ignored; the elder switch and the ticket pages' `back` likewise")
    func followers() async throws {
        try await withTongban { app in
            for next in Self.foreign {
                let browser = Browser(app)
                let response = try await browser.submit("/login", ["login": "13800000001", "password": DemoAccounts.password, "next": next], from: "/login")
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == "/me", "next=\(next.debugDescription) → \(response.headers.first(name: .location) ?? "")")
                let page = try await browser.send(.GET, "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(!page.body.string.contains("evil.example"), "the sign-in page does not carry the foreign next")
                let elder = try await browser.submit("/preferences/elder", ["on": "1", "back": next])
                #expect(elder.headers.first(name: .location) == "/", "back=\(next.debugDescription)")
            }
            let browser = Browser(app)
            let response = try await browser.submit("/login", ["login": "13800000001", "password": DemoAccounts.password, "next": "/me/cases"], from: "/login")
            #expect(response.headers.first(name: .location) == "/me/cases", "a path on this site is followed")
        }
    }
}
