import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("关爱名单: the elderly and disabled found in 人口库, visit plans, visits on a phone, missed visits, needs as service requests")
struct CareTests {
    static let feicuiyuan = "341502001001"
    static let hongjunjie = "341524001001"
    static let list = "/api/v1/communities/\(hongjunjie)/care"

    /// The list as of 2026-03-02 10:00, filled by the recurring job, with three more residents of 翡翠苑 in 人口库:
    /// an old couple (空巢) and a young man with a disability certificate living with his mother.
    static func start(_ app: Application) async throws {
        app.clock.set(beijing("2026-03-02T10:00:00"))
        try await resident(app, "李老汉", born: (1940, 5, 1), household: "HHCARE1", order: 11)
        try await resident(app, "赵老太", born: (1950, 2, 2), household: "HHCARE1", order: 12)
        try await resident(app, "周小军", born: (1990, 1, 1), household: "HHCARE2", order: 13, disability: "二级")
        try await resident(app, "周妈妈", born: (1962, 7, 7), household: "HHCARE2", order: 14)
        await app.jobWorker.runDue(app, now: app.clock.now())
    }

    static func resident(_ app: Application, _ name: String, born: (Int, Int, Int), household: String, order: Int, disability: String? = nil) async throws {
        let id = ResidentID.make(region: "341502", year: born.0, month: born.1, day: born.2, order: order).value
        let record = PopulationRecord()
        (record.personHash, record.idNumberCipher) = (app.fieldCipher.lookupHash("rid:" + id), try app.fieldCipher.seal(id))
        (record.name, record.gender, record.maritalStatus, record.alive) = (name, "女", "已婚", true)
        record.birthDate = String(format: "%04d-%02d-%02d", born.0, born.1, born.2)
        (record.householdNumber, record.districtCode, record.communityCode) = (household, "341502", feicuiyuan)
        record.address = "六安市金安区梅山南路88号翡翠苑5栋101室"
        record.disabilityLevel = disability
        try await record.create(on: app.db)
    }

    static func wang(_ app: Application, _ token: String) async throws -> CareService.EntryView {
        let entries = try await Browser(app).send(.GET, list, bearer: token).content.decode([CareService.EntryView].self)
        return try #require(entries.first { $0.name == "王奶奶" })
    }

    static func userID(_ app: Application, _ username: String) async throws -> UUID {
        try #require(try await User.query(on: app.db).filter(\.$username == username).first()).requireID()
    }

