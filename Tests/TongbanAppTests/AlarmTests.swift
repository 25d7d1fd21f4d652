import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("设备告警: devices report with their own token; a pressed button or a silent home becomes an urgent task and a call to the family")
struct AlarmTests {
    static let hongjunjie = "341524001001"

    static func register(_ app: Application, kind: String) async throws -> DeviceService.Registered {
        let input = DeviceService.Input(kind: kind, label: kind == "water_meter" ? "厨房水表" : "床头紧急按钮",
                                        residentIdNumber: DemoAccounts.citizens[2].idNumber, familyName: "王小明", familyPhone: "13955550001")
        let response = try await Browser(app).send(.POST, "/api/v1/communities/\(Self.hongjunjie)/devices", json: input,
                                                   bearer: try await apiToken(app, "community.hjj"))
        #expect(response.status == .created)
        return try response.content.decode(DeviceService.Registered.self)
    }

    static func report(_ app: Application, token: String, _ report: DeviceService.Report) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/device-events", headers: [AlarmController.tokenHeader: token, "Content-Type": "application/json"],
                                            body: ByteBuffer(data: try JSONEncoder.iso.encode(report)))
    }

    @Test("王奶奶 presses her button: an urgent alarm for 红军街's staff, her son is texted, staff take it and close it with what they found")
    func emergencyButton() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let button = try await Self.register(app, kind: "emergency_button")
            #expect(try await Self.report(app, token: "dev_wrong", .init(kind: "button_pressed")).status == .unauthorized)
            #expect(try await Self.report(app, token: button.token, .init(kind: "water_usage", value: 3)).status == .unprocessableEntity,
                    "a button reports no water")
            let pressed = try await Self.report(app, token: button.token, .init(kind: "button_pressed"))
            #expect(pressed.status == .accepted)
            #expect(try await Self.report(app, token: button.token, .init(kind: "button_pressed")).status == .accepted)
            #expect(try await Alarm.query(on: app.db).count() == 1, "pressed again while open: the same alarm")

            let staff = try #require(try await User.query(on: app.db).filter(\.$username == "community.hjj").first())
            let told = try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == staff.id!).filter(\.$title == "紧急告警").all()
            #expect(told.contains { $0.channel == "sms" } && told.contains { $0.body.contains("王奶奶") })
            await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(5))
            let call = try #require(try await AlarmCall.query(on: app.db).first())
            #expect(call.status == "sent" && call.body.contains("王小明"))

            let browser = Browser(app)
            let hjj = try await apiToken(app, "community.hjj")
            let list = try await browser.send(.GET, "/api/v1/communities/\(Self.hongjunjie)/alarms", bearer: hjj).content.decode([AlarmView].self)
            let alarm = try #require(list.first)
            #expect(alarm.urgent && alarm.familyCalled && alarm.acknowledgedAt == nil)
            let base = "/api/v1/communities/\(Self.hongjunjie)/alarms/\(alarm.id)"
            for outsider in ["community.fcy", "13800000003", "grid.fcy"] {
                #expect(try await browser.send(.POST, "\(base)/acknowledge", bearer: try await apiToken(app, outsider)).status == .forbidden, "\(outsider)")
            }
            #expect(try await browser.send(.POST, "\(base)/acknowledge", bearer: hjj).content.decode(AlarmView.self).acknowledgedBy == "社区陈红")
            #expect(try await browser.send(.POST, "\(base)/close", json: ["outcome": ""], bearer: hjj).status == .unprocessableEntity)
            let closed = try await browser.send(.POST, "\(base)/close", json: ["outcome": "上门查看，老人摔倒已送医，家属已到"], bearer: hjj)
                .content.decode(AlarmView.self)
            #expect(closed.closedAt != nil && closed.outcome?.contains("送医") == true)
            #expect(try await browser.send(.POST, "\(base)/close", json: ["outcome": "再次"], bearer: hjj).status == .conflict)
        }
    }

    @Test("nobody takes 王奶奶's alarm in 15 minutes: it becomes one 12345 ticket at 民政局 with her son as contact; what the community then does is written on it")
    func escalation() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T22:00:00"))
            let button = try await Self.register(app, kind: "emergency_button")
            let meter = try await Self.register(app, kind: "water_meter")
            #expect(try await Self.report(app, token: button.token, .init(kind: "button_pressed")).status == .accepted)
            app.clock.set(beijing("2026-03-02T22:14:00"))
            #expect(try await app.devices.escalateUnacknowledged() == 0, "14 minutes is still the community's")

            // The job runs by itself once the time has passed; a second run (or a second instance) finds nothing left.
            app.clock.set(beijing("2026-03-02T22:16:00"))
            await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(120))
            #expect(try await app.devices.escalateUnacknowledged() == 0)
            let alarm = try #require(try await Alarm.query(on: app.db).first())
            let number = try #require(alarm.ticketNumber)
            let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            #expect(try await Ticket.query(on: app.db).count() == 1)
            #expect(ticket.channel == "device" && ticket.type == "help" && ticket.state == "dispatched" && ticket.communityCode == nil)
            #expect(ticket.departmentID == app.catalogCache.snapshot.departmentIDs["mz"], "straight to 民政局, not waiting for a dispatcher")
            #expect(ticket.contactName == "王小明（家属）" && ticket.body.contains("王奶奶") && ticket.deadlineAt != nil)
            let staff = try #require(try await User.query(on: app.db).filter(\.$username == "community.hjj").first())
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == staff.id!).filter(\.$title == "紧急告警已升级12345")
                .filter(\.$channel == "sms").count() == 1)

            // The department sees on the ticket that the community took it and what it found.
            let browser = Browser(app)
            let hjj = try await apiToken(app, "community.hjj")
            let base = "/api/v1/communities/\(Self.hongjunjie)/alarms/\(alarm.id!)"
            #expect(try await browser.send(.GET, "/api/v1/communities/\(Self.hongjunjie)/alarms", bearer: hjj)
                .content.decode([AlarmView].self).first?.ticketNumber == number)
            #expect(try await browser.send(.POST, "\(base)/acknowledge", bearer: hjj).status == .ok)
            #expect(try await browser.send(.POST, "\(base)/close", json: ["outcome": "老人起夜摔倒，已送医，家属陪同"], bearer: hjj).status == .ok)
            let notes = try await TicketEvent.query(on: app.db).filter(\.$ticketID == ticket.id!).filter(\.$kind == "community_note").sort(\.$seq).all()
            #expect(notes.map(\.message) == ["社区已接单处理该告警", "社区已处理该告警：老人起夜摔倒，已送医，家属陪同"])
            #expect(try await AlarmView.one(try #require(try await Alarm.find(alarm.id, on: app.db)), on: app.db).ticketNumber == number)
            let page = Browser(app)
            try await page.signIn("community.hjj")
            #expect(try await page.send(.GET, AlarmURL.list(Self.hongjunjie)).body.string.contains("已升级12345工单 \(number)"))

            // Taken in time, or merely a device gone quiet: never escalated.
            #expect(try await Self.report(app, token: button.token, .init(kind: "button_pressed")).status == .accepted)
            let second = try #require(try await Alarm.query(on: app.db).filter(\.$closedAt == nil).first())
            #expect(try await browser.send(.POST, "\(base.replacingOccurrences(of: alarm.id!.uuidString, with: second.id!.uuidString))/acknowledge",
                                           bearer: hjj).status == .ok)
            _ = meter
            app.clock.set(beijing("2026-03-04T12:00:00"))
            _ = try await app.devices.watch()
            #expect(try await Alarm.query(on: app.db).filter(\.$rule == "offline").count() == 2, "both devices went quiet")
            #expect(try await app.devices.escalateUnacknowledged() == 0)
            #expect(try await Ticket.query(on: app.db).count() == 1)
        }
    }

    @Test("a water meter that sees no water for a day raises one alarm however often the watch runs; a retired device's token stops working")
    func silentHome() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T08:00:00"))
            let meter = try await Self.register(app, kind: "water_meter")
            #expect(try await Self.report(app, token: meter.token, .init(kind: "water_usage", value: 12.5)).status == .accepted)
            #expect(try await Self.report(app, token: meter.token, .init(kind: "water_usage", value: 1, at: beijing("2026-03-09T08:00:00"))).status
                    == .unprocessableEntity, "from the future")
            // Heartbeats with nothing used keep the device online but do not end the silence.
            app.clock.set(beijing("2026-03-03T07:00:00"))
            #expect(try await Self.report(app, token: meter.token, .init(kind: "water_usage", value: 0)).status == .accepted)
            for _ in 0..<2 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(700)) }
            #expect(try await Alarm.query(on: app.db).count() == 0, "23 hours is not yet a day")
            app.clock.set(beijing("2026-03-03T09:00:00"))
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(700)) }
            let alarms = try await Alarm.query(on: app.db).all()
            #expect(alarms.map(\.rule) == ["no_water"] && alarms.first?.urgent == true, "\(alarms.map(\.rule))")

            let browser = Browser(app)
            let retired = try await browser.send(.POST, "/api/v1/communities/\(Self.hongjunjie)/devices/\(meter.device.id)/retire",
                                                 bearer: try await apiToken(app, "community.hjj"))
            #expect(retired.status == .ok)
            #expect(try await Self.report(app, token: meter.token, .init(kind: "heartbeat")).status == .unauthorized)
        }
    }

    @Test("registration names every problem; a resident of another community cannot be registered; only the community's staff register")
    func registration() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let bad = DeviceService.Input(kind: "toaster", label: "", residentIdNumber: DemoAccounts.citizens[0].idNumber, familyName: "", familyPhone: "123")
            let refused = try await browser.send(.POST, "/api/v1/communities/\(Self.hongjunjie)/devices", json: bad, bearer: try await apiToken(app, "community.hjj"))
            #expect(refused.status == .unprocessableEntity)
            let problems = try refused.content.decode(ErrorBody.self).details ?? [:]
            #expect(Set(problems.keys) == ["kind", "label", "residentIdNumber", "familyName", "familyPhone"], "\(problems)")
            #expect(problems["residentIdNumber"]?.contains("不在本社区") == true, "张三 lives in 翡翠苑")
            let good = DeviceService.Input(kind: "door_sensor", label: "入户门", residentIdNumber: DemoAccounts.citizens[2].idNumber,
                                           familyName: "王小明", familyPhone: "13955550001")
            #expect(try await browser.send(.POST, "/api/v1/communities/\(Self.hongjunjie)/devices", json: good,
                                           bearer: try await apiToken(app, "community.fcy")).status == .forbidden)
            let page = Browser(app)
            try await page.signIn("community.hjj")
            let shown = try await page.submit(AlarmURL.devices(Self.hongjunjie), ["kind": "door_sensor", "label": "入户门",
                                                                                  "residentIdNumber": DemoAccounts.citizens[2].idNumber,
                                                                                  "familyName": "王小明", "familyPhone": "13955550001"])
            #expect(shown.status == .ok && shown.body.string.contains("只显示这一次") && shown.body.string.contains("dev_"))
            #expect(try await page.send(.GET, AlarmURL.devices(Self.hongjunjie)).body.string.contains("139****0001"))
        }
    }
}
