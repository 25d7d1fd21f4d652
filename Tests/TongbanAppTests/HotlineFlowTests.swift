import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("12345 hotline: a ticket's whole life")
struct HotlineFlowTests {
    @Test("phone call → wrong department → 退单 → re-dispatch → extension → 督办 → reply → 不满意 → 重办 → 满意 → closed")
    func wholeLife() async throws {
        try await withTongban(manualDispatch) { app in
            let gateway = RecordingSMSGateway()
            app.smsGateway = gateway
            app.clock.set(beijing("2026-11-25T10:00:00"))  // a Wednesday
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator")
            let dispatcher = try await apiToken(app, "dispatcher")
            let supervisor = try await apiToken(app, "supervisor")
            let wrong = try await staffToken(app, .handler, department: "sthj")
            let handler = try await apiToken(app, "handler.cg")

            let filed = try #require(try await browser.fileTicket(.call(
                title: "小区门口路灯不亮", body: "金安区梅山路紫竹林小区门口的三盏路灯坏了一个多星期，晚上很黑，老人出门不安全。"), token: operatorToken))
            #expect(filed.state == "pending")
            #expect(filed.channel == "phone")
            #expect(filed.district == "341502")
            #expect(filed.suggestions?.count == 3)
            #expect(filed.contactPhone == "13912345678")
            #expect(filed.limitDays == 5)
            let number = filed.number
            let queue = try await browser.send(.GET, "/api/v1/hotline/dispatch-queue", bearer: dispatcher).content.decode([TicketSummary].self)
            #expect(queue.map(\.number) == [number])

            // The dispatcher picks the wrong department; it returns the ticket within the window, with a reason.
            #expect(try await browser.ticketAction(number, "dispatch", ["department": "sthj"], token: dispatcher).status == .ok)
            #expect(try await browser.ticketAction(number, "return", ["reason": "路灯属城管部门管理"], token: handler).status == .forbidden)
            #expect(try await browser.ticketAction(number, "return", ["reason": ""], token: wrong).status == .unprocessableEntity)
            let returned = try await browser.ticketAction(number, "return", ["reason": "路灯属城管部门管理"], token: wrong).content.decode(TicketView.self)
            #expect(returned.state == "pending")
            #expect(returned.returnCount == 1)
            #expect(try await browser.ticketAction(number, "dispatch", ["department": "cg"], token: dispatcher).status == .ok)
            #expect(try await DispatchExample.query(on: app.db).count() == 2, "both corrections are training examples")

            #expect(try await browser.ticketAction(number, "reply", ["reply": "已修复"], token: handler).status == .conflict, "sign first")
            let signed = try await browser.ticketAction(number, "sign", token: handler).content.decode(TicketView.self)
            #expect(signed.state == "handling")
            let dueBefore = try #require(signed.deadlineAt)

            // More time, granted by a supervisor, moves the deadline by two working days.
            let asked = try await browser.send(.POST, "/api/v1/tickets/\(number)/extension", json: ["days": 2], bearer: handler)
            #expect(asked.status == .unprocessableEntity, "a reason is required")
            struct Extension: Encodable { var days: Int; var reason: String }
            #expect(try await browser.send(.POST, "/api/v1/tickets/\(number)/extension", json: Extension(days: 2, reason: "需协调供电部门更换线路"), bearer: handler).status == .ok)
            #expect(try await browser.send(.POST, "/api/v1/tickets/\(number)/extension/decision", json: ["approve": true], bearer: handler).status == .forbidden)
            let extended = try await browser.send(.POST, "/api/v1/tickets/\(number)/extension/decision", json: ["approve": true], bearer: supervisor).content.decode(TicketView.self)
            #expect(extended.extensionDays == 2)
            #expect(try #require(extended.deadlineAt) > dueBefore)

            // Past the deadline the scan escalates once, and the supervisor sees it as overdue.
            app.clock.advance(by: 14 * 86_400)
            let first = try await TicketDeadlineScan.scan(app.tickets)
            #expect(first.escalated == 1)
            #expect(try await TicketDeadlineScan.scan(app.tickets).escalated == 0)
            let supervision = try await browser.send(.GET, "/api/v1/hotline/supervision", bearer: supervisor).content.decode(TicketService.Supervision.self)
            #expect(supervision.overdue.map(\.number) == [number])
            #expect(try await browser.ticketAction(number, "urge", ["message": "请今天答复"], token: supervisor).status == .ok)

            let replied = try await browser.ticketAction(number, "reply", ["reply": "已更换三盏路灯灯头，恢复照明。"], token: handler).content.decode(TicketView.self)
            #expect(replied.state == "replied")
            let sms = try await TicketSMS.query(on: app.db).all()
            #expect(sms.count == 1)
            #expect(sms.first?.body.contains("已更换三盏路灯灯头") == true)
            // The caller has no account: the job texts the number on the ticket, once.
            _ = await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(1))
            _ = await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(2))
            #expect(try await TicketSMS.query(on: app.db).first()?.status == "sent")
            #expect(gateway.sent.count == 1 && gateway.sent.values.allSatisfy { $0 == 1 })

            // The caller answers the callback link from the SMS: not satisfied, so the same department does it again.
            let code = try #require(filed.accessCode)
            #expect(try await browser.ticketAction(number, "callback", ["satisfaction": "不满意", "code": "000000" == code ? "111111" : "000000"], token: nil).status == .notFound)
            let reopened = try await browser.ticketAction(number, "callback", ["satisfaction": "不满意", "comment": "只修好了一盏", "code": code], token: nil)
                .content.decode(TicketView.self)
            #expect(reopened.state == "handling")
            #expect(reopened.reopenCount == 1)
            #expect(reopened.department == "cg")
            #expect(try await browser.ticketAction(number, "reply", ["reply": "三盏路灯均已修复，经现场核实恢复照明。"], token: handler).status == .ok)
            let closed = try await browser.ticketAction(number, "callback", ["satisfaction": "满意", "code": code], token: nil).content.decode(TicketView.self)
            #expect(closed.state == "closed")
            #expect(closed.satisfaction == "满意")

            // The caller's own view shows the public steps only.
            let lookup = try await browser.send(.GET, "/api/v1/tickets/lookup?number=\(number)&code=\(code)").content.decode(TicketView.self)
            #expect(lookup.events.map(\.kind).contains("replied"))
            #expect(!lookup.events.map(\.kind).contains("returned"))
            #expect(!lookup.events.map(\.kind).contains("escalated"))
            #expect(lookup.suggestions == nil)
            let kinds = try await browser.ticket(number, token: supervisor).events.map(\.kind)
            #expect(kinds == ["filed", "queued", "dispatched", "returned", "dispatched", "signed", "extension_requested", "extended",
                              "reminded", "escalated", "urged", "replied", "reopened", "replied", "closed"])
        }
    }

    @Test("forty calls registered at once are each saved once, with their own number and timeline (group commit)")
    func concurrentIntake() async throws {
        try await withTongban(manualDispatch) { app in
            let operatorToken = try await apiToken(app, "operator")
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        let view = try await Browser(app).fileTicket(.call(title: "来电\(i)", body: "第\(i)位市民反映小区门口井盖缺失，晚上看不清很危险。",
                                                                           phone: String(format: "139%08d", i)), token: operatorToken)
                        return try #require(view).number
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(numbers).count == 40)
            #expect(try await Ticket.query(on: app.db).count() == 40)
            #expect(try await TicketEvent.query(on: app.db).filter(\.$kind == "filed").count() == 40)
        }
    }

    @Test("every channel: web, app, API, the mayor's mailbox, a department head's mailbox, phone")
    func channels() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let operatorToken = try await apiToken(app, "operator")
            for channel in ["web", "app", "api", "mayor_mailbox"] {
                let view = try #require(try await browser.fileTicket(.call("suggestion", title: "建议增加公交班次", body: "裕安区城南镇到市区的公交车每小时才一班，建议高峰期加密班次。", phone: nil, channel: channel), token: citizen))
                #expect(view.channel == channel)
                #expect(view.state == "pending")
                #expect(view.contactName == "张三", "a citizen's contact comes from the account")
            }
            var letter = TicketInput.call("consult", title: "咨询公积金提取", body: "想咨询一下租房提取公积金每年能提多少，需要什么材料。", phone: nil, channel: "department_mailbox")
            letter.mailboxDepartment = "gjj"
            let mailbox = try #require(try await browser.fileTicket(letter, token: citizen))
            #expect(mailbox.state == "dispatched")
            #expect(mailbox.department == "gjj")
            #expect(mailbox.limitDays == 1)
            letter.mailboxDepartment = nil
            _ = try await browser.fileTicket(letter, token: citizen, expect: .unprocessableEntity)
            let phone = try #require(try await browser.fileTicket(.call(title: "反映噪音", body: "夜里十二点工地还在施工，噪音很大影响休息。"), token: operatorToken))
            #expect(phone.channel == "phone")
            _ = try await browser.fileTicket(.call(title: "反映噪音", body: "夜里十二点工地还在施工，噪音很大影响休息。", channel: "open311"), token: operatorToken, expect: .unprocessableEntity)
            let mine = try await browser.send(.GET, "/api/v1/tickets", bearer: citizen).content.decode([TicketSummary].self)
            #expect(mine.count == 5)
        }
    }

    @Test("automatic dispatch above the threshold, with the type's configured time limit")
    func automaticDispatch() async throws {
        try await withTongban({ settings in
            settings.hotline.dispatchThreshold = 0
            settings.hotline.limits = TicketLimits(days: [.help: 2])
        }) { app in
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator")
            let view = try #require(try await browser.fileTicket(.call("help", title: "家里停水求助", body: "霍山县衡山镇我们小区从昨天开始停水，家里有老人，请帮忙问问什么时候来水。"), token: operatorToken))
            #expect(view.state == "dispatched")
            #expect(view.dispatchMode == "auto")
            #expect(view.limitDays == 2)
            #expect(view.district == "341525")
            #expect(view.department == view.suggestions?.first?.department)
            #expect(view.deadlineAt != nil)
        }
    }

    @Test("a consultation answered while the caller is on the line is closed at once (一次办结)")
    func answeredOnTheSpot() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            var input = TicketInput.call("consult", title: "社保卡补办", body: "社保卡丢了去哪里补办，要带什么？")
            input.answer = "携带身份证到就近的社保卡服务网点或合作银行网点补办，也可在皖事通上申请邮寄。"
            let view = try #require(try await browser.fileTicket(input, token: try await apiToken(app, "operator")))
            #expect(view.state == "closed")
            #expect(view.firstContact)
            input.type = "complaint"
            _ = try await browser.fileTicket(input, token: try await apiToken(app, "operator"), expect: .unprocessableEntity)
            _ = try await browser.fileTicket(input, token: try await apiToken(app, "13800000001"), expect: .forbidden)
        }
    }

    @Test("退单 only within one working day of dispatch")
    func returnWindow() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-27T16:00:00"))  // Friday afternoon
            let browser = Browser(app)
            let handler = try await apiToken(app, "handler.cg")
            let operatorToken = try await apiToken(app, "operator"), dispatcher = try await apiToken(app, "dispatcher")
            var numbers: [String] = []
            for _ in 0..<2 {
                let view = try #require(try await browser.fileTicket(.call(title: "占道经营", body: "解放路菜市场门口每天早上都有流动摊贩占道，车都过不去。"), token: operatorToken))
                #expect(try await browser.ticketAction(view.number, "dispatch", ["department": "cg"], token: dispatcher).status == .ok)
                numbers.append(view.number)
            }
            app.clock.set(beijing("2026-11-30T17:00:00"))  // Monday: still the first working day after dispatch
            #expect(try await browser.ticketAction(numbers[0], "return", ["reason": "不属于本部门"], token: handler).status == .ok)
            app.clock.set(beijing("2026-12-01T09:00:00"))  // Tuesday: too late
            let late = try await browser.ticketAction(numbers[1], "return", ["reason": "不属于本部门"], token: handler)
            #expect(late.status == .conflict)
            #expect(late.errorCode == "ticket.return_window")
        }
    }
}
