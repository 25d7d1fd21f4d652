import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Boots the real platform on a fresh database for one test: in-memory SQLite by default, or a
/// private schema on the PostgreSQL server named by TEST_DATABASE_URL, dropped afterwards.
func withTongban<T>(
    _ adjust: (inout Settings) -> Void = { _ in },
    _ test: (Application) async throws -> T
) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tongban-test-\(UUID().uuidString)").path
    var settings = Settings(
        storage: .sqliteMemory, dataDirectory: directory,
        masterKeyBase64: Data(repeating: 7, count: 32).base64EncodedString(), bcryptCost: 4)
    var schema: String?
    if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await PostgresSchemas.create(String(name), url: url)
        schema = String(name)
        settings.storage = .postgres(url: url, searchPath: String(name))
        // Dozens of tests run at once, each with its own application: two connections per event loop keep the
        // suite under the server's max_connections (the production default of four is for real load).
        settings.databasePoolPerLoop = 2
    }
    adjust(&settings)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    let result: T
    do {
        try await configure(app, settings: settings)
        result = try await test(app)
    } catch {
        try? await app.asyncShutdown()
        if let schema, let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] { try? await PostgresSchemas.drop(schema, url: url) }
        throw error
    }
    try await app.asyncShutdown()
    if let schema, let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] { try await PostgresSchemas.drop(schema, url: url) }
    return result
}

/// A small HTTP client on top of the in-memory tester that keeps cookies like a browser.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]

    init(_ app: Application) { self.app = app }

    var csrf: String { cookies["tb_csrf"] ?? "" }

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], form: [String: String]? = nil,
              json: (any Encodable)? = nil, raw: String? = nil, bearer: String? = nil) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        var body = ByteBuffer()
        if let form {
            headers.contentType = .urlEncodedForm
            var components = URLComponents()
            components.queryItems = form.map { URLQueryItem(name: $0.key, value: $0.value) }
            let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            body.writeString(encoded)
        } else if let json {
            headers.contentType = .json
            body.writeBytes(try JSONEncoder().encode(json))
        } else if let raw {
            if headers.contentType == nil { headers.contentType = .json }
            body.writeString(raw)
        }
        var captured: TestingHTTPResponse?
        try await app.testing().test(method, path, headers: headers, body: body) { response in captured = response }
        let response = captured!
        for (name, cookie) in response.headers.setCookie?.all ?? [:] {
            if cookie.maxAge == 0 { cookies[name] = nil } else { cookies[name] = cookie.string }
        }
        return response
    }

    /// Visits a page first (as a person would), so the CSRF cookie exists, then posts the form with it.
    @discardableResult
    func submit(_ path: String, _ fields: [String: String], from page: String = "/") async throws -> TestingHTTPResponse {
        if cookies["tb_csrf"] == nil { try await send(.GET, page) }
        var fields = fields
        fields["_csrf"] = csrf
        return try await send(.POST, path, form: fields)
    }

    func signIn(_ login: String, password: String = DemoAccounts.password) async throws {
        let response = try await submit("/login", ["login": login, "password": password], from: "/login")
        #expect(response.status == .seeOther, "sign-in of \(login) failed: \(response.body.string)")
    }
}

func apiToken(_ app: Application, _ login: String, password: String = DemoAccounts.password) async throws -> String {
    let response = try await Browser(app).send(.POST, "/api/v1/auth/token", json: LoginInput(login: login, password: password))
    #expect(response.status == .ok, "token for \(login): \(response.body.string)")
    return try response.content.decode(TokenResponse.self).token
}

extension TestingHTTPResponse {
    var errorCode: String? { try? content.decode(ErrorBody.self).error }
}