    static func visit(_ overrides: [String: Any] = [:]) -> String {
        var body: [String: Any] = ["visitedAt": "2026-03-02T09:30", "met": true, "findings": "精神好，独自做饭有些吃力",
                                   "systolic": 135, "diastolic": 85, "heartRate": 72, "bloodSugar": 6.1]
        for (key, value) in overrides { body[key] = value }
        return String(decoding: try! JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    }

    @Test("王奶奶, 78 and alone in her household, is on 红军街's list as 独居, her ID masked, the read in her data-usage record")
    func wangOnTheList() async throws {
        try await withTongban { app in
            try await Self.start(app)
            let wang = try await Self.wang(app, try await apiToken(app, "community.hjj"))
            #expect(wang.reasons == ["独居"] && wang.age == 77 && wang.open)
            #expect(wang.idNumber != DemoAccounts.citizens[2].idNumber && wang.idNumber.contains("*"))
            #expect(wang.address.contains("红军街") && wang.nextDueOn == "2026-03-16" && wang.level == "中")
            let usage = try await Browser(app).send(.GET, "/api/v1/me/data-usage", bearer: try await apiToken(app, "13800000003")).body.string
            #expect(usage.contains("社区关爱") && usage.contains("红军街社区"))
            // 翡翠苑: the old couple as 空巢, the young man with a certificate as 残疾 (visited weekly), his mother not at all.
            let fcy = try await Browser(app).send(.GET, "/api/v1/communities/\(Self.feicuiyuan)/care", bearer: try await apiToken(app, "community.fcy"))
                .content.decode([CareService.EntryView].self)
            #expect(Set(fcy.map(\.name)) == ["李老汉", "赵老太", "周小军"])
            #expect(fcy.filter { $0.reasons == ["空巢"] }.count == 2)
            #expect(fcy.first { $0.name == "周小军" }.map { $0.reasons == ["残疾"] && $0.disabilityLevel == "二级" && $0.level == "高" } == true)
            // A second run changes nothing: nobody is added twice.
            let again = try await CareList(db: app.db, cipher: app.fieldCipher, now: app.clock.now()).refresh()
            #expect(again == CareList.Change())
            let page = try await { () async throws -> String in
                let staff = Browser(app)
                try await staff.signIn("community.hjj")
                #expect(try await staff.send(.GET, CommunityURL.workbench(Self.hongjunjie)).body.string.contains(CareURL.list(Self.hongjunjie)))
                return try await staff.send(.GET, CareURL.list(Self.hongjunjie)).body.string
            }()
            #expect(page.contains("王奶奶") && page.contains("独居") && !page.contains(DemoAccounts.citizens[2].idNumber))
        }
    }

    @Test("in the synthetic city, everyone with a disability certificate is on their community's list; nobody is added twice")
    func syntheticCity() async throws {
        try await withTongban({ $0.seedHouseholds = 60 }) { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            let disabled = try await PopulationRecord.query(on: app.db).filter(\.$disabilityLevel != nil).filter(\.$alive == true)
                .filter(\.$communityCode != nil).all()
            #expect(!disabled.isEmpty)
            let listed = Set(try await CareEntry.query(on: app.db).filter(\.$closedAt == nil).all().map(\.personHash))
            #expect(disabled.allSatisfy { listed.contains($0.personHash) })
            #expect(listed.count > disabled.count)
        }
    }

    @Test("a death recorded through the registry-change API closes her entry at once, with the reason; a death loaded otherwise at the daily refresh")
    func deathClosesTheEntry() async throws {
        try await withTongban { app in
            try await Self.start(app)
            let staff = try await apiToken(app, "community.hjj")
            _ = try await Self.wang(app, staff)
            let police = try await apiToken(app, "reviewer.ga")
            let changed = try await Browser(app).send(.POST, "/api/v1/registries/population/\(DemoAccounts.citizens[2].idNumber)",
                                                      json: ["fields": ["alive": "false"]], bearer: police)
            #expect(changed.status == .ok, "\(changed.body.string)")
            let open = try await Browser(app).send(.GET, Self.list, bearer: staff).content.decode([CareService.EntryView].self)
            #expect(!open.contains { $0.name == "王奶奶" })
            let all = try await Browser(app).send(.GET, Self.list + "?closed=true", bearer: staff).content.decode([CareService.EntryView].self)
            let closed = try #require(all.first { $0.name == "王奶奶" })
            #expect(!closed.open && closed.closedReason == "已去世")
            // A change that reaches 人口库 another way (a bulk load) is picked up by the daily job: 李老汉 dies, and
            // 赵老太, now alone in the household, is on the list as 独居 instead of 空巢.
            let li = try #require(try await PopulationRecord.query(on: app.db).filter(\.$name == "李老汉").first())
            li.alive = false
            try await li.save(on: app.db)
            app.clock.set(beijing("2026-03-03T10:30:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            let fcy = try await Browser(app).send(.GET, "/api/v1/communities/\(Self.feicuiyuan)/care?closed=true",
                                                  bearer: try await apiToken(app, "community.fcy")).content.decode([CareService.EntryView].self)
            #expect(fcy.first { $0.name == "李老汉" }.map { !$0.open && $0.closedReason == "已去世" } == true)
            #expect(fcy.first { $0.name == "赵老太" }.map { $0.open && $0.reasons == ["独居"] } == true)
        }
    }

    @Test("a visit recorded on the phone with health values and a 助餐 need files a request for 王奶奶 with her community and sets the next visit")
    func visitCreatesTicket() async throws {
        try await withTongban { app in
            try await Self.start(app)
            let browser = Browser(app)
            let staff = try await apiToken(app, "community.hjj")
            let wang = try await Self.wang(app, staff)
            let volunteer = try await Self.userID(app, "volunteer.hjj")
            let planned = try await browser.send(.POST, "\(Self.list)/\(wang.id)/plan", json: ["level": "高", "visitorID": volunteer.uuidString], bearer: staff)
            #expect(planned.status == .ok, "\(planned.body.string)")
            let plan = try planned.content.decode(CareService.EntryView.self)
            #expect(plan.visitorName == "志愿者孙芳" && plan.frequency == "每周一次" && plan.nextDueOn == "2026-03-09")
            let token = try await apiToken(app, "volunteer.hjj")
            let response = try await browser.send(.POST, "\(Self.list)/\(wang.id)/visits",
                                                  raw: Self.visit(["needs": ["助餐"], "needNote": "希望每天送午餐"]), bearer: token)
            #expect(response.status == .created, "\(response.body.string)")
            let visit = try response.content.decode(CareController.VisitView.self)
            #expect(visit.tickets.count == 1 && visit.systolic == 135 && visit.visitorName == "志愿者孙芳")
            let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$number == visit.tickets[0]).first())
            let wangUser = try #require(try await User.query(on: app.db).filter(\.$realName == "王奶奶").first())
            #expect(ticket.type == TicketType.help.rawValue && ticket.body.contains("关爱走访") && ticket.body.contains("希望每天送午餐"))
            #expect(ticket.citizenID == wangUser.id && ticket.districtCode == "341524")
            #expect(ticket.handlingCommunity == "341524001001" && ticket.communityCategory == "other", "her community's staff take it first")
            let after = try await Self.wang(app, staff)
            #expect(after.nextDueOn == "2026-03-09" && after.lastVisitAt != nil && after.daysOverdue == 0)
            // She sees the request among her own tickets.
            let mine = try await browser.send(.GET, "/api/v1/tickets", bearer: try await apiToken(app, "13800000003")).body.string
            #expect(mine.contains(visit.tickets[0]))
        }
    }

