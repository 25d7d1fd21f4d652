import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("预约办事: half-hour slots as many as the windows, a booking code that takes a number called in its slot, cancel the day before, no-shows")
struct CounterBookingTests {
    /// An item of 人社 (served at the city hall by two 综合 windows and the 人社 window: three places a slot).
    static func item(_ app: Application) throws -> ServiceItemRecord {
        try #require(app.catalogCache.snapshot.items.values.filter { $0.departmentCode == "rs" }.sorted { $0.code < $1.code }.first)
    }

    static func book(_ app: Application, _ item: String, slot: String, as login: String) async throws -> TestingHTTPResponse {
        try await Browser(app).send(.POST, "/api/v1/appointments", json: CounterBookingService.BookInput(hall: "city", item: item, slot: slot + "+08:00"),
                                    bearer: try await apiToken(app, login))
    }

    @Test("three places at 09:00 tomorrow; the fourth is told it is full; the booking code takes B001 on the day, called before an earlier walk-in")
    func bookAndArrive() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let item = try Self.item(app).code
            let slots = try await Browser(app).send(.GET, "/api/v1/halls/city/slots?item=\(item)&day=2026-03-03").content.decode([CounterBookingService.SlotView].self)
            #expect(slots.count == 13 && slots.first?.capacity == 3)
            var codes: [String] = []
            for login in ["13800000001", "13800000002", "13800000003"] {
                let booked = try await Self.book(app, item, slot: "2026-03-03T09:00:00", as: login)
                #expect(booked.status == .created, "\(booked.body.string)")
                codes.append(try booked.content.decode(AppointmentController.View.self).code)
            }
            let outsider = try await IdentityService(db: app.db, cipher: app.fieldCipher, passwords: app.password.async, settings: app.settings, now: Date())
                .createCitizen(realName: "赵六", residentID: ResidentID.make(region: "341502", year: 1990, month: 1, day: 1, order: 11), phone: "13900000077",
                               passwordHash: try app.password.hash(DemoAccounts.password))
            let full = try await Self.book(app, item, slot: "2026-03-03T09:00:00", as: "13900000077")
            #expect(full.status == .conflict && full.errorCode == "appointment.full", "\(outsider.realName)")
            #expect(try await Self.book(app, item, slot: "2026-03-03T09:30:00", as: "13800000001").errorCode == "appointment.already_booked")
            #expect(try await Self.book(app, item, slot: "2026-03-03T12:00:00", as: "13900000077").status == .unprocessableEntity, "lunch is no slot")
            #expect(try await Self.book(app, item, slot: "2026-03-02T15:00:00", as: "13900000077").status == .unprocessableEntity, "not today")

            // On the day: a walk-in at 08:00, 张三 arrives at 08:40 with his code; at 09:00 the 人社 window calls him first.
            app.clock.set(beijing("2026-03-03T08:00:00"))
            #expect(try await Browser(app).send(.POST, "/api/v1/halls/city/tickets", json: QueueService.TakeInput(department: "rs")).status == .created)
            app.clock.set(beijing("2026-03-03T08:40:00"))
            let arrived = try await Browser(app).send(.POST, "/api/v1/halls/city/tickets", json: QueueService.TakeInput(bookingCode: codes[0]))
            #expect(arrived.status == .created)
            #expect(try arrived.content.decode(QueueController.TicketView.self).number == "B001")
            #expect(try await Browser(app).send(.POST, "/api/v1/halls/city/tickets", json: QueueService.TakeInput(bookingCode: codes[0])).status
                    == .unprocessableEntity, "a code takes one number")
            app.clock.set(beijing("2026-03-03T09:00:00"))
            let clerk = try await apiToken(app, "clerk")
            let called = try await Browser(app).send(.POST, "/api/v1/halls/city/windows/4/call", bearer: clerk).content.decode(QueueController.Called.self)
            #expect(called.called?.number == "B001")
        }
    }

    @Test("cancel until the day before frees the place; not on the day; nobody else's; three no-shows, each told, suspend online booking")
    func cancelAndNoShows() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let item = try Self.item(app).code
            let booking = try await Self.book(app, item, slot: "2026-03-04T10:00:00", as: "13800000001").content.decode(AppointmentController.View.self)
            #expect(try await Browser(app).send(.POST, "/api/v1/appointments/\(booking.id)/cancel", bearer: try await apiToken(app, "13800000002")).status == .notFound)
            app.clock.set(beijing("2026-03-04T08:00:00"))
            #expect(try await Browser(app).send(.POST, "/api/v1/appointments/\(booking.id)/cancel", bearer: try await apiToken(app, "13800000001")).errorCode
                    == "appointment.cancel_closed")
            app.clock.set(beijing("2026-03-03T23:59:00"))
            #expect(try await Browser(app).send(.POST, "/api/v1/appointments/\(booking.id)/cancel", bearer: try await apiToken(app, "13800000001")).status == .ok)
            #expect(try await CounterSlot.query(on: app.db).first()?.booked == 0)

            // 李四 books three days and comes to none.
            app.clock.set(beijing("2026-03-02T10:00:00"))
            for slot in ["2026-03-03T09:00:00", "2026-03-04T09:00:00", "2026-03-05T09:00:00"] {
                #expect(try await Self.book(app, item, slot: slot, as: "13800000002").status == .created)
                try await CounterBooking.query(on: app.db).filter(\.$status == "booked").set(\.$status, to: "arrived").update()
            }
            try await CounterBooking.query(on: app.db).filter(\.$status == "arrived").set(\.$status, to: "booked").update()
            app.clock.set(beijing("2026-03-06T10:00:00"))
            #expect(try await CounterBookingService.markNoShows(app.db, now: app.clock.now()) == 3)
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$title == "预约未到场").count() == 6, "told each time, in the inbox and by SMS")
            let refused = try await Self.book(app, item, slot: "2026-03-09T09:00:00", as: "13800000002")
            #expect(refused.status == .forbidden && refused.errorCode == "appointment.suspended" && refused.body.string.contains("暂停网上预约"))
        }
    }

    @Test("in the browser without JavaScript: from the guide to a slot, the code on my appointments")
    func pages() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let item = try Self.item(app).code
            let page = Browser(app)
            try await page.signIn("13800000001")
            #expect(try await page.send(.GET, "/services/\(item)").body.string.contains(AppointmentURL.new(item: item)))
            let form = try await page.send(.GET, "/appointments/new?item=\(item)&hall=city&day=2026-03-03").body.string
            #expect(form.contains("09:00 预约") && form.contains("剩余 3"))
            let booked = try await page.submit(AppointmentURL.mine, ["hall": "city", "item": item, "slot": "2026-03-03T01:00:00Z"])
            #expect(booked.status == .seeOther, "\(booked.body.string.prefix(200))")
            let mine = try await page.send(.GET, AppointmentURL.mine).body.string
            #expect(mine.contains("预约码") && mine.contains("已预约") && mine.contains("取消预约"))
            #expect(mine.contains("<svg") && mine.contains("的二维码"), "the booking code drawn as a QR code")
        }
    }
}
