import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("社区活动: capacity, a waiting list that moves up by itself, reminders, attendance, 代办")
struct EventTests {
    static let feicuiyuan = "341502001001"

    static func event(capacity: Int = 1, starts: String = "2026-03-10T09:00", ends: String = "2026-03-10T11:00") -> EventService.Input {
        EventService.Input(title: "老年人免费理发", kind: "理发", description: "社区志愿者理发", place: "翡翠苑社区服务站",
                           startsAt: starts, endsAt: ends, capacity: capacity)
    }

    static func register(_ app: Application, phone: String, name: String, order: Int) async throws -> User {
        let idNumber = ResidentID.make(region: "341502", year: 1960, month: 5, day: 1, order: order).value
        let input = RegistrationInput(phone: phone, password: "anhui2026", realName: name, idNumber: idNumber)
        #expect(try await Browser(app).send(.POST, "/api/v1/auth/register", json: input).status == .created)
        return try #require(try await User.query(on: app.db).filter(\.$realName == name).first())
    }

    @Test("two people for one place: one confirmed, one waiting; the first cancels and the second is in and told; reminded once; attendance")
    func waitingList() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let browser = Browser(app)
            let staff = try await apiToken(app, "community.fcy")
            let created = try await browser.send(.POST, "/api/v1/communities/\(Self.feicuiyuan)/events", json: Self.event(), bearer: staff)
            #expect(created.status == .created)
            let event = try created.content.decode(EventView.self)

            // 张三 lives in 翡翠苑; 王奶奶 does not, and does not even see the event.
            let zhang = try await apiToken(app, "13800000001")
            let first = try await browser.send(.POST, "/api/v1/community-events/\(event.id)/signup", bearer: zhang).content.decode(EventView.self)
            #expect(first.myStatus == "confirmed" && first.confirmed == 1)
            let wang = try await apiToken(app, "13800000003")
            #expect(try await browser.send(.POST, "/api/v1/community-events/\(event.id)/signup", bearer: wang).status == .notFound)
            #expect(try await browser.send(.GET, "/api/v1/me/community/events", bearer: wang).content.decode([EventView].self).isEmpty)

            // 李老伯 (an elderly neighbour without a smartphone) is signed up by the grid worker, consent recorded: he waits.
            let neighbour = try await Self.register(app, phone: "13912340001", name: "李老伯", order: 31)
            let grid = try await apiToken(app, "grid.fcy")
            let onBehalf = EventController.OnBehalf(idNumber: ResidentID.make(region: "341502", year: 1960, month: 5, day: 1, order: 31).value,
                                                    consent: "本人到社区当面同意")
            let entry = try await browser.send(.POST, "/api/v1/communities/\(Self.feicuiyuan)/events/\(event.id)/signups", json: onBehalf, bearer: grid)
                .content.decode(EventView.Entry.self)
            #expect(entry.status == "waitlisted" && entry.agentName == "网格吴刚" && entry.consent == "本人到社区当面同意")

