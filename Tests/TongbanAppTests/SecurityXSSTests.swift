import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Stored XSS: what citizens type comes back escaped on every page that shows it, to staff and to the public.
/// Already covered elsewhere: consultation comments (`ConsultationTests`), interview questions (`InterviewTests`),
/// community notices (`CommunityNoticeTests`), repair text (`RepairTests`), traceability (`TraceabilityTests`), search
/// (`WebTests`). Names cannot carry markup: registration takes 2–20 汉字 only (`IdentityService.register`).
/// `scripts/xss-check.py` checks the same pages in Chromium (no alert, no injected element).
@Suite("Security: stored XSS on the pages that show citizens' text")
struct SecurityXSSTests {
    static let script = "<script>alert('xss')</script>"
    static let attribute = "\"><img src=x onerror=alert('xss')>"

    /// The page shows the text (escaped) and never the markup.
    static func check(_ response: TestingHTTPResponse, _ page: String, shows: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        let html = response.body.string
        #expect(response.status == .ok, "\(page): \(response.status)", sourceLocation: sourceLocation)
        #expect(!html.contains("<script>alert("), "\(page) has a raw <script>", sourceLocation: sourceLocation)
        #expect(!html.contains("<img src=x onerror"), "\(page) has a raw <img onerror>", sourceLocation: sourceLocation)
        if shows {
            #expect(html.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;") || html.contains("&quot;&gt;&lt;img src=x onerror=alert(&#39;xss&#39;)&gt;"),
                    "\(page) does not show the text at all", sourceLocation: sourceLocation)
        }
    }

    static func staffBrowser(_ app: Application, _ login: String) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(login)
        return browser
    }

    @Test("an application's form answers and file names: the applicant's, the window's and the reviewer's case pages")
    func application() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let owner = try await apiToken(app, "13800000002")
            var input = try await browser.application(lifeEvent: "eshgh", token: owner)
            let snapshot = app.catalogCache.snapshot
            let items = snapshot.lifeEvent("eshgh")!.items.compactMap { snapshot.items[$0] }
            var written = 0
            for field in FormValidation.mergedFields(items) where ["text", "textarea"].contains(field.type) {
                let payload = written % 2 == 0 ? Self.script : Self.attribute
                if (field.maxLength ?? 1000) >= payload.count { input.form[field.key] = payload; written += 1 }
            }
            #expect(written > 0, "the form has text fields to write into")
            input.materials![0].uploadId = try await browser.uploadPDF(owner, name: Self.attribute + ".pdf")
            let created = try await browser.apply(input, token: owner)
            _ = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk"))

            let mine = Browser(app)
            try await mine.signIn("13800000002")
            Self.check(try await mine.send(.GET, "/me/cases/\(created.id)"), "applicant's case page")
            Self.check(try await mine.send(.GET, "/me/cases"), "applicant's list", shows: false)
            let clerk = try await Self.staffBrowser(app, "clerk")
            Self.check(try await clerk.send(.GET, "/workbench/cases/\(created.id)"), "window's case page")
            _ = try await reviewerToken(app, department: "zj")
            let reviewer = try await Self.staffBrowser(app, "test.reviewer.zj")
            Self.check(try await reviewer.send(.GET, "/workbench/cases/\(created.id)"), "reviewer's case page")
            Self.check(try await reviewer.send(.GET, "/workbench/tasks"), "reviewer's queue", shows: false)
        }
    }

    @Test("a 12345 request's title and text, and a bad rating's comment: citizen's, dispatcher's, handler's and supervisor's pages")
    func ticketAndRating() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let filed = try #require(try await browser.fileTicket(.call("complaint", title: Self.script, body: Self.attribute + "路灯不亮很久了", phone: nil), token: citizen))
            let zhang = try await Self.staffBrowser(app, "13800000001")
            Self.check(try await zhang.send(.GET, "/me/tickets/\(filed.number)"), "citizen's ticket page")
            Self.check(try await zhang.send(.GET, "/me/tickets"), "citizen's ticket list")
            let dispatcherDesk = try await Self.staffBrowser(app, "dispatcher")
            Self.check(try await dispatcherDesk.send(.GET, "/workbench/tickets/\(filed.number)"), "dispatcher's ticket page")
            Self.check(try await dispatcherDesk.send(.GET, "/workbench/hotline/dispatch"), "dispatch queue")

            let dispatcher = try await apiToken(app, "dispatcher"), handler = try await apiToken(app, "handler.cg")
            #expect(try await browser.ticketAction(filed.number, "dispatch", ["department": "cg"], token: dispatcher).status == .ok)
            #expect(try await browser.ticketAction(filed.number, "sign", token: handler).status == .ok)
            #expect(try await browser.ticketAction(filed.number, "reply", ["reply": "已更换灯头，恢复照明。"], token: handler).status == .ok)
            let handlerDesk = try await Self.staffBrowser(app, "handler.cg")
            Self.check(try await handlerDesk.send(.GET, "/workbench/hotline/department"), "department queue", shows: false)
            Self.check(try await handlerDesk.send(.GET, "/workbench/tickets/\(filed.number)"), "handler's ticket page")

            let rating = try await browser.send(.POST, "/api/v1/reviews",
                                                json: ReviewInput(subject: "ticket", id: filed.number, level: 1, comment: Self.script + Self.attribute), bearer: citizen)
            #expect(rating.status == .created, "\(rating.body.string)")
            Self.check(try await handlerDesk.send(.GET, "/workbench/rectifications"), "the department's rectifications")
            Self.check(try await Self.staffBrowser(app, "supervisor").send(.GET, "/workbench/rectifications"), "the supervisor's rectifications")
            Self.check(try await zhang.send(.GET, "/me/reviews"), "citizen's ratings")
            Self.check(try await Browser(app).send(.GET, "/reviews"), "public figures", shows: false)
        }
    }

    @Test("a question the assistant could not answer, on the administrator's page")
    func assistantQuestion() async throws {
        try await withTongban { app in
            let asked = try await Browser(app).send(.POST, "/api/v1/assistant", json: AssistantService.Input(message: Self.script + "火星移民怎么办" + Self.attribute))
            #expect(asked.status == .ok)
            Self.check(try await Self.staffBrowser(app, "admin").send(.GET, "/admin/assistant"), "unanswered questions")
        }
    }

    @Test("a visitor's name on a visitor pass: the resident's passes and the pass's QR page")
    func visitorPass() async throws {
        try await withTongban { app in
            let from = Date().addingTimeInterval(3600), until = Date().addingTimeInterval(7200)
            let body = try JSONEncoder.iso.encode(SecurityService.PassInput(visitorName: "<b>李\"小红", from: from, until: until))
            let response = try await Browser(app).send(.POST, "/api/v1/me/visitor-passes", raw: String(decoding: body, as: UTF8.self),
                                                       bearer: try await apiToken(app, "13800000001"))
            #expect(response.status == .created || response.status == .unprocessableEntity, "\(response.body.string)")
            guard response.status == .created else { return }  // refused as a name: nothing stored to show
            let pass = try response.content.decode(SecurityService.PassView.self)
            let zhang = try await Self.staffBrowser(app, "13800000001")
            let page = try await zhang.send(.GET, "/me/visitors").body.string
            #expect(!page.contains("<b>李") && page.contains("&lt;b&gt;李&quot;小红"))
            let qr = try await Browser(app).send(.GET, "/passes/\(pass.code)").body.string
            #expect(!qr.contains("<b>李"))
        }
    }
}
