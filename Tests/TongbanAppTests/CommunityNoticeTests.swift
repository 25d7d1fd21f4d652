import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("通知公告: a community's staff tell all its residents or one building's; those with an account hear it")
struct CommunityNoticeTests {
    static let feicuiyuan = CommunityTests.feicuiyuan
    static let path = "/api/v1/communities/\(feicuiyuan)/notices"

    /// A resident of 人口库 in a community, with an account linked by ID number as registration links it, signed in
    /// by the username `test.<order>`.
    static func resident(_ app: Application, _ name: String, order: Int, address: String, community: String) async throws -> UUID {
        let idNumber = ResidentID.make(region: "341502", year: 1980, month: 5, day: 20, order: order).value
        let record = PopulationRecord()
        (record.personHash, record.idNumberCipher, record.name, record.gender) = (app.fieldCipher.lookupHash("rid:" + idNumber), try app.fieldCipher.seal(idNumber), name, "男")
        (record.birthDate, record.householdNumber, record.address, record.districtCode) = ("1980-05-20", "HHTEST\(order)", address, "341502")
        (record.maritalStatus, record.alive, record.communityCode, record.building) = ("未婚", true, community, CommunitySeed.building(address))
        try await record.create(on: app.db)
        let user = User()
        (user.username, user.realName, user.idNumberHash, user.idNumberCipher) = ("test.\(order)", name, record.personHash, record.idNumberCipher)
        user.passwordHash = try await PasswordHashCache.shared.hash(DemoAccounts.password, with: app.password.async)
        try await user.create(on: app.db)
        try await UserRole(userID: user.requireID(), role: .citizen, departmentID: nil).create(on: app.db)
        return try user.requireID()
    }

    struct Input: Encodable {
        var title: String
        var body: String
        var building: String?
        var sms: Bool?
    }

    @Test("a notice to one building reaches only its residents with accounts; one to all reaches every one of them, by SMS only when asked")
    func reach() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let staff = try await apiToken(app, "community.fcy")
            let zhang = try #require(try await User.query(on: app.db).filter(\.$phoneHash == app.fieldCipher.lookupHash("phone:13800000001")).first())
            let home = try #require(try await PopulationRecord.query(on: app.db).filter(\.$personHash == zhang.idNumberHash ?? "").first())
            let building = try #require(home.building)
            #expect(building == "金安区梅山南路88号翡翠苑3栋")
            // A neighbour in 翡翠苑's 5栋 and a resident of 红军街, both with accounts (the test city has only the demo households).
            let neighbour = try await Self.resident(app, "邻居王", order: 11, address: "六安市金安区梅山南路88号翡翠苑5栋2单元301室", community: Self.feicuiyuan)
            let elsewhere = try await Self.resident(app, "红军街李", order: 12, address: "六安市金寨县梅山镇红军街14号", community: CommunityTests.hongjunjie)

