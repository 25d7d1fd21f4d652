import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("12345 hotline: who must not see or do what, and bad input")
struct HotlineAuthorizationTests {
    @Test("departments see only their tickets; contacts are masked except for the centre's operators and the handling department")
    func visibility() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator")
            let filed = try #require(try await browser.fileTicket(.call(title: "油烟扰民", body: "楼下烧烤店油烟直接排到我们窗户，每天晚上都是。"), token: operatorToken))
            let number = filed.number
            #expect(try await browser.ticketAction(number, "dispatch", ["department": "cg"], token: try await apiToken(app, "dispatcher")).status == .ok)

            let handler = try await apiToken(app, "handler.cg")
            #expect(try await browser.ticket(number, token: handler).contactPhone == "13912345678")
            #expect(try await browser.ticket(number, token: try await apiToken(app, "dispatcher")).contactPhone == "139****5678")
            #expect(try await browser.ticket(number, token: try await apiToken(app, "supervisor")).contactPhone == "139****5678")
            #expect(try await browser.ticket(number, token: try await apiToken(app, "supervisor")).contactName == "陈**")

            let other = try await staffToken(app, .handler, department: "zj")
            #expect(try await browser.send(.GET, "/api/v1/tickets/\(number)", bearer: other).status == .notFound)
            #expect(try await browser.ticketAction(number, "sign", token: other).status == .forbidden)
            let otherQueue = try await browser.send(.GET, "/api/v1/hotline/department-queue", bearer: other).content.decode([TicketSummary].self)
            #expect(otherQueue.isEmpty)
            #expect(try await browser.send(.GET, "/api/v1/hotline/department-queue?department=cg", bearer: other).status == .forbidden)
            let queue = try await browser.send(.GET, "/api/v1/hotline/department-queue", bearer: handler).content.decode([TicketSummary].self)
            #expect(queue.map(\.number) == [number])

            let citizen = try await apiToken(app, "13800000002")
            #expect(try await browser.send(.GET, "/api/v1/tickets/\(number)", bearer: citizen).status == .notFound)
            #expect(try await browser.send(.GET, "/api/v1/hotline/dispatch-queue", bearer: citizen).status == .forbidden)
            #expect(try await browser.ticketAction(number, "dispatch", ["department": "zj"], token: citizen).status == .forbidden)
            #expect(try await browser.ticketAction(number, "dispatch", ["department": "zj"], token: handler).status == .forbidden)
            let reviewer = try await apiToken(app, "reviewer.gjj")
            #expect(try await browser.send(.GET, "/api/v1/tickets/\(number)", bearer: reviewer).status == .notFound)
            #expect(try await browser.send(.POST, "/api/v1/hotline/caller-history", json: ["phone": "13912345678"], bearer: handler).status == .forbidden)
            let history = try await browser.send(.POST, "/api/v1/hotline/caller-history", json: ["phone": "139 1234 5678"], bearer: operatorToken)
                .content.decode([TicketSummary].self)
            #expect(history.map(\.number) == [number])
            #expect(try await browser.send(.GET, "/api/v1/tickets/lookup?number=\(number)&code=12").status == .notFound)
            for guess in 1...4 { #expect(try await browser.send(.GET, "/api/v1/tickets/lookup?number=\(number)&code=00000\(guess)").status == .notFound) }
            let limited = try await browser.send(.GET, "/api/v1/tickets/lookup?number=\(number)&code=\(filed.accessCode ?? "")")
            #expect(limited.status == .tooManyRequests, "five wrong codes stop guessing, even a right one after them")
            #expect(try await browser.send(.POST, "/api/v1/tickets/\(number)/callback", json: ["satisfaction": "满意", "code": filed.accessCode ?? ""]).status == .tooManyRequests)
        }
    }

    @Test("an anonymous report keeps no contact; only reports may be anonymous")
    func anonymousReports() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator")
            let report = try #require(try await browser.fileTicket(.call("report", title: "举报非法采砂", body: "淠河裕安区段晚上有船偷偷采砂，已经好几个晚上了。", anonymous: true), token: operatorToken))
            #expect(report.anonymous)
            #expect(report.contactPhone == nil && report.contactName == nil)
            let stored = try #require(try await Ticket.query(on: app.db).filter(\.$number == report.number).first())
            #expect(stored.contactPhoneCipher == nil && stored.contactPhoneHash == nil && stored.citizenID == nil)
            #expect(report.accessCode != nil, "the reporter follows the ticket with its number and code")
            _ = try await browser.fileTicket(.call(title: "投诉", body: "匿名投诉可以吗，应该不行。", anonymous: true), token: operatorToken, expect: .unprocessableEntity)
            _ = try await browser.fileTicket(.call(title: "来电", body: "没有留下电话号码的来电。", phone: nil), token: operatorToken, expect: .unprocessableEntity)
        }
    }

    @Test("malicious text is stored as written and refused only when too long", arguments: [
        "<script>alert('x')</script>路灯不亮",
        "控制字符\u{0007}\u{001B}[31m和零宽\u{200B}字符",
        "\"引号\" & <b>标签</b> ' OR 1=1 --",
    ])
    func maliciousText(_ body: String) async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator")
            let view = try #require(try await browser.fileTicket(.call(title: "<img src=x onerror=alert(1)>", body: body), token: operatorToken))
            #expect(view.body == body.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(view.title == "<img src=x onerror=alert(1)>")
            let again = try await browser.ticket(view.number, token: operatorToken)
            #expect(again.body == view.body)
        }
    }

    @Test("bad input gets a clear error and saves nothing", arguments: [
        (#"{"type":"complaint","title":"太长","body":"\#(String(repeating: "长", count: 5001))","contactPhone":"13912345678"}"#, 422, "ticket.invalid"),
        (#"{"type":"gossip","title":"标题","body":"内容内容内容","contactPhone":"13912345678"}"#, 422, "ticket.invalid"),
        (#"{"type":"complaint","title":"标题","body":"内容内容内容","contactPhone":"12345"}"#, 422, "ticket.invalid"),
        (#"{"type":"complaint","title":"标题","body":"内容内容内容","contactPhone":"13912345678","district":"北京"}"#, 422, "ticket.invalid"),
        (#"{"type":"complaint","title":"标题","body":"内容内容内容","contactPhone":"13912345678","latitude":95}"#, 422, "ticket.invalid"),
        (#"{"type":"complaint","title":"标题"}"#, 400, "request.malformed"),
        (#"[1,2]"#, 400, "request.malformed"),
    ])
    func badInput(_ body: String, _ status: Int, _ code: String) async throws {
        try await withTongban(manualDispatch) { app in
            let response = try await Browser(app).send(.POST, "/api/v1/tickets", raw: body, bearer: try await apiToken(app, "operator"))
            #expect(Int(response.status.code) == status, "\(response.body.string)")
            #expect(response.errorCode == code)
            #expect(try await Ticket.query(on: app.db).count() == 0)
        }
    }
}
