import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("预约挂号: slots released 7 days ahead at 07:00, no overbooking, waiting list, cancel cut-off, family booking, no-shows")
struct ClinicTests {
    static let son = ResidentID.make(region: "341502", year: 2020, month: 10, day: 10, order: 57).value

    /// The first session of 六安市人民医院's 儿科 (or any department) on `day`, made by the schedule for the clock's today.
    static func session(_ app: Application, on day: String, department: String = "ek") async throws -> ClinicSession {
        _ = try await ClinicSchedule.ensure(app.db, from: CalendarDay(app.clock.now()), rules: app.bookingRules, calendar: app.workdays)
        let hospital = try #require(try await Hospital.query(on: app.db).filter(\.$code == "lasrmyy").first())
        let departments = try await ClinicDepartment.query(on: app.db).filter(\.$hospitalID == hospital.id!).all()
        let wanted = departments.first { $0.code == department }.map { [$0.id!] } ?? departments.compactMap(\.id)
        return try #require(try await ClinicSession.query(on: app.db).filter(\.$day == day).filter(\.$departmentID ~~ wanted).sort(\.$startsAt).first(),
                            "a session on \(day)")
    }

    static func book(_ app: Application, _ session: ClinicSession, as login: String, body: [String: String] = [:]) async throws -> TestingHTTPResponse {
        var json = body
        json["session"] = session.id!.uuidString
        return try await Browser(app).send(.POST, "/api/v1/clinic-bookings", json: json, bearer: try await apiToken(app, login))
    }

    /// The first day on or after `from` that has a session (timetables skip some weekdays).
    static func firstDay(_ app: Application, from: String, department: String = "ek") async throws -> ClinicSession {
        var day = CalendarDay(from)!
        for _ in 0..<7 {
            if let found = try? await session(app, on: day.description, department: department) { return found }
            day = day.adding(days: 1)
        }
        throw AppError.notFound("号源")
    }

    @Test("张三 books at 07:00 sharp, not a minute before; books again: told he has it; cancels before 18:00 the day before, not after")
    func releaseAndCancel() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T06:59:00"))
            let session = try await Self.session(app, on: "2026-03-09", department: "*").self
            let early = try await Self.book(app, session, as: "13800000001")
            #expect(early.status == .conflict && early.errorCode == "clinic.not_released" && early.body.string.contains("07:00"))
            app.clock.set(beijing("2026-03-02T07:00:00"))
            let booked = try await Self.book(app, session, as: "13800000001")
            #expect(booked.status == .created, "\(booked.body.string)")
            let view = try booked.content.decode(ClinicBookingView.self)
            #expect(view.status == "booked" && view.code.count == 10 && view.patientName == "张三" && !view.forRelative)
            #expect(try await Self.book(app, session, as: "13800000001").errorCode == "clinic.already_booked")
            #expect(try await ClinicSession.find(session.id, on: app.db)?.booked == 1)

            let zhang = try await apiToken(app, "13800000001")
            let mine = try await Browser(app).send(.GET, "/api/v1/me/clinic-bookings", bearer: zhang).content.decode([ClinicBookingView].self)
            #expect(mine.map(\.id) == [view.id])
            #expect(try await Browser(app).send(.POST, "/api/v1/clinic-bookings/\(view.id)/cancel", bearer: try await apiToken(app, "13800000002")).status
                    == .notFound, "李四 cannot see or cancel 张三's booking")
            app.clock.set(beijing("2026-03-08T18:00:00"))
            let late = try await Browser(app).send(.POST, "/api/v1/clinic-bookings/\(view.id)/cancel", bearer: zhang)
            #expect(late.status == .conflict && late.errorCode == "clinic.cancel_closed")
            app.clock.set(beijing("2026-03-08T17:59:00"))
            #expect(try await Browser(app).send(.POST, "/api/v1/clinic-bookings/\(view.id)/cancel", bearer: zhang).status == .ok)
            #expect(try await ClinicSession.find(session.id, on: app.db)?.booked == 0, "the place is free again")
            #expect(try await Self.book(app, session, as: "13800000001").status == .created, "and may be booked again")
        }
    }

    @Test("a full session: 李四 joins the waiting list; 张三 cancels and 李四 has the place at once, told by SMS")
    func waitingList() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let session = try await Self.firstDay(app, from: "2026-03-04")
            session.capacity = 1
            try await session.save(on: app.db)
            let first = try await Self.book(app, session, as: "13800000001").content.decode(ClinicBookingView.self)
            let full = try await Self.book(app, session, as: "13800000002")
            #expect(full.status == .conflict && full.errorCode == "clinic.full" && full.body.string.contains("候补"))
            let waiting = try await Browser(app).send(.POST, "/api/v1/clinic-bookings", json: ClinicService.BookInput(session: session.id, waitlist: true),
                                                      bearer: try await apiToken(app, "13800000002"))
            #expect(try waiting.status == .created && waiting.content.decode(ClinicBookingView.self).status == "waitlisted")
            #expect(try await Browser(app).send(.POST, "/api/v1/clinic-bookings/\(first.id)/cancel", bearer: try await apiToken(app, "13800000001")).status == .ok)
            let li = try await Browser(app).send(.GET, "/api/v1/me/clinic-bookings", bearer: try await apiToken(app, "13800000002"))
                .content.decode([ClinicBookingView].self)
            #expect(li.first?.status == "booked")
            #expect(try await ClinicSession.find(session.id, on: app.db)?.booked == 1)
            let liUser = try #require(try await User.query(on: app.db).filter(\.$realName == "李四").first())
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == liUser.id!).filter(\.$title == "候补成功")
                .filter(\.$channel == "sms").count() == 1)
        }
    }

    @Test("张三 books for his son with consent; not for 王奶奶, who is no relative; the son's data-use record shows the look-up")
    func family() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let session = try await Self.firstDay(app, from: "2026-03-04")
            let noConsent = try await Self.book(app, session, as: "13800000001", body: ["forIdNumber": Self.son])
            #expect(noConsent.status == .unprocessableEntity && noConsent.body.string.contains("同意"))
            let stranger = try await Self.book(app, session, as: "13800000001",
                                               body: ["forIdNumber": DemoAccounts.citizens[2].idNumber, "consent": "电话中同意"])
            #expect(stranger.status == .unprocessableEntity && stranger.body.string.contains("父母、子女或配偶"))
            let booked = try await Self.book(app, session, as: "13800000001", body: ["forIdNumber": Self.son, "consent": "本人为其父亲，代为预约"])
            #expect(booked.status == .created)
            let view = try booked.content.decode(ClinicBookingView.self)
            #expect(view.patientName == "张小宝" && view.forRelative && view.bookerName == "张三")
            let logged = try await DataAccess.query(on: app.db).filter(\.$subjectHash == app.fieldCipher.lookupHash("rid:" + Self.son)).all()
            #expect(logged.contains { $0.readerName.contains("张三") && $0.purpose.contains("代家人预约挂号") })
            // The father booking for himself in the same session is another patient: allowed.
            #expect(try await Self.book(app, session, as: "13800000001").status == .created)
        }
    }

    @Test("checked in by the hospital's token; three missed appointments in 90 days suspend online booking with a clear message")
    func noShows() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let admin = try await apiToken(app, "admin")
            #expect(try await Browser(app).send(.POST, "/api/v1/admin/hospitals/lasrmyy/token", bearer: try await apiToken(app, "13800000001")).status == .forbidden)
            let token = try await Browser(app).send(.POST, "/api/v1/admin/hospitals/lasrmyy/token", bearer: admin).content.decode(ClinicController.IssuedToken.self).token
            var sessions: [ClinicSession] = []
            var day = CalendarDay("2026-03-03")!
            while sessions.count < 4, day <= CalendarDay("2026-03-09")! {
                if let found = try? await Self.session(app, on: day.description, department: "*") { sessions.append(found) }
                day = day.adding(days: 1)
            }
            #expect(sessions.count == 4)
            var codes: [String] = []
            for session in sessions {
                codes.append(try await Self.book(app, session, as: "13800000003").content.decode(ClinicBookingView.self).code)
            }
            // She comes to the first: the hospital checks her in (a wrong token does nothing).
            app.clock.set(sessions[0].startsAt.addingTimeInterval(600))
            let wrong = try await app.testing().sendRequest(.POST, "/api/v1/hospitals/lasrmyy/check-ins", headers: [ClinicAttendance.tokenHeader: "hos_x", "Content-Type": "application/json"],
                                                            body: ByteBuffer(string: "{\"code\":\"\(codes[0])\"}"))
            #expect(wrong.status == .unauthorized)
            let checked = try await app.testing().sendRequest(.POST, "/api/v1/hospitals/lasrmyy/check-ins", headers: [ClinicAttendance.tokenHeader: token, "Content-Type": "application/json"],
                                                              body: ByteBuffer(string: "{\"code\":\"\(codes[0])\"}"))
            #expect(checked.status == .ok)
            // She misses the other three.
            app.clock.set(sessions[3].endsAt.addingTimeInterval(3600))
            #expect(try await ClinicAttendance.markNoShows(app.db, gate: app.writeGate, now: app.clock.now()) == 3)
            #expect(try await ClinicAttendance.markNoShows(app.db, gate: app.writeGate, now: app.clock.now()) == 0, "once")
            let statuses = try await ClinicBooking.query(on: app.db).all().map(\.status).sorted()
            #expect(statuses == ["attended", "no_show", "no_show", "no_show"])
            let next = try await Self.firstDay(app, from: CalendarDay(app.clock.now()).adding(days: 1).description, department: "*")
            let refused = try await Self.book(app, next, as: "13800000003")
            #expect(refused.status == .forbidden && refused.errorCode == "clinic.suspended" && refused.body.string.contains("暂停网上预约"))
        }
    }

    @Test("sixty people at once for twenty places: exactly twenty booked, forty told it is full, nobody twice")
    func flashCrowd() async throws {
        // Connections enough that what is tested is the place's guard, not waiting for the pool on a loaded machine.
        try await withTongban({ $0.databasePoolPerLoop = 12; $0.databasePoolTimeout = 120 }) { app in
            app.clock.set(beijing("2026-03-02T07:00:00"))
            let session = try await Self.session(app, on: "2026-03-09", department: "*")
            session.capacity = 20
            try await session.save(on: app.db)
            var people: [Principal] = []
            for index in 0..<60 {
                let user = User()
                (user.realName, user.passwordHash, user.idNumberHash) = ("患者\(index)", "x", "patient-\(index)")
                try await user.create(on: app.db)
                people.append(Principal(userID: user.id!, realName: user.realName, grants: [.init(role: .citizen)]))
            }
            let service = ClinicService(db: app.db, gate: app.writeGate, cipher: app.fieldCipher, now: app.clock.now(), rules: app.bookingRules)
            let outcomes = await withTaskGroup(of: String.self) { group in
                for person in people {
                    group.addTask {
                        do { return try await service.book(.init(session: session.id), by: person).status } catch let error as AppError { return error.code } catch {
                            return "error: \(error)"
                        }
                    }
                }
                return await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            }
            #expect(outcomes == ["booked": 20, "clinic.full": 40], "\(outcomes)")
            #expect(try await ClinicSession.find(session.id, on: app.db)?.booked == 20)
            #expect(try await ClinicBooking.query(on: app.db).filter(\.$status == "booked").count() == 20)
        }
    }

    @Test("in the browser without JavaScript: hospital, department, confirm, my bookings, cancel")
    func pages() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let session = try await Self.firstDay(app, from: "2026-03-04")
            let page = Browser(app)
            try await page.signIn("13800000001")
            #expect(try await page.send(.GET, ClinicURL.hospitals).body.string.contains("六安市人民医院"))
            let week = try await page.send(.GET, ClinicURL.department("lasrmyy", "ek")).body.string
            #expect(week.contains("/hospitals/book/\(session.id!.uuidString)"))
            #expect(try await page.send(.GET, "/hospitals/book/\(session.id!.uuidString)").body.string.contains("确认预约"))
            let done = try await page.submit(ClinicURL.mine, ["session": session.id!.uuidString])
            #expect(done.status == .seeOther)
            let mine = try await page.send(.GET, ClinicURL.mine).body.string
            #expect(mine.contains("已预约") && mine.contains("预约码"))
            let again = try await page.submit(ClinicURL.mine, ["session": session.id!.uuidString])
            #expect(again.status == .conflict && again.body.string.contains("已预约该时段"))
            let booking = try #require(try await ClinicBooking.query(on: app.db).first())
            #expect(try await page.submit("\(ClinicURL.mine)/\(booking.id!.uuidString)/cancel", [:]).status == .seeOther)
            #expect(try await page.send(.GET, ClinicURL.mine).body.string.contains("已取消"))
        }
    }
}
