import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Object level: 张三's things (an accepted application and its file, a 12345 request dispatched to 城管, his
/// certificates, a visitor pass, his inbox) put into EVERY route that takes an id or a ticket number, sent by another
/// citizen (李四) and by staff of departments that have nothing to do with them. Nobody may read or change them, and a
/// citizen is told 404 (not 403: a 403 would confirm the id exists, the issue 3 rule). Routes found from
/// `app.routes.all`, so a new route taking an id is covered the day it is added. Feature tests check the same for their
/// own flows in depth (`CaseAuthorizationTests`, `HotlineAuthorizationTests`, `BillTests`, `RecordsTests`, `TrafficTests`,
/// `ClinicTests`, `CounterBookingTests`, `CommunitySecurityTests`, `RepairTests`, `CareTests`).
@Suite("Security: others' objects through every route that takes an id")
struct SecurityObjectTests {
    struct Objects {
        var caseID: UUID
        var uploadID: UUID
        var ticket: String
        var certificates: [UUID]
        var pass: UUID
        var messages: [UUID]
        var ids: [UUID] { [caseID, uploadID, pass] + certificates + messages }
    }

    /// 张三's objects, made through the API as he and staff would.
    static func zhangsObjects(_ app: Application) async throws -> Objects {
        let browser = Browser(app)
        let zhang = try await apiToken(app, "13800000001")
        let created = try await browser.apply(try await browser.application(lifeEvent: "eshgh", token: zhang), token: zhang)
        let accepted = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk"))
        #expect(accepted.status == .ok)
        let upload = try #require(created.materials.compactMap(\.uploadId).first)
        let ticket = try #require(try await browser.fileTicket(.call("complaint", title: "路灯不亮", body: "小区门口路灯坏了一个星期。", phone: nil), token: zhang))
        #expect(try await browser.ticketAction(ticket.number, "dispatch", ["department": "cg"], token: try await apiToken(app, "dispatcher")).status == .ok)
        let wallet = try await browser.send(.GET, "/api/v1/me/certificates", bearer: zhang).content.decode([CertificateController.WalletEntry].self)
        let passBody = try JSONEncoder.iso.encode(SecurityService.PassInput(visitorName: "李小红", from: Date().addingTimeInterval(3600), until: Date().addingTimeInterval(7200)))
        let pass = try await browser.send(.POST, "/api/v1/me/visitor-passes", raw: String(decoding: passBody, as: UTF8.self), bearer: zhang)
        #expect(pass.status == .created, "\(pass.body.string)")
        let messages = try await browser.send(.GET, "/api/v1/notifications", bearer: zhang).content.decode([NotificationController.MessageView].self)
        #expect(!messages.isEmpty, "filing and applying leave messages in his inbox")
        return Objects(caseID: created.id, uploadID: upload, ticket: ticket.number, certificates: wallet.map(\.id),
                       pass: try pass.content.decode(SecurityService.PassView.self).id, messages: messages.map(\.id))
    }

    /// Concrete paths for a route, one per value of the parameters named in `values` (every such parameter carries it);
    /// any other parameter is `fill[name]` or "none". Empty when the route takes none of them.
    static func paths(_ route: Route, values: [String: [String]], fill: [String: String] = [:]) -> [String] {
        let parameters = route.path.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
        var candidates: [String] = []
        for name in parameters { for value in values[name] ?? [] where !candidates.contains(value) { candidates.append(value) } }
        return candidates.map { value in
            "/" + route.path.map { component -> String in
                switch component {
                case .constant(let text): return text
                case .parameter(let name): return values[name] != nil ? value : fill[name] ?? "none"
                default: return "x"
                }
            }.joined(separator: "/")
        }
    }

    /// 张三's ids in every id-like parameter, his ticket number in `:number`.
    static func paths(_ route: Route, ids: [UUID], ticket: String) -> [String] {
        var values = Dictionary(uniqueKeysWithValues: ["id", "entry", "question", "task", "order", "session"].map { ($0, ids.map(\.uuidString)) })
        values["number"] = [ticket]
        return paths(route, values: values)
    }

    /// 李四 and staff of departments and a community with nothing to do with 张三 or 翡翠苑: a browser session and an API token each.
    static let strangers = ["13800000002", "reviewer.gjj", "reviewer.scjg", "handler.sthj", "community.hjj"]

    static func signInStrangers(_ app: Application) async throws -> [String: (Browser, String)] {
        var browsers: [String: (Browser, String)] = [:]
        for name in strangers {
            let browser = Browser(app)
            try await browser.signIn(name)
            browsers[name] = (browser, try await apiToken(app, name))
        }
        return browsers
    }

