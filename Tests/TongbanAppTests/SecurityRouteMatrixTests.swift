import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Every route the application registers, each with the policy it is meant to enforce, sent by every kind of person.
/// A route added without an entry in `SecurityRoutePolicy.table` fails `everyRouteHasAPolicy`, forcing a decision.
///
/// Route-level only (with made-up ids, so handlers that find nothing say 404): who is asked to sign in, who is refused.
/// Which objects a person may see is checked with real objects in `SecurityObjectTests`, `CaseAuthorizationTests`,
/// `HotlineAuthorizationTests` and the features' own tests; the positive side (who may) in `AuthorizationTests`.
@Suite("Security: every route × every role", .serialized)
struct SecurityRouteMatrixTests {
    /// Signed-in people, one per kind (DESIGN.md §1 and `Role`): citizen, company agent (李四 is 六安皖西茶业's), window
    /// clerk, reviewers of two departments, a department's 12345 handler, operator, community staff, supervisor, leader, admin.
    static let accounts = ["13800000001", "13800000002", "clerk", "reviewer.gjj", "reviewer.scjg", "handler.cg", "operator",
                           "community.fcy", "supervisor", "leader", "admin"]
    static let citizens: Set<String> = ["13800000001", "13800000002"]

    /// One application for the whole suite: the matrix only reads what the seed created and writes nothing it later needs.
    struct Session {
        var browser: Browser
        var token: String?
    }

    static func sessions(_ app: Application) async throws -> [String: Session] {
        var sessions: [String: Session] = [:]
        let anonymous = Browser(app)
        try await anonymous.send(.GET, "/login")
        sessions["anonymous"] = Session(browser: anonymous, token: nil)
        for account in accounts {
            let browser = Browser(app)
            try await browser.signIn(account)
            sessions[account] = Session(browser: browser, token: try await apiToken(app, account))
        }
        return sessions
    }

    static func pattern(_ route: Route) -> String {
        "/" + route.path.map(\.description).joined(separator: "/")
    }

    /// A concrete path for a pattern: made-up values for parameters (a real department or community code where the
    /// route is scoped by one, so the scope check is what answers).
    static func concrete(_ route: Route) -> String {
        let constants = route.path.compactMap { if case .constant(let text) = $0 { text } else { nil } }
        return "/" + route.path.map { component -> String in
            switch component {
            case .constant(let text): return text
            case .parameter(let name):
                switch name {
                case "id", "task", "question", "entry", "session", "order": return "00000000-0000-4000-8000-000000000000"
                case "department": return "gjj"
                case "hall": return "city"
                // Real scopes where a route is scoped by one, so the role check answers rather than "no such community".
                case "code" where constants.first == "community" || constants.contains("communities"): return "341502001001"
                case "code" where constants.contains("departments"): return "gjj"
                default: return "none-\(name)"
                }
            case .anything: return "x"
            case .catchall: return "x/y"
            }
        }.joined(separator: "/")
    }

    static func isAPI(_ path: String) -> Bool { path.hasPrefix("/api/") || path.hasPrefix("/open311/") }

    static func send(_ route: Route, as session: Session, csrf: String? = nil) async throws -> TestingHTTPResponse {
        let path = concrete(route)
        let browser = session.browser
        if isAPI(path) {
            // API clients: a bearer token, a JSON body; no cookies (a fresh client each time).
            return try await Browser(browser.app).send(route.method, path, raw: route.method == .GET ? nil : "{}", bearer: session.token)
        }
        if route.method == .GET || route.method == .HEAD { return try await browser.send(route.method, path) }
        return try await browser.send(route.method, path, form: ["_csrf": csrf ?? browser.csrf])
    }

    static func askedToSignIn(_ response: TestingHTTPResponse) -> Bool {
        response.status == .unauthorized
            || (response.status == .seeOther && response.headers.first(name: .location)?.hasPrefix("/login") == true)
    }

    static func refused(_ response: TestingHTTPResponse) -> Bool {
        [.forbidden, .notFound].contains(response.status) || askedToSignIn(response)
    }

    @Test("every registered route has a declared policy, and every entry in the table is a registered route")
    func everyRouteHasAPolicy() async throws {
        try await withTongban { app in
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) \(Self.pattern($0))" })
            let declared = Set(SecurityRoutePolicy.table.keys)
            let missing = registered.subtracting(declared).sorted()
            #expect(missing.isEmpty, "routes without a policy in SecurityRoutePolicy.table — decide who may use them:\n\(missing.joined(separator: "\n"))")
            let stale = declared.subtracting(registered).sorted()
            #expect(stale.isEmpty, "policies for routes that no longer exist:\n\(stale.joined(separator: "\n"))")
        }
    }

    @Test("anonymous, citizens, staff and non-administrators are refused wherever the policy says; no route answers 5xx")
    func matrix() async throws {
        try await withTongban { app in
            let sessions = try await Self.sessions(app)
            var problems: [String] = []
            for route in app.routes.all.sorted(by: { Self.pattern($0) < Self.pattern($1) }) {
                let key = "\(route.method.rawValue) \(Self.pattern(route))"
                guard let policy = SecurityRoutePolicy.table[key] else { continue }  // reported by everyRouteHasAPolicy
                if policy == .skip { continue }
                for name in ["anonymous"] + Self.accounts {
                    let response = try await Self.send(route, as: sessions[name]!)
                    let code = response.status.code
                    if code >= 500 { problems.append("\(key) as \(name): \(code) \(response.body.string.prefix(120))") }
                    if let wrong = policy.violation(by: name, response, parameterized: route.path.contains { if case .parameter = $0 { true } else { false } }) { problems.append("\(key) as \(name): \(wrong)") }
                }
            }
            #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.joined(separator: "\n"))")
        }
    }

    @Test("every state-changing browser route refuses a request without or with a wrong CSRF token, signed in or not")
    func csrfOnEveryForm() async throws {
        try await withTongban { app in
            let sessions = try await Self.sessions(app)
            var problems: [String] = []
            var checked = 0
            for route in app.routes.all where route.method != .GET && route.method != .HEAD {
                let path = Self.concrete(route)
                for name in ["anonymous", "13800000001", "admin"] {
                    let browser = sessions[name]!.browser
                    if Self.isAPI(path) {
                        // An API route reached with the session cookie (a browser's fetch) needs the header; a bearer
                        // token needs none (a browser never attaches one by itself).
                        guard name != "anonymous" else { continue }
                        let response = try await browser.send(route.method, path, raw: "{}")
                        if response.errorCode != "csrf.invalid" { problems.append("\(route.method) \(path) with the session cookie and no token as \(name): \(response.status)") }
                        continue
                    }
                    for token in [nil, "wrong-token-wrong-token-wrong-token-wrong-t", String(browser.csrf.reversed())] {
                        let fields = token.map { ["_csrf": $0, "name": "x"] } ?? ["name": "x"]
                        let response = try await browser.send(route.method, path, form: fields)
                        let refused = response.status == .forbidden && response.body.string.contains("页面已过期或来源不明")
                        if !refused { problems.append("\(route.method) \(path) as \(name) with token \(token ?? "none"): \(response.status)") }
                    }
                    checked += 1
                }
            }
            #expect(checked > 100, "forms checked: \(checked)")
            #expect(problems.isEmpty, "\(problems.count) forms accepted without a valid token:\n\(problems.joined(separator: "\n"))")
        }
    }
}