            let cancelled = try await browser.send(.POST, "/api/v1/community-events/\(event.id)/cancel", bearer: zhang).content.decode(EventView.self)
            #expect(cancelled.myStatus == nil && cancelled.confirmed == 1 && cancelled.waitlisted == 0)
            let told = try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == neighbour.id!).filter(\.$title ~~ "候补成功").count()
            #expect(told >= 1, "the neighbour moved up and was told")

            // The day before, the confirmed neighbour is reminded once however often the job runs.
            app.clock.set(beijing("2026-03-09T12:00:00"))
            for _ in 0..<3 { await app.jobWorker.runDue(app, now: app.clock.now().addingTimeInterval(1200)) }
            let reminders = try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == neighbour.id!).filter(\.$title ~~ "活动提醒").all()
            #expect(reminders.filter { $0.channel == "inapp" }.count == 1 && reminders.contains { $0.channel == "sms" })

            // Attendance only after it starts.
            let path = "/api/v1/communities/\(Self.feicuiyuan)/events/\(event.id)/attendance"
            #expect(try await browser.send(.POST, path, json: EventController.Attendance(attended: [entry.signupId]), bearer: staff).status == .conflict)
            app.clock.set(beijing("2026-03-10T10:00:00"))
            let roster = try await browser.send(.POST, path, json: EventController.Attendance(attended: [entry.signupId]), bearer: staff)
                .content.decode([EventView.Entry].self)
            #expect(roster.first { $0.signupId == entry.signupId }?.attended == true)
            #expect(try await browser.send(.POST, "/api/v1/community-events/\(event.id)/signup", bearer: zhang).status == .conflict, "started")
        }
    }

    @Test("twenty people at once for five places: exactly five confirmed, fifteen waiting in order")
    func noOverbooking() async throws {
        // A connection for each of the twenty, so what is tested is the lock on the event, not waiting for the pool.
        try await withTongban({ $0.databasePoolPerLoop = 12; $0.databasePoolTimeout = 120 }) { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let event = try await EventService(db: app.db, gate: app.writeGate, now: app.clock.now())
                .create(Self.event(capacity: 5), community: Self.feicuiyuan, by: "测试")
            var people: [UUID] = []
            for index in 0..<20 {
                let user = User()
                (user.realName, user.passwordHash) = ("居民\(index)", "x")
                try await user.create(on: app.db)
                people.append(user.id!)
            }
            let service = EventService(db: app.db, gate: app.writeGate, now: app.clock.now())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for person in people { group.addTask { _ = try await service.signUp(event.requireID(), user: person) } }
                try await group.waitForAll()
            }
            let signups = try await EventSignup.query(on: app.db).filter(\.$event.$id == event.requireID()).all()
            #expect(signups.filter { $0.status == "confirmed" }.count == 5 && signups.filter { $0.status == "waitlisted" }.count == 15)
        }
    }

    @Test("only the community's staff publish; bad input is named field by field; in the browser without JavaScript")
    func publishing() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let browser = Browser(app)
            let path = "/api/v1/communities/\(Self.feicuiyuan)/events"
            for outsider in ["community.hjj", "13800000001", "volunteer.fcy"] {
                #expect(try await browser.send(.POST, path, json: Self.event(), bearer: try await apiToken(app, outsider)).status == .forbidden, "\(outsider)")
            }
            let bad = try await browser.send(.POST, path, json: Self.event(capacity: 0, starts: "2026-03-01T09:00", ends: "2026-02-01T09:00"),
                                             bearer: try await apiToken(app, "community.fcy"))
            #expect(bad.status == .unprocessableEntity)
            let problems = try bad.content.decode(ErrorBody.self).details ?? [:]
            #expect(problems["capacity"] != nil && problems["startsAt"] != nil && problems["endsAt"] != nil, "\(problems)")

            let staff = Browser(app)
            try await staff.signIn("community.fcy")
            let created = try await staff.submit(EventURL.staff(Self.feicuiyuan), ["title": "助餐服务", "kind": "助餐", "place": "社区食堂",
                                                                               "startsAt": "2026-03-05T11:00", "endsAt": "2026-03-05T12:30", "capacity": "30"])
            #expect(created.status == .seeOther)
            #expect(try await staff.send(.GET, EventURL.staff(Self.feicuiyuan)).body.string.contains("助餐服务"))
            let resident = Browser(app)
            try await resident.signIn("13800000001")
            let list = try await resident.send(.GET, EventURL.resident).body.string
            #expect(list.contains("助餐服务") && list.contains("报名"))
            let id = try #require(try await CommunityEvent.query(on: app.db).filter(\.$title == "助餐服务").first()?.id)
            #expect(try await resident.submit("/me/community/events/\(id.uuidString)/signup", [:], from: EventURL.resident).status == .seeOther)
            #expect(try await resident.send(.GET, EventURL.resident).body.string.contains("已报名"))
        }
    }
}