    /// Sends every signed-in route whose `paths` are not empty as each stranger: the API with their token and a body of
    /// `{}`, pages in their browser with the CSRF token. A problem is a 2xx (or a GET answered by a redirect), a 5xx, or a
    /// 403 to 李四 on a route for anyone signed in (it would confirm the id exists).
    static func sweep(_ app: Application, as browsers: [String: (Browser, String)], paths: (Route) -> [String]) async throws -> (sent: Int, problems: [String]) {
        var problems: [String] = []
        var sent = 0
        for route in app.routes.all {
            let key = "\(route.method.rawValue) \(SecurityRouteMatrixTests.pattern(route))"
            guard let policy = SecurityRoutePolicy.table[key], policy != .public, policy != .machine, policy != .skip else { continue }
            for path in paths(route) {
                for (name, (browser, token)) in browsers {
                    let response: TestingHTTPResponse
                    if SecurityRouteMatrixTests.isAPI(path) {
                        response = try await Browser(app).send(route.method, path, raw: route.method == .GET ? nil : "{}", bearer: token)
                    } else if route.method == .GET {
                        response = try await browser.send(.GET, path)
                    } else {
                        response = try await browser.send(route.method, path, form: ["_csrf": browser.csrf])
                    }
                    sent += 1
                    if let problem = problem(response, method: route.method, path: path, as: name, policy: policy) { problems.append(problem) }
                }
            }
        }
        return (sent, problems)
    }

    static func problem(_ response: TestingHTTPResponse, method: HTTPMethod, path: String, as name: String, policy: SecurityRoutePolicy) -> String? {
        let status = response.status.code
        if (200..<300).contains(status) || (status == 303 && method == .GET) {
            return "\(method) \(path) as \(name): \(status) \(response.body.string.prefix(100))"
        } else if name == "13800000002", status == 403, policy == .signedIn {
            return "\(method) \(path) as 李四: 403 tells him the id exists — 404 expected"
        } else if status >= 500 {
            return "\(method) \(path) as \(name): \(status)"
        }
        return nil
    }

    @Test("another citizen and other departments' staff get nothing from 张三's ids on any route; the citizen gets 404")
    func everyRouteWithAnID() async throws {
        try await withTongban(manualDispatch) { app in
            let objects = try await Self.zhangsObjects(app)
            // 住建, 税务 and 自然资源 have tasks on the case and 城管 has the ticket; these departments and 红军街社区 have nothing.
            let browsers = try await Self.signInStrangers(app)
            let (sent, problems) = try await Self.sweep(app, as: browsers) { Self.paths($0, ids: objects.ids, ticket: objects.ticket) }
            #expect(sent > 500)
            #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.joined(separator: "\n"))")

            // Nothing of his changed on the way.
            let zhang = try await apiToken(app, "13800000001")
            let browser = Browser(app)
            #expect(try await browser.caseView(objects.caseID, token: zhang).state == "inReview")
            #expect(try await browser.ticket(objects.ticket, token: zhang).state == "dispatched")
            let passes = try await browser.send(.GET, "/api/v1/me/visitor-passes", bearer: zhang).content.decode([SecurityService.PassView].self)
            #expect(passes.first { $0.id == objects.pass }?.revoked == false)
            let wallet = try await browser.send(.GET, "/api/v1/me/certificates", bearer: zhang).content.decode([CertificateController.WalletEntry].self)
            #expect(Set(wallet.map(\.id)) == Set(objects.certificates))
            // 李四's own lists show none of it.
            let li = browsers["13800000002"]!.1
            let liMessages = try await browser.send(.GET, "/api/v1/notifications", bearer: li).content.decode([NotificationController.MessageView].self)
            #expect(Set(liMessages.map(\.id)).isDisjoint(with: objects.messages))
            #expect(try await browser.send(.GET, "/api/v1/tickets", bearer: li).body.string.contains(objects.ticket) == false)
            #expect(try await browser.send(.GET, "/api/v1/me/visitor-passes", bearer: li).body.string.contains(objects.pass.uuidString) == false)
        }
    }

    @Test("a citizen acting on a 12345 ticket gets the same 403 whether the number exists or not (no way to find others' numbers)")
    func ticketActionsDoNotRevealNumbers() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let zhang = try await apiToken(app, "13800000001"), li = try await apiToken(app, "13800000002")
            let ticket = try #require(try await browser.fileTicket(.call("complaint", title: "路灯不亮", body: "小区门口路灯坏了一个星期。", phone: nil), token: zhang))
            for action in ["sign", "return", "reply", "extension", "extension/decision", "urge", "merge", "dispatch", "reassign"] {
                let real = try await browser.send(.POST, "/api/v1/tickets/\(ticket.number)/\(action)", raw: "{}", bearer: li)
                let made = try await browser.send(.POST, "/api/v1/tickets/12345-20260101-AAAAAA/\(action)", raw: "{}", bearer: li)
                #expect(real.status == .forbidden && made.status == .forbidden, "\(action): \(real.status) for a real number, \(made.status) for a made-up one")
            }
            #expect(try await browser.send(.GET, "/api/v1/tickets/\(ticket.number)", bearer: li).status == .notFound)
        }
    }
}
