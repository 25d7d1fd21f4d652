import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

/// Issue 12, bad input and attacks: rate limits, file names that try to leave the data directory, and bodies too big.
/// Login by API is already limited in `IdentityTests.rateLimit`, the 查询码 in `HotlineAuthorizationTests.visibility`,
/// the kiosk's code checks in `KioskTests`, the plate query in `TrafficTests`; here the rest.
@Suite("Security: rate limits, uploads and oversized bodies")
struct SecurityLimitsTests {
    // MARK: Rate limits

    @Test("the sign-in page: after five wrong passwords even the right one is refused with 429 and a message saying when to retry")
    func loginPage() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            for _ in 0..<5 {
                let wrong = try await browser.submit("/login", ["login": "13800000001", "password": "wrong-password1"], from: "/login")
                #expect(wrong.status == .unauthorized)
            }
            let locked = try await browser.submit("/login", ["login": "13800000001", "password": DemoAccounts.password], from: "/login")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains("登录失败次数过多") && locked.body.string.contains("分钟后再试"))
            #expect(browser.cookies[CookieName.session] == nil, "no session is started")
        }
    }

    @Test("SMS sign-in codes: the sixth in fifteen minutes for one ID number is refused with 429, and only five texts leave")
    func smsCodes() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let idNumber = DemoAccounts.citizens[0].idNumber
            for _ in 0..<5 {
                let sent = try await browser.submit("/kiosk/code", ["idNumber": idNumber], from: "/kiosk")
                #expect(sent.status == .ok)
            }
            let refused = try await browser.submit("/kiosk/code", ["idNumber": idNumber], from: "/kiosk")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.string.contains("验证码发送太频繁"))
            let texts = try await TongbanApp.Notification.query(on: app.db).filter(\.$title == "登录验证码").count()
            #expect(texts == 5)
            // One terminal sending codes for many ID numbers is stopped too (30 per address).
            let other = Browser(app)
            var statuses: [HTTPStatus] = []
            for order in 0..<31 {
                let id = ResidentID.make(region: "341502", year: 1990, month: 1, day: 1, order: 100 + order).value
                if other.cookies["tb_csrf"] == nil { try await other.send(.GET, "/kiosk") }
                statuses.append(try await other.send(.POST, "/kiosk/code", headers: ["X-Forwarded-For": "10.9.9.9"],
                                                     form: ["idNumber": id, "_csrf": other.csrf]).status)
            }
            #expect(statuses.prefix(30).allSatisfy { $0 == .ok } && statuses.last == .tooManyRequests)
        }
    }

    @Test("12345 requests: a citizen's eleventh within an hour is refused with 429 (API and form, the typed text kept); operators are not limited")
    func ticketFiling() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            for index in 0..<10 {
                _ = try await browser.fileTicket(.call("consult", title: "咨询第\(index)件", body: "想问一下办理居住证需要什么材料。", phone: nil), token: citizen)
            }
            let refused = try await browser.send(.POST, "/api/v1/tickets",
                                                 json: TicketInput.call("consult", title: "再问一件", body: "想问一下办理居住证需要什么材料。", phone: nil), bearer: citizen)
            #expect(refused.status == .tooManyRequests && refused.errorCode == "ticket.rate_limited")
            #expect(try refused.content.decode(ErrorBody.self).message.contains("过于频繁"))
            #expect(try await Ticket.query(on: app.db).count() == 10)

            let page = Browser(app)
            try await page.signIn("13800000001")
            let form = try await page.submit("/hotline", ["type": "consult", "title": "网页再问", "body": "这段话不应丢失，请保留。", "channel": "web"], from: "/hotline")
            #expect(form.status == .tooManyRequests)
            #expect(form.body.string.contains("过于频繁") && form.body.string.contains("这段话不应丢失，请保留。"))

            // Another citizen is unaffected, and an operator registering calls is never limited.
            _ = try await browser.fileTicket(.call("consult", title: "李四咨询", body: "想问一下办理居住证需要什么材料。", phone: nil),
                                             token: try await apiToken(app, "13800000002"))
            let operatorToken = try await apiToken(app, "operator")
            for index in 0..<11 {
                _ = try await browser.fileTicket(.call("consult", title: "来电\(index)", body: "来电咨询居住证办理需要的材料。"), token: operatorToken)
            }
            // An hour later the citizen may file again.
            app.clock.advance(by: 3601)
            _ = try await browser.fileTicket(.call("consult", title: "一小时后", body: "想问一下办理居住证需要什么材料。", phone: nil), token: citizen)
        }
    }

    // MARK: Uploads: names that try to leave the data directory

    static let traversalNames = ["../../../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "材料/../../../secret.key",
                                 "%2e%2e%2f%2e%2e%2fsecret.key", "a\"; filename=\"evil.html", "<script>alert(1)</script>.pdf"]

    /// Every file under the test's data directory, relative to it.
    static func files(under directory: String) -> Set<String> {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: Set<String> = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue { found.insert(path) }
        }
        return found
    }

    @Test("a file named ../../etc/passwd is stored under its content hash inside the data directory; the name is only a label")
    func traversalNamesOnUpload() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let token = try await apiToken(app, "13800000001")
            let data = app.settings.dataDirectory
            let before = Self.files(under: data)
            var ids: [UUID] = []
            for (index, name) in Self.traversalNames.enumerated() {
                var pdf = samplePDF
                pdf.append(Data("% \(index)\n".utf8))  // a different content each time, so each is written
                var headers = HTTPHeaders([("Content-Type", "application/pdf")])
                headers.add(name: "X-File-Name", value: name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                var captured: TestingHTTPResponse?
                headers.bearerAuthorization = BearerAuthorization(token: token)
                try await app.testing().test(.POST, "/api/v1/uploads", headers: headers, body: ByteBuffer(data: pdf)) { captured = $0 }
                let response = try #require(captured)
                #expect(response.status == .created, "\(name): \(response.body.string)")
                let view = try response.content.decode(CaseController.UploadView.self)
                #expect(view.fileName == name.trimmingCharacters(in: .whitespaces), "the name is kept as a label, as typed")
                ids.append(view.id)
            }
            let added = Self.files(under: data).subtracting(before)
            #expect(added.count == Self.traversalNames.count)
            for path in added {
                #expect(path.range(of: "^uploads/[0-9a-f]{2}/[0-9a-f]{64}$", options: .regularExpression) != nil, "stored as \(path)")
            }
            #expect(!FileManager.default.fileExists(atPath: data + "/../secret.key"))
            // Downloading gives the file back under a header that cannot be broken out of.
            for (id, name) in zip(ids, Self.traversalNames) {
                let download = try await browser.send(.GET, "/api/v1/uploads/\(id)", bearer: token)
                #expect(download.status == .ok)
                let disposition = download.headers.first(name: .contentDisposition) ?? ""
                #expect(disposition.hasPrefix("inline; filename*=UTF-8''") && !disposition.contains("\"") && !disposition.contains("/"),
                        "\(name) → \(disposition)")
            }
        }
    }

    @Test("download routes refuse traversal ids and names: 404, never a file from outside", arguments: [
        "/api/v1/uploads/..%2F..%2F..%2Fetc%2Fpasswd", "/api/v1/uploads/../../../etc/passwd", "/api/v1/uploads/%2e%2e%2f%2e%2e%2fsecret.key",
        "/api/v1/uploads/00000000-0000-0000-0000-000000000000", "/static/..%2F..%2F..%2FPackage.swift", "/static/../../Package.swift",
        "/static/%2e%2e%2fsecret.key", "/tickets/12345/photos/..%2F..%2Fsecret.key",
    ])
    func traversalOnDownload(_ path: String) async throws {
        try await withTongban { app in
            let browser = Browser(app)
            for token in [nil, try await apiToken(app, "13800000001"), try await apiToken(app, "admin")] {
                let response = try await browser.send(.GET, path, bearer: token)
                let toLogin = response.status == .seeOther && response.headers.first(name: .location)?.hasPrefix("/login") == true
                #expect([401, 404].contains(response.status.code) || toLogin, "\(path): \(response.status)")
                #expect(!response.body.string.contains("root:") && !response.body.string.contains("swift-tools-version"))
            }
        }
    }

    // MARK: Oversized bodies and uploads

    @Test("an upload over 10 MB gets 413 with a Chinese message and nothing is saved")
    func oversizedUpload() async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "13800000001")
            var pdf = samplePDF
            pdf.append(Data(count: UploadStore.maxBytes + 1 - pdf.count))
            var headers = HTTPHeaders([("Content-Type", "application/pdf"), ("X-File-Name", "big.pdf")])
            headers.bearerAuthorization = BearerAuthorization(token: token)
            var captured: TestingHTTPResponse?
            try await app.testing().test(.POST, "/api/v1/uploads", headers: headers, body: ByteBuffer(data: pdf)) { captured = $0 }
            let response = try #require(captured)
            #expect(response.status == .payloadTooLarge && response.errorCode == "upload.too_large")
            #expect(try response.content.decode(ErrorBody.self).message.contains("文件不能超过 10 MB"))
            #expect(try await Upload.query(on: app.db).count() == 0)
            #expect(Self.files(under: app.settings.dataDirectory + "/uploads").isEmpty)
            // Over the whole request allowance (48 MB) it is refused before the route reads it.
            pdf.append(Data(count: BodyLimitMiddleware.uploadBytes))
            try await app.testing().test(.POST, "/api/v1/uploads", headers: headers, body: ByteBuffer(data: pdf)) { captured = $0 }
            #expect(captured?.status == .payloadTooLarge && captured?.errorCode == "request.too_large")
            #expect(try await Upload.query(on: app.db).count() == 0)
        }
    }

    @Test("an 11 MB file in the application form is named on the form; no file, no case; the server keeps serving")
    func oversizedFormFile() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            try await browser.signIn("13800000002")
            var (fields, files) = browser.applicationForm(lifeEvent: "eshgh")
            var big = samplePDF
            big.append(Data(count: 11 * 1024 * 1024))
            files[0].data = big
            let response = try await browser.submitMultipart("/apply", fields: fields, files: files)
            #expect(response.status.code < 500)
            #expect(response.body.string.contains("文件不能超过 10 MB"))
            #expect(try await Case.query(on: app.db).count() == 0)
            #expect(try await Upload.query(on: app.db).filter(\.$size > UploadStore.maxBytes).count() == 0)
            #expect(try await browser.send(.GET, "/healthz").status == .ok)
        }
    }

    @Test("a JSON or form body over 1 MB gets 413 with a Chinese message (JSON for the API, a page for forms); nothing saved")
    func oversizedBodies() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let token = try await apiToken(app, "13800000001")
            let huge = String(repeating: "长", count: 400_000)  // 1.2 MB in UTF-8
            let api = try await browser.send(.POST, "/api/v1/tickets", json: TicketInput.call(title: "大", body: huge, phone: nil), bearer: token)
            #expect(api.status == .payloadTooLarge && api.errorCode == "request.too_large")
            #expect(try api.content.decode(ErrorBody.self).message.contains("请求内容过大"))
            try await browser.signIn("13800000001")
            let page = try await browser.submit("/hotline", ["type": "complaint", "title": "大", "body": huge], from: "/hotline")
            #expect(page.status == .payloadTooLarge && page.body.string.contains("请求内容过大"))
            #expect(page.headers.contentType?.subType == "html")
            #expect(try await Ticket.query(on: app.db).count() == 0)
        }
    }
}
