import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Platform: health, metrics, OpenAPI, errors")
struct PlatformTests {
    @Test("health reports the database and the loaded catalogue")
    func health() async throws {
        try await withTongban { app in
            let response = try await Browser(app).send(.GET, "/healthz")
            #expect(response.status == .ok)
            let health = try response.content.decode(ObservabilityController.Health.self)
            #expect(health.status == "ok")
            #expect(health.catalogItems >= 60)
        }
    }

    @Test("metrics are Prometheus text with request counts by route pattern")
    func metrics() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            try await browser.send(.GET, "/api/v1/services/no-such-item")
            let response = try await browser.send(.GET, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "plain")
            #expect(response.body.string.contains("tongban_http_requests_total"))
            #expect(response.body.string.contains("route=\"/api/v1/services/:code\""))
            #expect(!response.body.string.contains("no-such-item"))
        }
    }

    @Test("with TONGBAN_METRICS_TOKEN set, /metrics answers only the scraper that sends it")
    func metricsToken() async throws {
        try await withTongban({ $0.metricsToken = "scrape-secret" }) { app in
            let browser = Browser(app)
            let anonymous = try await browser.send(.GET, "/metrics")
            #expect(anonymous.status == .unauthorized, "\(anonymous.status) \(anonymous.body.string.prefix(200))")
            #expect(try await browser.send(.GET, "/metrics", bearer: "wrong").status == .unauthorized)
            let citizen = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.GET, "/metrics", bearer: citizen).status == .unauthorized, "a signed-in citizen is not the scraper")
            let scraped = try await browser.send(.GET, "/metrics", bearer: "scrape-secret")
            #expect(scraped.status == .ok && scraped.body.string.contains("tongban_http_requests_total"))
        }
    }

    @Test("the OpenAPI document lists exactly the registered /api/v1 routes")
    func openAPIMatchesRoutes() async throws {
        try await withTongban { app in
            let response = try await Browser(app).send(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
            #expect(json["openapi"] as? String == "3.0.3")
            let paths = json["paths"] as! [String: [String: Any]]
            var documented: Set<String> = []
            for (path, methods) in paths { for method in methods.keys { documented.insert("\(method.uppercased()) \(path)") } }
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                return path.hasPrefix("/api/v1/") ? "\(route.method.rawValue) \(path)" : nil
            })
            #expect(documented == registered, "undocumented: \(registered.subtracting(documented)); stale: \(documented.subtracting(registered))")
        }
    }

    @Test("bad input gets a 4xx with a stable code and a Chinese message, never a 500", arguments: [
        ("POST", "/api/v1/auth/register", "{not json", 400, "request.malformed"),
        ("POST", "/api/v1/auth/register", "{\"phone\": 13800000000, \"password\": 1, \"realName\": [], \"idNumber\": null}", 400, "request.malformed"),
        ("POST", "/api/v1/auth/token", "[]", 400, "request.malformed"),
        ("POST", "/api/v1/auth/token", "{\"login\": \"x\"}", 400, "request.malformed"),
        ("GET", "/api/v1/services/%00%ff", "", 404, "catalog.item_not_found"),
        ("GET", "/api/v1/life-events/nope", "", 404, "catalog.life_event_not_found"),
        ("GET", "/api/v1/departments/nope", "", 404, "catalog.department_not_found"),
        ("GET", "/api/v1/services?department=nope", "", 404, "catalog.department_not_found"),
        ("GET", "/api/v1/services?hot=maybe", "", 400, "request.malformed"),
        ("GET", "/api/v1/search?limit=0", "", 400, "request.invalid"),
        ("GET", "/api/v1/search?limit=abc", "", 400, "request.malformed"),
        ("GET", "/api/v1/users/not-a-uuid", "", 401, "auth.required"),
        ("GET", "/api/v1/nothing-here", "", 404, "not_found"),
    ])
    func badInput(method: String, path: String, body: String, status: Int, code: String) async throws {
        try await withTongban { app in
            let response = try await Browser(app).send(HTTPMethod(rawValue: method), path, raw: body.isEmpty ? nil : body)
            #expect(Int(response.status.code) == status, "\(method) \(path): \(response.body.string)")
            #expect(response.errorCode == code)
            let error = try response.content.decode(ErrorBody.self)
            #expect(error.message.unicodeScalars.contains { $0.properties.isIdeographic })
        }
    }

    @Test("an oversized body is refused with 413")
    func oversized() async throws {
        try await withTongban { app in
            let huge = "{\"login\": \"" + String(repeating: "a", count: 2_000_000) + "\", \"password\": \"x\"}"
            let response = try await Browser(app).send(.POST, "/api/v1/auth/token", raw: huge)
            #expect(response.status == .payloadTooLarge)
            #expect(response.errorCode == "request.too_large")
        }
    }

    @Test("every response forbids loading anything from outside the server")
    func contentSecurityPolicy() async throws {
        try await withTongban { app in
            let response = try await Browser(app).send(.GET, "/")
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(!response.body.string.contains("http://"))
            #expect(!response.body.string.contains("https://"))
        }
    }
}

@Suite("Bad input on protected route families")
struct ProtectedBadInputTests {
    @Test("administrators' malformed or mistyped bodies get 400/422, and nothing changes", arguments: [
        ("POST", "/api/v1/admin/services", "{", 400),
        ("POST", "/api/v1/admin/services", "{\"code\": 5}", 400),
        ("PUT", "/api/v1/admin/services/__first__", "{\"name\": null}", 400),
        ("PUT", "/api/v1/admin/services/no-such-item", "__valid__", 404),
        ("POST", "/api/v1/admin/departments", "{\"code\": \"x\", \"name\": \"\", \"shortName\": \"\"}", 422),
        ("PUT", "/api/v1/admin/departments/nope", "{\"code\": \"nope\", \"name\": \"某局\", \"shortName\": \"某\"}", 404),
        ("POST", "/api/v1/me/companies", "{\"creditCode\": 123, \"name\": \"x\"}", 400),
    ])
    func adminBadInput(method: String, path: String, body: String, status: Int) async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "admin")
            let first = try CatalogSeed.bundled().items[0]
            var raw = body
            if body == "__valid__" {
                var item = first
                item.code = "no-such-item"
                raw = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
            }
            let before = app.catalogCache.snapshot.revision
            let response = try await Browser(app).send(HTTPMethod(rawValue: method), path.replacingOccurrences(of: "__first__", with: first.code),
                                                       raw: raw, bearer: token)
            #expect(Int(response.status.code) == status, "\(method) \(path): \(response.body.string)")
            #expect(response.errorCode != nil)
            #expect(app.catalogCache.snapshot.revision == before)
        }
    }

    @Test("a visitor who opens a staff page is sent to sign in and brought back")
    func signInRedirect() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let response = try await browser.send(.GET, "/admin/services")
            #expect(response.status == .seeOther)
            let location = try #require(response.headers.first(name: .location))
            #expect(location.hasPrefix("/login?next="))
            let login = try await browser.send(.GET, location)
            #expect(login.body.string.contains("value=\"/admin/services\""))
            try await browser.submit("/login", ["login": "admin", "password": DemoAccounts.password, "next": "/admin/services"])
            #expect(try await browser.send(.GET, "/admin/services").status == .ok)
        }
    }
}
