import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("12345 through the pages, as people click them")
struct HotlinePagesTests {
    static let streetLight = [
        "title": "小区门口路灯不亮",
        "body": "金安区梅山路紫竹林小区门口的三盏路灯坏了一个多星期，晚上很黑，老人出门不安全。",
    ]

    @Test("a citizen files a request on /hotline and finds it under 我的诉求 with its number and 查询码")
    func citizenFiles() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            let me = try await citizen.send(.GET, "/me")
            #expect(me.body.string.contains("href=\"/me/tickets\"") && me.body.string.contains("href=\"/hotline\""), "我的 links to the hotline")
            let form = try await citizen.send(.GET, "/hotline")
            #expect(form.status == .ok && form.body.string.contains("网上提交诉求") && form.body.string.contains("市长信箱"))

            let filed = try await citizen.submit("/hotline", Self.streetLight.merging(["type": "complaint", "district": "341502", "address": "梅山路紫竹林小区", "channel": "web"]) { $1 })
            #expect(filed.status == .seeOther, "\(filed.body.string.prefix(800))")
            let number = try #require(Self.number(in: filed.headers.first(name: .location), after: "/me/tickets/"))
            let mine = try await citizen.send(.GET, "/me/tickets")
            #expect(mine.body.string.contains("小区门口路灯不亮") && mine.body.string.contains(number))
            let page = try await citizen.send(.GET, "/me/tickets/\(number)?filed=1")
            #expect(page.status == .ok)
            let stored = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            #expect(page.body.string.contains("已受理") && page.body.string.contains(stored.accessCode) && page.body.string.contains("待派单"))
            #expect(stored.channel == "web" && stored.districtCode == "341502" && stored.address == "梅山路紫竹林小区")

            // A letter to a department head goes straight to that department.
            let letter = try await citizen.submit("/hotline", ["type": "consult", "title": "咨询公积金提取", "body": "想咨询租房提取公积金每年能提多少。",
                                                               "channel": "department_mailbox", "mailboxDepartment": "gjj"])
            let letterNumber = try #require(Self.number(in: letter.headers.first(name: .location), after: "/me/tickets/"))
            #expect(try await citizen.send(.GET, "/me/tickets/\(letterNumber)").body.string.contains("住房公积金管理中心"))

