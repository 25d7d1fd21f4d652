import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("社区安防: doors open for the community's cards, residents and visitor passes inside their window; alarms reach the staff")
struct CommunitySecurityTests {
    static let feicuiyuan = "341502001001"
    static let hongjunjie = "341524001001"

    static func door(_ app: Application, community: String = feicuiyuan, staff: String = "community.fcy", kind: String = "door",
                     label: String = "东门") async throws -> String {
        let response = try await Browser(app).send(.POST, "/api/v1/communities/\(community)/security-devices",
                                                   json: SecurityService.DeviceInput(kind: kind, label: label), bearer: try await apiToken(app, staff))
        #expect(response.status == .created)
        return try response.content.decode(SecurityService.Registered.self).token
    }

    static func ask(_ app: Application, token: String, _ input: SecurityService.AccessRequest) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/access-requests", headers: [AlarmController.tokenHeader: token, "Content-Type": "application/json"],
                                            body: ByteBuffer(data: try JSONEncoder.iso.encode(input)))
    }

    static func opens(_ app: Application, token: String, _ input: SecurityService.AccessRequest) async throws -> SecurityService.AccessAnswer {
        let response = try await ask(app, token: token, input)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(SecurityService.AccessAnswer.self)
    }

    static func pass(_ app: Application, as login: String = "13800000001", visitor: String = "李小红", from: String, until: String) async throws -> TestingHTTPResponse {
        let body = try JSONEncoder.iso.encode(SecurityService.PassInput(visitorName: visitor, from: beijing(from), until: beijing(until)))
        return try await Browser(app).send(.POST, "/api/v1/me/visitor-passes", raw: String(decoding: body, as: UTF8.self), bearer: try await apiToken(app, login))
    }

    @Test("张三's visitor is let in from five minutes before her window to five after it, only at his community's doors, never once he cancels")
    func visitorPass() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let east = try await Self.door(app)
            let elsewhere = try await Self.door(app, community: Self.hongjunjie, staff: "community.hjj", label: "南门")
            let created = try await Self.pass(app, from: "2026-03-02T14:00:00", until: "2026-03-02T16:00:00")
            #expect(created.status == .created)
            let pass = try created.content.decode(SecurityService.PassView.self)
            #expect(pass.code.count == 10)

            let bad = try await Self.pass(app, visitor: "", from: "2026-03-02T16:00:00", until: "2026-03-02T14:00:00")
            #expect(try bad.status == .unprocessableEntity && Set(bad.content.decode(ErrorBody.self).details?.keys.map { $0 } ?? []) == ["visitorName", "until"])
            #expect(try await Self.pass(app, from: "2026-03-02T14:00:00", until: "2026-03-03T16:00:00").status == .unprocessableEntity, "over a day")
            #expect(try await Self.pass(app, as: "community.fcy", from: "2026-03-02T14:00:00", until: "2026-03-02T15:00:00").errorCode == "pass.residents_only")

            let byPass = SecurityService.AccessRequest(method: "visitor_pass", passCode: pass.code.lowercased())
            app.clock.set(beijing("2026-03-02T13:54:00"))
            let early = try await Self.opens(app, token: east, byPass)
            #expect(!early.open && early.reason.contains("未到通行时间") && early.reason.contains("13:55"))
            app.clock.set(beijing("2026-03-02T14:02:00"))
            let inside = try await Self.opens(app, token: east, byPass)
            #expect(inside.open && inside.subject == "访客 李** · 拜访 张*")
            let wrongPlace = try await Self.opens(app, token: elsewhere, byPass)
            #expect(!wrongPlace.open && wrongPlace.reason == "非本社区的通行证")
            app.clock.set(beijing("2026-03-02T16:06:00"))
            #expect(try await Self.opens(app, token: east, byPass).reason == "通行证已过期")
            #expect(try await Self.opens(app, token: east, .init(method: "visitor_pass", passCode: "NOSUCHPASS")).reason == "无效的通行证")

            // Cancelled by 张三 (李四 cannot), refused at once.
            let second = try await Self.pass(app, from: "2026-03-02T16:10:00", until: "2026-03-02T18:00:00").content.decode(SecurityService.PassView.self)
            let revoke = "/api/v1/me/visitor-passes/\(second.id)/revoke"
            #expect(try await Browser(app).send(.POST, revoke, bearer: try await apiToken(app, "13800000002")).status == .notFound)
            #expect(try await Browser(app).send(.POST, revoke, bearer: try await apiToken(app, "13800000001")).status == .ok)
            #expect(try await Self.opens(app, token: east, .init(method: "visitor_pass", passCode: second.code)).reason == "通行证已被住户取消")
            let mine = try await Browser(app).send(.GET, "/api/v1/me/visitor-passes", bearer: try await apiToken(app, "13800000001")).content.decode([SecurityService.PassView].self)
            #expect(mine.count == 2 && mine.first { $0.id == pass.id }?.entries == 1)
            #expect(try await Browser(app).send(.GET, "/api/v1/me/visitor-passes", bearer: try await apiToken(app, "13800000002")).content
                .decode([SecurityService.PassView].self).isEmpty, "李四 sees none of 张三's passes")

            // Bad devices and clocks.
            #expect(try await Self.ask(app, token: "sec_wrong", byPass).status == .unauthorized)
            let camera = try await Self.door(app, kind: "camera", label: "北门摄像头")
            #expect(try await Self.ask(app, token: camera, byPass).errorCode == "security.not_a_door")
            #expect(try await Self.ask(app, token: east, .init(method: "visitor_pass", passCode: pass.code, at: app.clock.now().addingTimeInterval(-900))).errorCode
                    == "security.clock")
            #expect(try await Self.ask(app, token: east, .init(method: "magic")).status == .unprocessableEntity)

            // The day's entries: the community's own staff and 物业 see them; another community's staff and citizens do not.
            let day = "/api/v1/communities/\(Self.feicuiyuan)/access-events?day=2026-03-02"
            let entries = try await Browser(app).send(.GET, day, bearer: try await apiToken(app, "property.fcy")).content.decode([SecurityController.EntryView].self)
            #expect(entries.count == 5 && entries.filter(\.allowed).count == 1 && entries.allSatisfy { $0.door == "东门" })
            #expect(!entries.contains { $0.subject.contains("李小红") || $0.subject.contains("张三") }, "names masked")
            #expect(try await Browser(app).send(.GET, day, bearer: try await apiToken(app, "community.hjj")).status == .forbidden)
            #expect(try await Browser(app).send(.GET, day, bearer: try await apiToken(app, "13800000001")).status == .forbidden)
            #expect(try await Browser(app).send(.GET, "/api/v1/communities/\(Self.feicuiyuan)/access-events?day=yesterday",
                                                bearer: try await apiToken(app, "property.fcy")).status == .unprocessableEntity)
        }
    }

    @Test("cards for the community's residents only, a recognised resident, and alarms from doors and cameras taken by the staff")
    func cardsAndAlarms() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let east = try await Self.door(app)
            let staff = try await apiToken(app, "community.fcy")
            let cards = "/api/v1/communities/\(Self.feicuiyuan)/resident-cards"
            let zhang = SecurityService.CardInput(residentIdNumber: DemoAccounts.citizens[0].idNumber, cardNumber: "a1b2c3d4")
            let issued = try await Browser(app).send(.POST, cards, json: zhang, bearer: staff)
            #expect(issued.status == .created)
            #expect(try await Browser(app).send(.POST, cards, json: zhang, bearer: staff).errorCode == "security.card_in_use")
            let wang = SecurityService.CardInput(residentIdNumber: DemoAccounts.citizens[2].idNumber, cardNumber: "00112233")
            #expect(try await Browser(app).send(.POST, cards, json: wang, bearer: staff).status == .unprocessableEntity, "王奶奶 lives in 红军街")
            #expect(try await Browser(app).send(.POST, cards, json: zhang, bearer: try await apiToken(app, "grid.fcy")).status == .forbidden)

            let card = try await Self.opens(app, token: east, .init(method: "card", cardNumber: "A1B2C3D4"))
            #expect(card.open && card.subject == "张*")
            #expect(try await Self.opens(app, token: east, .init(method: "card", cardNumber: "FFFF0000")).reason == "未登记或已注销的门禁卡")
            let id = try issued.content.decode(SecurityController.CardView.self).id
            #expect(try await Browser(app).send(.POST, "\(cards)/\(id)/revoke", bearer: staff).status == .ok)
            #expect(try await !Self.opens(app, token: east, .init(method: "card", cardNumber: "A1B2C3D4")).open, "a revoked card")

            let people = try await PopulationRecord.query(on: app.db).all()
            let resident = try #require(people.first { $0.communityCode == Self.feicuiyuan && $0.alive })
            let outsider = try #require(people.first { $0.communityCode == Self.hongjunjie })
            #expect(try await Self.opens(app, token: east, .init(method: "recognized", residentId: resident.id)).open)
            #expect(try await !Self.opens(app, token: east, .init(method: "recognized", residentId: outsider.id)).open)

            // A forced door texts the staff; a loitering camera tells them in the app; the same open alarm is not raised twice.
            let camera = try await Self.door(app, kind: "camera", label: "3号楼后门")
            func alarm(_ token: String, _ kind: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/security-alarms", headers: [AlarmController.tokenHeader: token, "Content-Type": "application/json"],
                                                    body: ByteBuffer(data: try JSONEncoder.iso.encode(SecurityService.AlarmReport(kind: kind))))
            }
            #expect(try await alarm(east, "forced_door").status == .accepted)
            #expect(try await alarm(camera, "loitering").status == .accepted)
            #expect(try await alarm(camera, "loitering").status == .accepted)
            #expect(try await alarm(camera, "fire").status == .unprocessableEntity)
            #expect(try await SecurityAlarm.query(on: app.db).count() == 2)
            let member = try #require(try await User.query(on: app.db).filter(\.$username == "grid.fcy").first())
            let told = try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == member.id!).all()
            #expect(told.contains { $0.title == "紧急安防告警" && $0.channel == "sms" } && told.contains { $0.title == "安防告警" && $0.body.contains("3号楼后门") })

            let list = "/api/v1/communities/\(Self.feicuiyuan)/security-alarms"
            let open = try await Browser(app).send(.GET, list, bearer: try await apiToken(app, "grid.fcy")).content.decode([SecurityController.AlarmView].self)
            #expect(open.count == 2 && open.contains { $0.urgent && $0.message == "东门：门被强行打开" })
            #expect(try await Browser(app).send(.GET, list, bearer: try await apiToken(app, "community.hjj")).status == .forbidden)
            let first = try #require(open.first)
            let close = "\(list)/\(first.id)/close"
            #expect(try await Browser(app).send(.POST, close, json: AlarmController.Closing(outcome: ""), bearer: staff).status == .unprocessableEntity)
            let closed = try await Browser(app).send(.POST, close, json: AlarmController.Closing(outcome: "保安到场，住户忘带卡"), bearer: staff)
            #expect(try closed.content.decode(SecurityController.AlarmView.self).closedBy == "社区周敏")
            #expect(try await Browser(app).send(.POST, close, json: AlarmController.Closing(outcome: "再关一次"), bearer: staff).status == .conflict)
        }
    }

    @Test("a forced door nobody closes in 15 minutes becomes one 12345 ticket for 公安局; a closed one or a loitering camera does not")
    func escalation() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T22:00:00"))
            let east = try await Self.door(app)
            let camera = try await Self.door(app, kind: "camera", label: "3号楼后门")
            func alarm(_ token: String, _ kind: String) async throws {
                let raised = try await app.testing().sendRequest(.POST, "/api/v1/security-alarms", headers: [AlarmController.tokenHeader: token, "Content-Type": "application/json"],
                                                                 body: ByteBuffer(data: try JSONEncoder.iso.encode(SecurityService.AlarmReport(kind: kind))))
                #expect(raised.status == .accepted)
            }
            try await alarm(east, "forced_door")
            try await alarm(camera, "loitering")
            app.clock.advance(by: 14 * 60)
            #expect(try await app.securityEscalation.escalateUntaken() == 0, "not yet 15 minutes")
            app.clock.advance(by: 2 * 60)
            #expect(try await app.securityEscalation.escalateUntaken() == 1, "the forced door only")
            #expect(try await app.securityEscalation.escalateUntaken() == 0, "once")
            let tickets = try await Ticket.query(on: app.db).all()
            #expect(tickets.count == 1)
            let ticket = try #require(tickets.first)
            let police = try #require(app.catalogCache.snapshot.departmentIDs["ga"])
            #expect(ticket.departmentID == police && ticket.title.contains("社区门禁告警无人处理"))
            let member = try #require(try await User.query(on: app.db).filter(\.$username == "grid.fcy").first())
            let told = try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == member.id!).filter(\.$title == "门禁告警已升级12345").all()
            #expect(told.contains { $0.channel == "sms" && $0.body.contains(ticket.number) })

            // The staff see the ticket on the alarm, in the API and on their desk; closing it still works.
            let list = "/api/v1/communities/\(Self.feicuiyuan)/security-alarms"
            let staff = try await apiToken(app, "community.fcy")
            let alarms = try await Browser(app).send(.GET, list, bearer: staff).content.decode([SecurityController.AlarmView].self)
            #expect(alarms.first { $0.urgent }?.ticketNumber == ticket.number && alarms.first { !$0.urgent }?.ticketNumber == nil)
            let desk = Browser(app)
            try await desk.signIn("community.fcy")
            #expect(try await desk.send(.GET, SecurityURL.staff(Self.feicuiyuan)).body.string.contains("已升级12345工单 \(ticket.number)"))

            // A forced door closed in time is not escalated.
            let west = try await Self.door(app, label: "西门")
            try await alarm(west, "forced_door")
            let fresh = try #require(try await SecurityAlarm.query(on: app.db).filter(\.$escalatedAt == nil).filter(\.$kind == "forced_door").first())
            let closed = try await Browser(app).send(.POST, "\(list)/\(fresh.id!)/close", json: AlarmController.Closing(outcome: "保安已到场"), bearer: staff)
            #expect(closed.status == .ok)
            app.clock.advance(by: 30 * 60)
            #expect(try await app.securityEscalation.escalateUntaken() == 0)
        }
    }

    @Test("in the browser without JavaScript: 张三 issues a pass and opens its QR page; the staff's desk lists the day's entries")
    func pages() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let east = try await Self.door(app)
            let zhang = Browser(app)
            try await zhang.signIn("13800000001")
            #expect(try await zhang.send(.GET, SecurityURL.mine).body.string.contains("办理通行证"))
            let wrong = try await zhang.submit(SecurityURL.mine, ["visitorName": "李小红", "from": "2026-03-02T14:00", "until": "2026-03-02T12:00"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("结束时间应晚于开始时间"))
            let made = try await zhang.submit(SecurityURL.mine, ["visitorName": "李小红", "from": "2026-03-02T14:00", "until": "2026-03-02T18:00"])
            #expect(made.status == .seeOther)
            let location = try #require(made.headers.first(name: .location))
            let page = try await Browser(app).send(.GET, location).body.string
            #expect(page.contains("<svg") && page.contains("未到通行时间") && page.contains("李**") && !page.contains("李小红"), "anyone with the link sees the pass, names masked")
            let code = String(location.split(separator: "/").last ?? "")
            app.clock.set(beijing("2026-03-02T14:30:00"))
            #expect(try await Self.opens(app, token: east, .init(method: "visitor_pass", passCode: code)).open)
            #expect(try await zhang.send(.GET, SecurityURL.mine).body.string.contains("已通行 1 次"))

            let desk = Browser(app)
            try await desk.signIn("community.fcy")
            let html = try await desk.send(.GET, SecurityURL.staff(Self.feicuiyuan)).body.string
            #expect(html.contains("今日出入记录") && html.contains("访客通行证") && html.contains("放行"))
            let registered = try await desk.submit("\(SecurityURL.staff(Self.feicuiyuan))/devices", ["kind": "door", "label": "西门"])
            #expect(registered.status == .ok && registered.body.string.contains("sec_"))
            #expect(try await zhang.send(.GET, SecurityURL.staff(Self.feicuiyuan)).status == .forbidden)
        }
    }
}