    @Test("on a phone in elder mode with JavaScript off: the visitor's list, the form, its errors named, the visit saved and text escaped")
    func phoneForm() async throws {
        try await withTongban { app in
            try await Self.start(app)
            let staff = try await apiToken(app, "community.hjj")
            let wang = try await Self.wang(app, staff)
            let grid = try await Self.userID(app, "grid.hjj")
            _ = try await Browser(app).send(.POST, "\(Self.list)/\(wang.id)/plan", json: ["level": "中", "visitorID": grid.uuidString], bearer: staff)
            let phone = Browser(app)
            try await phone.signIn("grid.hjj")
            try await phone.submit("/preferences/elder", ["on": "1", "back": "/"])
            let list = try await phone.send(.GET, CareURL.visits(Self.hongjunjie)).body.string
            #expect(list.contains("王奶奶") && list.contains("记录走访") && list.contains("<body class=\"elder\">"))
            let path = CareURL.visit(Self.hongjunjie, wang.id)
            #expect(try await phone.send(.GET, path).body.string.contains("name=\"systolic\""))
            let bad = try await phone.submit(path, ["visitedAt": "2026-03-02T09:00", "met": "true", "findings": "在家", "systolic": "abc", "diastolic": "80"], from: path)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("收缩压请填写数字"))
            let saved = try await phone.submit(path, ["visitedAt": "2026-03-02T09:00", "met": "true", "findings": "<script>alert(1)</script>\"onmouseover=x",
                                                      "systolic": "128", "diastolic": "82", "heartRate": "70", "needRepair": "on", "needNote": "水龙头漏水"], from: path)
            #expect(saved.status == .seeOther)
            let page = try await phone.send(.GET, path + "?saved=1").body.string
            #expect(page.contains("走访已记录") && page.contains("128/82") && page.contains("维修") && !page.contains("<script>alert"))
            #expect(try await Ticket.query(on: app.db).filter(\.$title == "社区走访：王奶奶需要维修").count() == 1)
        }
    }

    @Test("a visit not recorded by its due day is flagged for the staff and the visitor is told once")
    func missedVisit() async throws {
        try await withTongban { app in
            try await Self.start(app)
            let staff = try await apiToken(app, "community.hjj")
            let wang = try await Self.wang(app, staff)
            let volunteer = try await Self.userID(app, "volunteer.hjj")
            _ = try await Browser(app).send(.POST, "\(Self.list)/\(wang.id)/plan", json: ["level": "高", "visitorID": volunteer.uuidString], bearer: staff)
            app.clock.set(beijing("2026-03-09T20:00:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            let told = { try await Notification.query(on: app.db).filter(\.$user.$id == volunteer).filter(\.$title == "关爱走访已逾期")
                .filter(\.$channel == Notification.Channel.inApp.rawValue).count() }
            #expect(try await told() == 0, "due today is not late yet")
            app.clock.set(beijing("2026-03-11T10:00:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            #expect(try await told() == 1)
            app.clock.set(beijing("2026-03-11T14:00:00"))
            await app.jobWorker.runDue(app, now: app.clock.now())
            #expect(try await told() == 1)
            let late = try await Self.wang(app, staff)
            #expect(late.daysOverdue == 2 && late.missedNotified)
            let staffPage = Browser(app)
            try await staffPage.signIn("community.hjj")
            #expect(try await staffPage.send(.GET, CareURL.list(Self.hongjunjie)).body.string.contains("逾期2天"))
        }
    }

    @Test("who sees what: another community's staff, citizens, 物业 and anonymous are refused; a volunteer sees only the people assigned to them")
    func authorization() async throws {
        try await withTongban { app in
            try await Self.start(app)
            let browser = Browser(app)
            for outsider in ["community.fcy", "13800000001", "13800000003", "reviewer.gjj"] {
                #expect(try await browser.send(.GET, Self.list, bearer: try await apiToken(app, outsider)).status == .forbidden, "\(outsider)")
            }
            #expect(try await browser.send(.GET, Self.list).status == .unauthorized)
            let fcy = "/api/v1/communities/\(Self.feicuiyuan)/care"
            #expect(try await browser.send(.GET, fcy, bearer: try await apiToken(app, "property.fcy")).status == .forbidden)
            let staff = try await apiToken(app, "community.fcy")
            let entries = try await browser.send(.GET, fcy, bearer: staff).content.decode([CareService.EntryView].self)
            try #require(entries.count == 3)
            #expect(try await browser.send(.GET, fcy, bearer: try await apiToken(app, "grid.fcy")).content.decode([CareService.EntryView].self).count == entries.count)
            let volunteer = try await apiToken(app, "volunteer.fcy")
            #expect(try await browser.send(.GET, fcy, bearer: volunteer).content.decode([CareService.EntryView].self).isEmpty)
            let id = try await Self.userID(app, "volunteer.fcy")
            _ = try await browser.send(.POST, "\(fcy)/\(entries[0].id)/plan", json: ["level": "低", "visitorID": id.uuidString], bearer: staff)
            let mine = try await browser.send(.GET, fcy, bearer: volunteer).content.decode([CareService.EntryView].self)
            #expect(mine.map(\.id) == [entries[0].id])
            #expect(try await browser.send(.GET, "\(fcy)/\(entries[1].id)/visits", bearer: volunteer).status == .notFound)
            #expect(try await browser.send(.POST, "\(fcy)/\(entries[0].id)/plan", json: ["level": "高"], bearer: volunteer).status == .forbidden)
            // Another community's entry through this community's path does not exist.
            let wang = try await Self.wang(app, try await apiToken(app, "community.hjj"))
            #expect(try await browser.send(.GET, "\(fcy)/\(wang.id)/visits", bearer: staff).status == .notFound)
            // A visitor from another community cannot be assigned.
            let hjjVolunteer = try await Self.userID(app, "volunteer.hjj")
            let wrong = try await browser.send(.POST, "\(fcy)/\(entries[0].id)/plan", json: ["level": "极高", "visitorID": hjjVolunteer.uuidString], bearer: staff)
            #expect(wrong.status == .unprocessableEntity)
            #expect(Set(try wrong.content.decode(ErrorBody.self).details?.keys.map { $0 } ?? []) == ["level", "visitorID"])
            let page = Browser(app)
            try await page.signIn("community.fcy")
            #expect(try await page.send(.GET, CareURL.list(Self.hongjunjie)).status == .forbidden)
            #expect(try await page.send(.GET, CareURL.visits(Self.hongjunjie)).status == .forbidden)
        }
    }

    @Test("bad input is named: blood pressure 400/20, a visit in the future, 其他 without saying what, a need without a way to reach the person")
    func badInput() async throws {
        try await withTongban { app in
            try await Self.start(app)
            let browser = Browser(app)
            let staff = try await apiToken(app, "community.hjj")
            let wang = try await Self.wang(app, staff)
            let path = "\(Self.list)/\(wang.id)/visits"
            let pressure = try await browser.send(.POST, path, raw: Self.visit(["systolic": 400, "diastolic": 20]), bearer: staff)
            #expect(pressure.status == .unprocessableEntity)
            #expect(Set(try pressure.content.decode(ErrorBody.self).details?.keys.map { $0 } ?? []) == ["systolic", "diastolic"])
            let future = try await browser.send(.POST, path, raw: Self.visit(["visitedAt": "2026-03-03T09:00", "needs": ["其他"]]), bearer: staff)
            #expect(future.status == .unprocessableEntity)
            let details = try future.content.decode(ErrorBody.self).details ?? [:]
            #expect(details["visitedAt"] == "走访时间不能晚于现在" && details["needNote"] != nil)
            let notMet = try await browser.send(.POST, path, raw: Self.visit(["met": false]), bearer: staff)
            #expect(try notMet.content.decode(ErrorBody.self).details?["met"] != nil)
            #expect(try await CareVisit.query(on: app.db).count() == 0)
            #expect(try await Ticket.query(on: app.db).filter(\.$title ~~ "社区走访").count() == 0)
            // Someone on 翡翠苑's list without an account: a need needs a phone to reach them.
            let fcyStaff = try await apiToken(app, "community.fcy")
            let fcy = "/api/v1/communities/\(Self.feicuiyuan)/care"
            let someone = try #require(try await browser.send(.GET, fcy, bearer: fcyStaff).content.decode([CareService.EntryView].self).first)
            let noPhone = try await browser.send(.POST, "\(fcy)/\(someone.id)/visits", raw: Self.visit(["needs": ["就医陪同"]]), bearer: fcyStaff)
            #expect(try noPhone.content.decode(ErrorBody.self).details?["contactPhone"] != nil)
            let withPhone = try await browser.send(.POST, "\(fcy)/\(someone.id)/visits",
                                                   raw: Self.visit(["needs": ["就医陪同"], "contactPhone": "13912345678"]), bearer: fcyStaff)
            #expect(withPhone.status == .created, "\(withPhone.body.string)")
        }
    }
}
