import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Web: pages, elder mode, offline app, escaping")
struct WebTests {
    @Test("elder mode is one switch away on every page and persists")
    func elderMode() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let home = try await browser.send(.GET, "/")
            #expect(home.body.string.contains("<body class=\"standard\">"))
            #expect(home.body.string.contains("长辈版"))
            let switched = try await browser.submit("/preferences/elder", ["on": "1", "back": "/departments"])
            #expect(switched.status == .seeOther && switched.headers.first(name: .location) == "/departments")
            for path in ["/", "/departments", "/search?q=公积金".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, "/login"] {
                let page = try await browser.send(.GET, path)
                #expect(page.body.string.contains("<body class=\"elder\">"), "\(path) is not in elder mode")
            }
            let open = try await browser.submit("/preferences/elder", ["on": "0", "back": "https://evil.example/"])
            #expect(open.headers.first(name: .location) == "/", "the switch must not redirect off-site")
        }
    }

    @Test("user text is escaped in pages", arguments: ["<script>alert(1)</script>", "\"onmouseover=alert(1) x=\""])
    func escaping(payload: String) async throws {
        try await withTongban { app in
            let q = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let page = try await Browser(app).send(.GET, "/search?q=\(q)")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains(payload))
            #expect(page.body.string.contains("&lt;script&gt;") || page.body.string.contains("&quot;onmouseover"))
        }
    }

    @Test("the site installs as an app and keeps guides for offline reading")
    func installable() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let manifest = try await browser.send(.GET, "/manifest.webmanifest")
            #expect(manifest.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(manifest.body.readableBytesView)) as! [String: Any]
            let sizes = (json["icons"] as! [[String: String]]).map { $0["sizes"] ?? "" }
            #expect(sizes.contains("192x192") && sizes.contains("512x512"))
            #expect(json["display"] as? String == "standalone")
            for icon in ["/static/icon-192.png", "/static/icon-512.png", "/static/icon.svg", "/static/app.css"] {
                #expect(try await browser.send(.GET, icon).status == .ok, "\(icon)")
            }
            let worker = try await browser.send(.GET, "/sw.js")
            #expect(worker.status == .ok && worker.body.string.contains("/services/"))
            #expect(try await browser.send(.GET, "/offline").status == .ok)
        }
    }

    @Test("public pages render for a visitor", arguments: ["/", "/departments", "/departments/gjj", "/themes/shebao", "/search?q=abc", "/login", "/register"])
    func publicPages(path: String) async throws {
        try await withTongban { app in
            let page = try await Browser(app).send(.GET, path)
            #expect(page.status == .ok, "\(path)")
            #expect(page.body.string.contains("<meta name=\"viewport\""))
        }
    }

    @Test("an unknown guide is a friendly Chinese page, not a stack trace")
    func notFoundPage() async throws {
        try await withTongban { app in
            let page = try await Browser(app).send(.GET, "/services/no-such-thing")
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("事项不存在"))
            #expect(page.headers.contentType?.subType == "html")
        }
    }
}