            let water = try await browser.send(.POST, Self.path, json: Input(title: "3栋停水通知", body: "明天9:00–12:00更换3栋供水阀门，请提前储水。", building: building),
                                               bearer: staff)
            #expect(water.status == .created, "\(water.body.string)")
            let sent = try water.content.decode(NoticeView.self)
            #expect(sent.recipients == 1 && sent.audience == building && !sent.sms)
            func inbox(_ id: UUID) async throws -> [TongbanApp.Notification] {
                try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == id).all()
            }
            #expect(try await inbox(try zhang.requireID()).contains { $0.title == "社区通知：3栋停水通知" && $0.channel == "inapp" && $0.body.contains("储水") })
            #expect(try await inbox(try zhang.requireID()).allSatisfy { $0.channel != "sms" }, "no SMS unless asked")
            #expect(try await inbox(neighbour).isEmpty)
            #expect(try await inbox(elsewhere).isEmpty)

            app.clock.advance(by: 60)
            let all = try await browser.send(.POST, Self.path, json: Input(title: "消防演练", body: "本周六上午在中心花园举行消防演练，欢迎居民参加。", sms: true),
                                             bearer: staff).content.decode(NoticeView.self)
            #expect(all.recipients == 2 && all.audience == "全体居民" && all.sms)
            #expect(try await inbox(neighbour).map(\.channel).sorted() == ["inapp", "sms"])
            #expect(try await inbox(elsewhere).isEmpty)

            // Residents read their community's notices: the whole community's and their own building's.
            let mine = try await browser.send(.GET, "/api/v1/me/community/notices", bearer: try await apiToken(app, "13800000001"))
                .content.decode([NoticeView].self)
            #expect(mine.map(\.title) == ["消防演练", "3栋停水通知"])
            let theirs = try await browser.send(.GET, "/api/v1/me/community/notices", bearer: try await apiToken(app, "test.11"))
                .content.decode([NoticeView].self)
            #expect(theirs.map(\.title) == ["消防演练"])
            #expect(try await browser.send(.GET, "/api/v1/me/community/notices", bearer: try await apiToken(app, "13800000003"))
                .content.decode([NoticeView].self).isEmpty)
            let listed = try await browser.send(.GET, Self.path, bearer: try await apiToken(app, "grid.fcy")).content.decode([NoticeView].self)
            #expect(listed.count == 2)
        }
    }

    @Test("only 翡翠苑's 社区工作人员 publish there; bad input names the field", arguments: [
        ("grid.fcy", Input(title: "通知", body: "网格员不能发布通知公告。"), 403, "notice.forbidden"),
        ("community.hjj", Input(title: "通知", body: "别的社区不能发布。"), 403, "community.forbidden"),
        ("13800000001", Input(title: "通知", body: "居民不能发布。"), 403, "community.forbidden"),
        ("community.fcy", Input(title: "", body: "标题是空的通知。"), 422, "notice.invalid"),
        ("community.fcy", Input(title: "通知", body: "短"), 422, "notice.invalid"),
        ("community.fcy", Input(title: "通知", body: "发给一栋不存在的楼。", building: "火星1栋"), 422, "notice.invalid"),
    ])
    func refused(login: String, input: Input, status: Int, code: String) async throws {
        try await withTongban { app in
            let response = try await Browser(app).send(.POST, Self.path, json: input, bearer: try await apiToken(app, login))
            #expect(Int(response.status.code) == status && response.errorCode == code, "\(login): \(response.body.string)")
            #expect(try await CommunityNotice.query(on: app.db).count() == 0)
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$title ~~ ["社区通知：通知"]).count() == 0)
        }
    }

    @Test("in the browser: staff publish to a building from the community's page; 张三 reads it from 我的社区; text stays text")
    func pages() async throws {
        try await withTongban { app in
            let staff = Browser(app)
            try await staff.signIn("community.fcy")
            #expect(try await staff.send(.GET, CommunityURL.workbench(Self.feicuiyuan)).body.string.contains(NoticeURL.community(Self.feicuiyuan)))
            let form = try await staff.send(.GET, NoticeURL.community(Self.feicuiyuan)).body.string
            #expect(form.contains("金安区梅山南路88号翡翠苑3栋") && form.contains("同时发送短信") && !form.contains("name=\"sms\" value=\"true\" checked"))
            let bad = try await staff.submit(NoticeURL.community(Self.feicuiyuan), ["title": "<script>x</script>", "body": "短"])
            #expect(bad.status == .unprocessableEntity && !bad.body.string.contains("<script>x") && bad.body.string.contains("内容应为"))
            let sent = try await staff.submit(NoticeURL.community(Self.feicuiyuan), [
                "title": "电梯检修<b>", "body": "3栋电梯周五检修，请走楼梯。\"onmouseover=alert(1)", "building": "金安区梅山南路88号翡翠苑3栋",
            ])
            #expect(sent.status == .seeOther)
            let next = try #require(sent.headers.first(name: .location)?.split(separator: "#").first.map(String.init))
            let listed = try await staff.send(.GET, next).body.string
            #expect(listed.contains("1 位有账户的居民收到了消息") && listed.contains("电梯检修&lt;b&gt;"))

            let resident = Browser(app)
            try await resident.signIn("13800000001")
            let page = try await resident.send(.GET, NoticeURL.mine).body.string
            #expect(page.contains("电梯检修&lt;b&gt;") && !page.contains("\"onmouseover=alert(1)") && page.contains("翡翠苑社区"))
            #expect(try await resident.send(.GET, NoticeURL.community(Self.feicuiyuan)).status == .forbidden)
        }
    }
}