            // Someone else's ticket does not exist for another citizen.
            let other = Browser(app)
            try await other.signIn("13800000002")
            #expect(try await other.send(.GET, "/me/tickets/\(number)").status == .notFound)
            #expect(try await other.submit("/me/tickets/\(number)/callback", ["satisfaction": "满意"]).status == .notFound)
        }
    }

    @Test("operator registers a call and answers a consultation on the spot; dispatcher, handler, then 不满意 on the SMS link reopens it")
    func wholeLifeThroughPages() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let phone = "13912345678"
            let operatorDesk = Browser(app)
            try await operatorDesk.signIn("operator")
            let workbench = try await operatorDesk.send(.GET, "/workbench")
            #expect(workbench.body.string.contains(HotlineURL.call))
            let sheet = try await operatorDesk.send(.GET, "/workbench/hotline/call")
            #expect(sheet.status == .ok && sheet.body.string.contains("来电登记") && sheet.body.string.contains(HotlineURL.suggestScript))
            let script = try await operatorDesk.send(.GET, HotlineURL.suggestScript)
            #expect(script.status == .ok && script.body.string.contains("/api/v1/hotline/suggest"))

            let empty = try await operatorDesk.submit("/workbench/hotline/call", ["contactPhone": phone, "action": "history"])
            #expect(empty.status == .ok && empty.body.string.contains("该号码没有以前的工单") && empty.body.string.contains("value=\"\(phone)\""))

            // Filing without the caller's number is refused, with everything typed kept.
            let call = Self.streetLight.merging(["type": "complaint", "contactName": "陈先生", "action": "file"]) { $1 }
            let missing = try await operatorDesk.submit("/workbench/hotline/call", call)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("请填写来电号码") && missing.body.string.contains("value=\"小区门口路灯不亮\"") && missing.body.string.contains("紫竹林小区门口的三盏路灯"))
            #expect(missing.body.string.contains("建议派往"), "the suggestions come with the round trip, without JavaScript")

            let filed = try await operatorDesk.submit("/workbench/hotline/call", call.merging(["contactPhone": phone]) { $1 })
            #expect(filed.status == .seeOther, "\(filed.body.string.prefix(800))")
            let location = try #require(filed.headers.first(name: .location))
            let number = try #require(Self.number(in: location, after: "filed="))
            let confirmation = try await operatorDesk.send(.GET, location)
            let stored = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            #expect(confirmation.body.string.contains(number) && confirmation.body.string.contains(stored.accessCode))
            #expect(confirmation.body.string.contains("等待派单员派单") && confirmation.body.string.contains("<ol><li>"), "where it goes and the top suggestions")

            // A consultation answered from the catalogue while the caller is on the line: closed at once.
            let search = try await operatorDesk.submit("/workbench/hotline/call", ["contactPhone": phone, "type": "consult", "title": "社保卡怎么申领",
                                                                                   "body": "想问一下第一次办社会保障卡要去哪里办。", "q": "社会保障卡", "action": "search"])
            #expect(search.status == .ok && search.body.string.contains("社会保障卡申领") && search.body.string.contains("引用到答复"))
            #expect(search.body.string.contains(number), "the caller's history shows the earlier call")
            let cited = try await operatorDesk.submit("/workbench/hotline/call", ["contactPhone": phone, "type": "consult", "title": "社保卡怎么申领",
                                                                                  "body": "想问一下第一次办社会保障卡要去哪里办。", "cite": "rs-sbk-sl"])
            #expect(cited.body.string.contains("“社会保障卡申领”由"), "the guide is quoted into the answer")
            let answered = try await operatorDesk.submit("/workbench/hotline/call", ["contactPhone": phone, "type": "consult", "title": "社保卡怎么申领",
                                                                                     "body": "想问一下第一次办社会保障卡要去哪里办。", "action": "file",
                                                                                     "answer": "携带身份证到就近的社保卡服务网点申领，也可在线申请邮寄。"])
            let consultation = try #require(Self.number(in: answered.headers.first(name: .location), after: "filed="))
            #expect(try await operatorDesk.send(.GET, "/workbench/hotline/call?filed=\(consultation)").body.string.contains("一次办结"))
            #expect(try await Ticket.query(on: app.db).filter(\.$number == consultation).first()?.state == "closed")

            // The dispatcher sends it from the queue with one click and comes back to the queue.
            let dispatcher = Browser(app)
            try await dispatcher.signIn("dispatcher")
            let queue = try await dispatcher.send(.GET, "/workbench/hotline/dispatch")
            #expect(queue.status == .ok && queue.body.string.contains(number) && queue.body.string.contains("派至"))
            let sent = try await dispatcher.submit("/workbench/tickets/\(number)/dispatch", ["department": "cg", "back": "/workbench/hotline/dispatch"])
            #expect(sent.status == .seeOther && sent.headers.first(name: .location) == "/workbench/hotline/dispatch")
            #expect(!(try await dispatcher.send(.GET, "/workbench/hotline/dispatch")).body.string.contains(number))

            // The handler signs, tries an empty reply, then replies.
            let handler = Browser(app)
            try await handler.signIn("handler.cg")
            #expect(try await handler.send(.GET, "/workbench/hotline/department").body.string.contains(number))
            let ticketPage = try await handler.send(.GET, "/workbench/tickets/\(number)")
            #expect(ticketPage.body.string.contains(phone) && ticketPage.body.string.contains("签收"), "the handling department sees the contact")
            #expect(try await handler.submit("/workbench/tickets/\(number)/sign", [:]).status == .seeOther)
            let blank = try await handler.submit("/workbench/tickets/\(number)/reply", ["reply": " "])
            #expect(blank.status == .unprocessableEntity && blank.body.string.contains("请填写答复内容"))
            let extensionRefused = try await handler.submit("/workbench/tickets/\(number)/extension", ["days": "abc", "reason": "需协调供电部门"])
            #expect(extensionRefused.status == .unprocessableEntity && extensionRefused.body.string.contains("请填写1–30的整数")
                    && extensionRefused.body.string.contains("需协调供电部门"), "the reason typed is kept")
            let reply = "已更换三盏路灯灯头，恢复照明。"
            #expect(try await handler.submit("/workbench/tickets/\(number)/reply", ["reply": reply]).status == .seeOther)
            #expect(try await handler.send(.GET, "/workbench/tickets/\(number)").body.string.contains("已答复待回访"))

            // The caller follows the SMS link without an account and is not satisfied: the ticket goes back to 城管.
            let sms = try #require(try await TicketSMS.query(on: app.db).filter(\.$ticketID == stored.requireID()).first())
            let link = try #require(sms.body.range(of: "/hotline/callback/[^ ]+", options: .regularExpression).map { String(sms.body[$0]) })
            let caller = Browser(app)
            let callbackPage = try await caller.send(.GET, link)
            #expect(callbackPage.status == .ok && callbackPage.body.string.contains(reply) && callbackPage.body.string.contains("请评价办理结果"))
            let unrated = try await caller.submit("/hotline/callback/\(number)", ["code": stored.accessCode, "comment": "只修好了一盏"])
            #expect(unrated.status == .unprocessableEntity && unrated.body.string.contains("只修好了一盏"))
            let rated = try await caller.submit("/hotline/callback/\(number)", ["code": stored.accessCode, "satisfaction": "不满意", "comment": "只修好了一盏"])
            #expect(rated.status == .seeOther)
            let reopened = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            #expect(reopened.state == "handling" && reopened.reopenCount == 1)
            #expect(try await caller.send(.GET, try #require(rated.headers.first(name: .location))).body.string.contains("感谢您的评价"))
            let again = try await handler.send(.GET, "/workbench/tickets/\(number)")
            #expect(again.body.string.contains("回访不满意") && again.body.string.contains("提交答复"))
        }
    }

    @Test("a signed-in citizen rates the reply on their own ticket page")
    func citizenRates() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            let filed = try await citizen.submit("/hotline", Self.streetLight.merging(["type": "complaint"]) { $1 })
            let number = try #require(Self.number(in: filed.headers.first(name: .location), after: "/me/tickets/"))
            let dispatcher = Browser(app), handler = Browser(app)
            try await dispatcher.signIn("dispatcher")
            try await handler.signIn("handler.cg")
            #expect(try await dispatcher.submit("/workbench/tickets/\(number)/dispatch", ["department": "cg"]).status == .seeOther)
            #expect(try await handler.submit("/workbench/tickets/\(number)/sign", [:]).status == .seeOther)
            #expect(try await handler.submit("/workbench/tickets/\(number)/reply", ["reply": "已修复。"]).status == .seeOther)
            let page = try await citizen.send(.GET, "/me/tickets/\(number)")
            #expect(page.body.string.contains("请评价办理结果") && page.body.string.contains("已修复。"))
            let rated = try await citizen.submit("/me/tickets/\(number)/callback", ["satisfaction": "满意"])
            #expect(rated.status == .seeOther)
            let closed = try await citizen.send(.GET, try #require(rated.headers.first(name: .location)))
            #expect(closed.body.string.contains("已办结") && closed.body.string.contains("感谢您的评价") && !closed.body.string.contains("请评价办理结果"))
        }
    }

    @Test("supervisors decide extensions, see 超期 and urge and reassign from the pages; the queue shows the badges")
    func supervision() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let citizen = Browser(app), dispatcher = Browser(app), handler = Browser(app), supervisor = Browser(app)
            try await citizen.signIn("13800000001")
            try await dispatcher.signIn("dispatcher")
            try await handler.signIn("handler.cg")
            try await supervisor.signIn("supervisor")
            let filed = try await citizen.submit("/hotline", Self.streetLight.merging(["type": "complaint"]) { $1 })
            let number = try #require(Self.number(in: filed.headers.first(name: .location), after: "/me/tickets/"))
            #expect(try await dispatcher.submit("/workbench/tickets/\(number)/dispatch", ["department": "cg"]).status == .seeOther)
            #expect(try await handler.submit("/workbench/tickets/\(number)/sign", [:]).status == .seeOther)
            #expect(try await handler.submit("/workbench/tickets/\(number)/extension", ["days": "2", "reason": "需协调供电部门更换线路"]).status == .seeOther)

            let lists = try await supervisor.send(.GET, "/workbench/hotline/supervision")
            #expect(lists.status == .ok && lists.body.string.contains(number) && lists.body.string.contains("申请延期 2 个工作日"))
            let page = try await supervisor.send(.GET, "/workbench/tickets/\(number)")
            #expect(page.body.string.contains("审核延期申请") && page.body.string.contains("需协调供电部门更换线路"))
            #expect(!page.body.string.contains("13800000001"), "supervisors see the contact masked")
            let undecided = try await supervisor.submit("/workbench/tickets/\(number)/extension-decision", ["note": "同意"])
            #expect(undecided.status == .unprocessableEntity && undecided.body.string.contains("请选择同意或不同意"))
            #expect(try await supervisor.submit("/workbench/tickets/\(number)/extension-decision", ["approve": "1", "note": "抓紧"]).status == .seeOther)
            #expect(try await Ticket.query(on: app.db).filter(\.$number == number).first()?.extensionDays == 2)

            app.clock.advance(by: 14 * 86_400)
            let queue = try await handler.send(.GET, "/workbench/hotline/department")
            #expect(queue.body.string.contains("clock-overdue") && queue.body.string.contains("超期"))
            let late = try await supervisor.send(.GET, "/workbench/hotline/supervision")
            #expect(late.body.string.contains("超期 <strong>1</strong> 件"))
            #expect(try await supervisor.submit("/workbench/tickets/\(number)/urge", ["message": "请今天答复"]).status == .seeOther)
            #expect(try await handler.send(.GET, "/workbench/tickets/\(number)").body.string.contains("督办：请今天答复"))
            let moved = try await supervisor.submit("/workbench/tickets/\(number)/reassign", ["department": "sthj", "reason": "属噪声污染"])
            #expect(moved.status == .seeOther)
            #expect(try await handler.send(.GET, "/workbench/tickets/\(number)").status == .notFound, "no longer 城管's ticket")
        }
    }

    @Test("the dispatcher merges a duplicate from the queue; the operator's phone callback closes the parent")
    func mergeAndPhoneCallback() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let operatorDesk = Browser(app), dispatcher = Browser(app), handler = Browser(app)
            try await operatorDesk.signIn("operator")
            try await dispatcher.signIn("dispatcher")
            try await handler.signIn("handler.cg")
            var numbers: [String] = []
            for phone in ["13912345678", "13987654321"] {
                let filed = try await operatorDesk.submit("/workbench/hotline/call", Self.streetLight.merging(["type": "complaint", "contactPhone": phone, "action": "file"]) { $1 })
                numbers.append(try #require(Self.number(in: filed.headers.first(name: .location), after: "filed=")))
            }
            let queue = try await dispatcher.send(.GET, "/workbench/hotline/dispatch")
            #expect(queue.body.string.contains("疑似重复件") && queue.body.string.contains("合并到 \(numbers[0])"))
            let merged = try await dispatcher.submit("/workbench/tickets/\(numbers[1])/merge", ["parent": numbers[0], "back": "/workbench/hotline/dispatch"])
            #expect(merged.status == .seeOther && merged.headers.first(name: .location) == "/workbench/hotline/dispatch")
            #expect(try await Ticket.query(on: app.db).filter(\.$number == numbers[1]).first()?.state == "merged")

            #expect(try await dispatcher.submit("/workbench/tickets/\(numbers[0])/dispatch", ["department": "cg"]).status == .seeOther)
            #expect(try await handler.submit("/workbench/tickets/\(numbers[0])/sign", [:]).status == .seeOther)
            #expect(try await handler.submit("/workbench/tickets/\(numbers[0])/reply", ["reply": "路灯已全部修复。"]).status == .seeOther)
            let child = try await operatorDesk.send(.GET, "/workbench/tickets/\(numbers[1])")
            #expect(child.body.string.contains("已合并到") && child.body.string.contains("路灯已全部修复。"))
            let onThePhone = try await operatorDesk.send(.GET, "/workbench/tickets/\(numbers[0])")
            #expect(onThePhone.body.string.contains("电话回访"))
            #expect(try await operatorDesk.submit("/workbench/tickets/\(numbers[0])/callback", ["satisfaction": "基本满意"]).status == .seeOther)
            let closed = try #require(try await Ticket.query(on: app.db).filter(\.$number == numbers[0]).first())
            #expect(closed.state == "closed" && closed.satisfaction == "基本满意")
        }
    }

    @Test("staff pages refuse citizens; other departments and wrong codes get 404")
    func authorization() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            for path in ["/workbench/hotline/call", "/workbench/hotline/dispatch", "/workbench/hotline/department", "/workbench/hotline/supervision"] {
                let page = try await citizen.send(.GET, path)
                #expect(page.status == .forbidden, "\(path)")
                #expect(page.body.string.contains("没有权限"), "\(path) is a friendly page")
            }
            let filed = try await citizen.submit("/hotline", Self.streetLight.merging(["type": "complaint"]) { $1 })
            let number = try #require(Self.number(in: filed.headers.first(name: .location), after: "/me/tickets/"))
            #expect(try await citizen.send(.GET, "/workbench/tickets/\(number)").status == .forbidden)
            #expect(try await citizen.submit("/workbench/tickets/\(number)/dispatch", ["department": "cg"]).status == .forbidden)

            let dispatcher = Browser(app)
            try await dispatcher.signIn("dispatcher")
            #expect(try await dispatcher.submit("/workbench/tickets/\(number)/dispatch", ["department": "cg"]).status == .seeOther)
            _ = try await staffToken(app, .handler, department: "zj")
            let otherDepartment = Browser(app)
            try await otherDepartment.signIn("test.handler.zj")
            #expect(try await otherDepartment.send(.GET, "/workbench/tickets/\(number)").status == .notFound)
            #expect(try await otherDepartment.submit("/workbench/tickets/\(number)/sign", [:]).status == .notFound)
            #expect(!(try await otherDepartment.send(.GET, "/workbench/hotline/department")).body.string.contains(number))
            let handler = Browser(app)
            try await handler.signIn("handler.cg")
            #expect(try await handler.send(.GET, "/workbench/hotline/dispatch").status == .forbidden)
            #expect(try await handler.send(.GET, "/workbench/tickets/\(number)").status == .ok)

            let stored = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            let wrong = stored.accessCode == "000000" ? "111111" : "000000"
            let stranger = Browser(app)
            #expect(try await stranger.send(.GET, "/hotline/callback/\(number)?code=\(wrong)").status == .notFound)
            #expect(try await stranger.submit("/hotline/callback/\(number)", ["code": wrong, "satisfaction": "不满意"]).status == .notFound)
            let lookup = try await stranger.send(.GET, "/hotline/lookup?number=\(number)&code=\(wrong)")
            #expect(lookup.status == .notFound && lookup.body.string.contains("工单号或查询码不正确") && lookup.body.string.contains("value=\"\(number)\""))
            let found = try await stranger.send(.GET, "/hotline/lookup?number=\(number)&code=\(stored.accessCode)")
            #expect(found.status == .ok && found.body.string.contains("小区门口路灯不亮"))
            #expect(!found.body.string.contains("待人工派单"), "the caller's view has no internal steps")
        }
    }

    @Test("bad input re-shows the citizen's form with a message per field and the text kept")
    func badInput() async throws {
        try await withTongban(manualDispatch) { app in
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            let page = try await citizen.submit("/hotline", ["type": "complaint", "title": "灯", "body": "路灯坏了", "address": "梅山路88号", "anonymous": "1"])
            #expect(page.status == .unprocessableEntity)
            let html = page.body.string
            #expect(html.contains("标题应为2–100字") && html.contains("内容应为5–") && html.contains("只有举报可以匿名"))
            #expect(html.contains("value=\"灯\"") && html.contains(">路灯坏了</textarea>") && html.contains("value=\"梅山路88号\""))
            #expect(html.contains("<option value=\"complaint\" selected>"))
            #expect(try await Ticket.query(on: app.db).count() == 0)

            let visitor = Browser(app)
            let anonymousPage = try await visitor.send(.GET, "/hotline")
            #expect(anonymousPage.body.string.contains("登录后提交") && !anonymousPage.body.string.contains("name=\"title\""))
            #expect(try await visitor.send(.GET, "/me/tickets").status == .seeOther, "sent to sign in")
        }
    }

    @Test("typed text is escaped on every page that shows it", arguments: ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"])
    func escaping(payload: String) async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            let fields = ["type": "complaint", "title": "路灯不亮" + payload, "body": "金安区梅山路的路灯坏了很久 " + payload, "address": payload]
            let refused = try await citizen.submit("/hotline", fields.merging(["anonymous": "1"]) { $1 })
            #expect(refused.status == .unprocessableEntity)
            Self.expectEscaped(refused.body.string, payload, "the re-shown form")
            let filed = try await citizen.submit("/hotline", fields)
            let number = try #require(Self.number(in: filed.headers.first(name: .location), after: "/me/tickets/"))
            let code = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first()).accessCode
            Self.expectEscaped(try await citizen.send(.GET, "/me/tickets").body.string, payload, "my tickets")
            Self.expectEscaped(try await citizen.send(.GET, "/me/tickets/\(number)").body.string, payload, "my ticket")
            Self.expectEscaped(try await Browser(app).send(.GET, "/hotline/lookup?number=\(number)&code=\(code)").body.string, payload, "the look-up")

            let dispatcher = Browser(app)
            try await dispatcher.signIn("dispatcher")
            Self.expectEscaped(try await dispatcher.send(.GET, "/workbench/hotline/dispatch").body.string, payload, "the dispatch queue")
            Self.expectEscaped(try await dispatcher.send(.GET, "/workbench/tickets/\(number)").body.string, payload, "the dispatcher's ticket page")
            let mergeRefused = try await dispatcher.submit("/workbench/tickets/\(number)/merge", ["parent": payload])
            #expect(mergeRefused.status == .unprocessableEntity)
            Self.expectEscaped(mergeRefused.body.string, payload, "a refused merge")
            #expect(try await dispatcher.submit("/workbench/tickets/\(number)/dispatch", ["department": "cg"]).status == .seeOther)

            let handler = Browser(app)
            try await handler.signIn("handler.cg")
            Self.expectEscaped(try await handler.send(.GET, "/workbench/hotline/department").body.string, payload, "the department queue")
            #expect(try await handler.submit("/workbench/tickets/\(number)/sign", [:]).status == .seeOther)
            #expect(try await handler.submit("/workbench/tickets/\(number)/reply", ["reply": "已处理 " + payload]).status == .seeOther)
            Self.expectEscaped(try await handler.send(.GET, "/workbench/tickets/\(number)").body.string, payload, "the handler's ticket page")
            Self.expectEscaped(try await citizen.send(.GET, "/me/tickets/\(number)").body.string, payload, "the reply on my ticket")

            let operatorDesk = Browser(app)
            try await operatorDesk.signIn("operator")
            let sheet = try await operatorDesk.submit("/workbench/hotline/call", ["contactPhone": "13800000001", "title": payload, "body": payload, "q": payload, "action": "history"])
            Self.expectEscaped(sheet.body.string, payload, "the operator's call sheet with the caller's history")
        }
    }

    static func expectEscaped(_ page: String, _ payload: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!page.contains(payload), "\(label) shows the payload raw", sourceLocation: sourceLocation)
        #expect(!page.contains("<script>alert") && !page.contains("<img src=x"), "\(label) has live markup", sourceLocation: sourceLocation)
        #expect(page.contains(HTML.escape(payload)), "\(label) shows the text escaped", sourceLocation: sourceLocation)
    }

    /// The ticket number in a redirect, after `marker`.
    static func number(in location: String?, after marker: String) -> String? {
        guard let location, let range = location.range(of: marker) else { return nil }
        return location[range.upperBound...].split(whereSeparator: { $0 == "?" || $0 == "&" || $0 == "#" }).first.map(String.init)
    }
}
