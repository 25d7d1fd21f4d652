import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("社区报修: residents' repairs as 12345 tickets their community handles, escalated into 12345 when beyond it")
struct RepairTests {
    static let feicuiyuan = CommunityTests.feicuiyuan
    static let hongjunjie = CommunityTests.hongjunjie
    static let queue = "/api/v1/communities/\(feicuiyuan)/repairs"
    static let lights = RepairInput(category: "物业维修", description: "3栋1单元楼道灯坏了一个星期，晚上看不见台阶，老人上下楼不安全。", location: "3栋1单元楼道")
    static let benches = RepairInput(category: "公共设施", description: "小区中心花园的健身器材断了一根扶手，孩子玩的时候容易受伤。", location: "中心花园")

    @Test("张三 files 物业维修; property.fcy signs and replies; 张三 is told, calls back and rates it, and a 差评 goes to the community to answer")
    func wholeLife() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))  // a Wednesday
            let browser = Browser(app)
            let zhang = try await apiToken(app, "13800000001")
            let property = try await apiToken(app, "property.fcy")

            let filed = try #require(try await browser.fileRepair(Self.lights, token: zhang))
            #expect(filed.state == "dispatched" && filed.channel == "community" && filed.departmentName == "社区物业")
            #expect(filed.limitDays == app.settings.hotline.limits.limit(.help) && filed.deadlineAt != nil)
            #expect(filed.title == "物业维修：3栋1单元楼道" && filed.address == "翡翠苑社区 3栋1单元楼道" && filed.district == "341502")
            let number = filed.number
            let stored = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            #expect(stored.communityCode == Self.feicuiyuan && stored.repairCategory == .propertyRepair && stored.departmentID == nil)
            #expect(try await notices(app, "13800000001").contains { $0.title == "社区报修已受理" })

            let waiting = try await browser.send(.GET, Self.queue, bearer: property).content.decode(RepairQueue.self)
            #expect(waiting.open.map(\.number) == [number] && waiting.open[0].handledBy == "社区物业")
            #expect(try await browser.repairStep(number, "reply", ["reply": "已更换"], token: property).status == .conflict, "sign first")
            let signed = try await browser.repairStep(number, "sign", token: property).content.decode(TicketView.self)
            #expect(signed.state == "handling" && signed.contactPhone == "13800000001", "the handler calls the resident back")
            #expect(try await browser.repairStep(number, "reply", ["reply": " "], token: property).status == .unprocessableEntity)
            let replied = try await browser.repairStep(number, "reply", ["reply": "已更换3栋1单元楼道的4盏感应灯，恢复照明。"], token: property)
                .content.decode(TicketView.self)
            #expect(replied.state == "replied")

            // The resident follows it as any ticket: the reply, the callback and 好差评.
            #expect(try await notices(app, "13800000001").contains { $0.title == "社区报修已答复" && $0.body.contains("4盏感应灯") })
            let seen = try await browser.ticket(number, token: zhang)
            #expect(seen.reply == "已更换3栋1单元楼道的4盏感应灯，恢复照明。" && seen.departmentName == "社区物业")
            #expect(seen.events.contains { $0.kind == "signed" && $0.message == "社区物业已签收" })
            let mine = try await browser.send(.GET, "/api/v1/me/community/repairs", bearer: zhang).content.decode([RepairSummary].self)
            #expect(mine.map(\.number) == [number] && mine[0].stateTitle == TicketState.replied.title)
            let closed = try await browser.ticketAction(number, "callback", ["satisfaction": "基本满意"], token: zhang).content.decode(TicketView.self)
            #expect(closed.state == "closed")

            #expect(try await browser.send(.POST, "/api/v1/reviews", json: RepairRating(id: number, level: 2, comment: "等了好几天"),
                                           bearer: try await apiToken(app, "13800000002")).status == .notFound, "李四 cannot rate 张三's")
            let rated = try await browser.send(.POST, "/api/v1/reviews", json: RepairRating(id: number, level: 2, comment: "等了好几天"), bearer: zhang)
            #expect(rated.status == .created)
            let review = try rated.content.decode(ReviewView.self)
            #expect(review.department == Self.feicuiyuan && review.departmentName == "翡翠苑社区" && review.rectification?.status == "open")
            let owed = try await browser.send(.GET, "/api/v1/rectifications", bearer: property).content.decode([RectificationView].self)
            #expect(owed.map(\.reviewId) == [review.id])
            #expect(try await browser.send(.GET, "/api/v1/rectifications", bearer: try await apiToken(app, "community.hjj"))
                .content.decode([RectificationView].self).isEmpty)
            let answer = try await browser.send(.POST, "/api/v1/rectifications/\(owed[0].id)/reply",
                                                json: ["reply": "已与物业约定：楼道灯报修当天更换。"], bearer: property)
            #expect(answer.status == .ok)
            let statistics = try await browser.send(.GET, "/api/v1/reviews/statistics").content.decode(ReviewStatisticsView.self)
            #expect(statistics.departments.contains { $0.code == Self.feicuiyuan && $0.name == "翡翠苑社区" })
        }
    }

    @Test("a 公共设施 request escalated by community.fcy leaves the community's queue for the 12345 dispatch queue, and the community sees what became of it")
    func escalation() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let zhang = try await apiToken(app, "13800000001")
            let community = try await apiToken(app, "community.fcy")
            let dispatcher = try await apiToken(app, "dispatcher")
            let supervisor = try await apiToken(app, "supervisor")
            let number = try #require(try await browser.fileRepair(Self.benches, token: zhang)).number
            #expect(try await browser.ticket(number, token: zhang).departmentName == "社区居委会")

            #expect(try await browser.send(.GET, Self.queue, bearer: community).content.decode(RepairQueue.self).open.map(\.number) == [number])
            #expect(try await browser.send(.GET, Self.queue, bearer: try await apiToken(app, "property.fcy")).content.decode(RepairQueue.self).open.isEmpty,
                    "物业 sees only 物业维修")
            let grid = try await apiToken(app, "grid.fcy")
            #expect(try await browser.send(.GET, Self.queue, bearer: grid).content.decode(RepairQueue.self).open.map(\.number) == [number])
            #expect(try await browser.repairStep(number, "sign", token: grid).status == .forbidden, "网格员 read, they do not handle")
            #expect(try await browser.repairStep(number, "escalate", ["reason": "需市政维修"], token: grid).status == .forbidden)
            #expect(try await browser.send(.GET, "/api/v1/hotline/dispatch-queue", bearer: dispatcher).content.decode([TicketSummary].self).isEmpty)
            let before = try await browser.send(.GET, "/api/v1/hotline/kpis", bearer: supervisor).content.decode(HotlineKPIs.self)
            #expect(before.filed == 0, "a community's work order is not 12345's")

            #expect(try await browser.repairStep(number, "escalate", ["reason": ""], token: community).status == .unprocessableEntity)
            let escalated = try await browser.repairStep(number, "escalate", ["reason": "健身器材属园林部门管理，超出社区职责"], token: community)
                .content.decode(TicketView.self)
            #expect(escalated.state == "pending" && escalated.department == nil && escalated.deadlineAt == nil)
            #expect(try await browser.repairStep(number, "escalate", ["reason": "再升级一次"], token: community).status == .conflict)
            #expect(try await browser.repairStep(number, "sign", token: community).status == .forbidden, "no longer the community's to handle")
            let queued = try await browser.send(.GET, "/api/v1/hotline/dispatch-queue", bearer: dispatcher).content.decode([TicketSummary].self)
            #expect(queued.map(\.number) == [number])
            let after = try await browser.send(.GET, Self.queue, bearer: community).content.decode(RepairQueue.self)
            #expect(after.open.isEmpty && after.escalated.map(\.number) == [number] && after.escalated[0].handledBy == "12345待派单")
            #expect(try await notices(app, "13800000001").contains { $0.title == "社区报修已转12345办理" })
            #expect(try await browser.send(.GET, "/api/v1/hotline/kpis", bearer: supervisor).content.decode(HotlineKPIs.self).filed == 1)

            // From here it is a 12345 ticket like any other, and the community can follow it.
            #expect(try await browser.ticketAction(number, "dispatch", ["department": "cg"], token: dispatcher).status == .ok)
            let handler = try await apiToken(app, "handler.cg")
            #expect(try await browser.send(.GET, "/api/v1/hotline/department-queue", bearer: handler).content.decode([TicketSummary].self).map(\.number) == [number])
            #expect(try await browser.ticketAction(number, "sign", token: handler).status == .ok)
            #expect(try await browser.ticketAction(number, "reply", ["reply": "已更换健身器材扶手。"], token: handler).status == .ok)
            let followed = try await browser.send(.GET, "\(Self.queue)/\(number)", bearer: community).content.decode(TicketView.self)
            #expect(followed.state == "replied" && followed.departmentName == app.catalogCache.snapshot.department("cg")?.name && followed.contactPhone == "138****0001")
            #expect(followed.events.map(\.kind).contains("community_escalated"))
            let review = try await browser.send(.POST, "/api/v1/reviews", json: RepairRating(id: number, level: 5, comment: "很快修好了"), bearer: zhang)
            #expect(review.status == .created && (try? review.content.decode(ReviewView.self).department) == "cg", "rated as the department's work")
        }
    }

    @Test("escalation dispatches on its own when the classifier is sure, as intake does")
    func escalationDispatchesItself() async throws {
        try await withTongban({ $0.hotline.dispatchThreshold = 0 }) { app in
            let browser = Browser(app)
            let number = try #require(try await browser.fileRepair(Self.benches, token: try await apiToken(app, "13800000001"))).number
            let stored = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            #expect(stored.state == "dispatched" && stored.departmentID == nil, "the classifier does not take it from the community")
            let escalated = try await browser.repairStep(number, "escalate", ["reason": "超出社区职责"], token: try await apiToken(app, "community.fcy"))
                .content.decode(TicketView.self)
            let top = try #require(app.tickets.suggestions(stored).first)
            #expect(escalated.state == "dispatched" && escalated.department == top.department && escalated.deadlineAt != nil)
        }
    }

    @Test("deadlines: the recurring scan reminds the property service at 80% and reports an overdue order to the community's staff, not to 12345's supervisors")
    func deadlines() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let browser = Browser(app)
            let number = try #require(try await browser.fileRepair(Self.lights, token: try await apiToken(app, "13800000001"))).number
            let stored = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            let property = try await apiToken(app, "property.fcy")

            app.clock.set(try #require(stored.atRiskAt).addingTimeInterval(60))
            _ = await app.jobWorker.runDue(app, now: app.clock.now())
            #expect(try await notices(app, "property.fcy").contains { $0.title == "工单即将超期" && $0.link == RepairURL.staff(Self.feicuiyuan, number) })
            var queue = try await browser.send(.GET, Self.queue, bearer: property).content.decode(RepairQueue.self)
            #expect(queue.open.first?.deadlineStatus == DeadlineStatus.atRisk.rawValue)

            app.clock.set(try #require(stored.deadlineAt).addingTimeInterval(60))
            _ = await app.jobWorker.runDue(app, now: app.clock.now())
            queue = try await browser.send(.GET, Self.queue, bearer: property).content.decode(RepairQueue.self)
            #expect(queue.open.first?.deadlineStatus == DeadlineStatus.overdue.rawValue)
            #expect(try await notices(app, "property.fcy").contains { $0.title == "工单已超期" })
            #expect(try await notices(app, "community.fcy").contains { $0.title == "工单超期" && $0.body.contains(number) })
            #expect(try await notices(app, "supervisor").isEmpty)
            let supervision = try await browser.send(.GET, "/api/v1/hotline/supervision", bearer: try await apiToken(app, "supervisor"))
                .content.decode(TicketService.Supervision.self)
            #expect(supervision.overdue.isEmpty && supervision.atRisk.isEmpty)
            let page = Browser(app)
            try await page.signIn("property.fcy")
            #expect(try await page.send(.GET, RepairURL.queue(Self.feicuiyuan)).body.string.contains("clock-overdue"))
        }
    }

    @Test("another community's staff, other residents and 12345's departments neither see nor act on 翡翠苑's orders")
    func authorization() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let number = try #require(try await browser.fileRepair(Self.lights, token: try await apiToken(app, "13800000001"))).number
            let hjj = try await apiToken(app, "community.hjj")
            #expect(try await browser.send(.GET, Self.queue, bearer: hjj).status == .forbidden)
            #expect(try await browser.send(.GET, "\(Self.queue)/\(number)", bearer: hjj).status == .forbidden)
            #expect(try await browser.repairStep(number, "sign", token: hjj).status == .forbidden)
            let own = "/api/v1/communities/\(Self.hongjunjie)/repairs/\(number)"
            #expect(try await browser.send(.GET, own, bearer: hjj).status == .notFound)
            #expect(try await browser.send(.POST, own + "/sign", bearer: hjj).status == .notFound)
            #expect(try await browser.ticketAction(number, "sign", token: hjj).status == .forbidden)
            #expect(try await browser.send(.GET, "/api/v1/tickets/\(number)", bearer: hjj).status == .notFound)
            #expect(try await browser.send(.GET, Self.queue, bearer: try await apiToken(app, "volunteer.fcy")).status == .forbidden)

            let li = try await apiToken(app, "13800000002")
            #expect(try await browser.send(.GET, "/api/v1/tickets/\(number)", bearer: li).status == .notFound)
            #expect(try await browser.send(.GET, "/api/v1/me/community/repairs", bearer: li).content.decode([RepairSummary].self).isEmpty)
            #expect(try await browser.send(.GET, Self.queue, bearer: li).status == .forbidden)
            #expect(try await browser.send(.GET, Self.queue).status == .unauthorized)

            for department in ["cg", "zj"] {
                let handler = try await apiToken(app, "handler.\(department)")
                #expect(try await browser.send(.GET, "/api/v1/hotline/department-queue", bearer: handler).content.decode([TicketSummary].self).isEmpty)
                #expect(try await browser.ticketAction(number, "reply", ["reply": "已处理"], token: handler).status == .forbidden)
            }
            // 12345's own ways out are closed while the community has it: only escalation takes it to a department.
            let supervisor = try await apiToken(app, "supervisor")
            #expect(try await browser.ticketAction(number, "reassign", ["department": "cg"], token: supervisor).status == .conflict)
            #expect(try await browser.ticketAction(number, "return", ["reason": "不归物业管"], token: try await apiToken(app, "property.fcy")).status == .conflict)
            #expect(try await browser.send(.GET, Self.queue, bearer: try await apiToken(app, "leader")).content.decode(RepairQueue.self).open.count == 1)
            #expect(try await browser.send(.GET, "/api/v1/communities/000000/repairs", bearer: try await apiToken(app, "leader")).status == .notFound)
            #expect(try await browser.send(.POST, "/api/v1/me/community/repairs", json: Self.lights,
                                           bearer: try await apiToken(app, "community.fcy")).status == .forbidden, "staff do not file as residents")
        }
    }

    @Test("bad input is refused with the field named; a resident without a community is told so", arguments: [
        (RepairInput(category: "修马桶", description: "卫生间马桶一直漏水。", location: "5栋"), "category"),
        (RepairInput(category: nil, description: "卫生间马桶一直漏水。", location: "5栋"), "category"),
        (RepairInput(category: "property_repair", description: "漏水", location: "5栋"), "description"),
        (RepairInput(category: "其他诉求", description: "楼下有人半夜装修，很吵。", location: " "), "location"),
        (RepairInput(category: "公共设施", description: "路灯不亮了好几天。", location: String(repeating: "长", count: 61)), "location"),
    ])
    func badInput(input: RepairInput, field: String) async throws {
        try await withTongban { app in
            let response = try await Browser(app).send(.POST, "/api/v1/me/community/repairs", json: input, bearer: try await apiToken(app, "13800000001"))
            #expect(response.status == .unprocessableEntity && response.errorCode == "repair.invalid")
            #expect(try response.content.decode(ErrorBody.self).details?[field] != nil)
            #expect(try await Ticket.query(on: app.db).count() == 0)
        }
    }

    @Test("malformed bodies are a 400, and someone 人口库 does not place gets a clear message, not a ticket")
    func noCommunity() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let zhang = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.POST, "/api/v1/me/community/repairs", raw: "{\"category\": [", bearer: zhang).status == .badRequest)
            let stranger = RegistrationInput(phone: "13912340000", password: "anhui2026", realName: "外地人",
                                             idNumber: ResidentID.make(region: "110101", year: 1985, month: 6, day: 1, order: 997).value)
            #expect(try await browser.send(.POST, "/api/v1/auth/register", json: stranger).status == .created)
            let token = try await apiToken(app, "13912340000", password: "anhui2026")
            let refused = try await browser.send(.POST, "/api/v1/me/community/repairs", json: Self.lights, bearer: token)
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "community.not_resident")
            #expect(try refused.content.decode(ErrorBody.self).message.contains("12345"))
            let page = Browser(app)
            try await page.signIn("13912340000", password: "anhui2026")
            #expect(try await page.send(.GET, RepairURL.mine).body.string.contains("无法确定您所在的社区"))
            #expect(try await Ticket.query(on: app.db).count() == 0)
        }
    }

    @Test("张三 adds photos of the leak; he and the community's staff see them, nobody else; a PDF or a fourth photo is refused with the text kept")
    func photos() async throws {
        try await withTongban { app in
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("IHDR leak photo".utf8)
            let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("JFIF ceiling".utf8)
            let pdf = Data("%PDF-1.4 not a photo".utf8)
            let resident = Browser(app)
            try await resident.signIn("13800000001")
            _ = try await resident.send(.GET, RepairURL.mine)
            let fields = [("category", "property_repair"), ("location", "3栋2单元502"), ("description", "卫生间天花板漏水，见照片")]
            let wrongType = try await resident.submitMultipart(RepairURL.mine, fields: fields, files: [("photo[]", "a.pdf", pdf)])
            #expect(wrongType.status == .unprocessableEntity && wrongType.body.string.contains("照片") && wrongType.body.string.contains("天花板漏水"))
            let tooMany = try await resident.submitMultipart(RepairURL.mine, fields: fields, files: (0..<4).map { ("photo[]", "\($0).png", png) })
            #expect(tooMany.status == .unprocessableEntity && tooMany.body.string.contains("最多上传3张照片"))
            #expect(try await Ticket.query(on: app.db).count() == 0)

            let filed = try await resident.submitMultipart(RepairURL.mine, fields: fields, files: [("photo[]", "漏水.png", png), ("photo[]", "天花板.jpg", jpeg)])
            #expect(filed.status == .seeOther, "\(filed.body.string.prefix(300))")
            let ticket = try #require(try await Ticket.query(on: app.db).first())
            let photos = try await TicketPhoto.query(on: app.db).filter(\.$ticketID == ticket.id!).sort(\.$createdAt).all()
            #expect(photos.count == 2)
            let first = TicketPhotos.path(ticket.number, photos[0].uploadID)
            let page = try await resident.send(.GET, try #require(filed.headers.first(name: .location))).body.string
            #expect(page.contains("现场照片") && page.contains(first))
            let served = try await resident.send(.GET, first)
            #expect(served.status == .ok && served.headers.contentType?.description.hasPrefix("image/") == true)

            let staff = Browser(app)
            try await staff.signIn("property.fcy")
            #expect(try await staff.send(.GET, RepairURL.staff(Self.feicuiyuan, ticket.number)).body.string.contains(first))
            #expect(try await staff.send(.GET, first).status == .ok)
            for outsider in ["13800000002", "community.hjj", "handler.cg"] {
                let other = Browser(app)
                try await other.signIn(outsider)
                #expect(try await other.send(.GET, first).status == .notFound, "\(outsider)")
            }
            #expect(try await Browser(app).send(.GET, first).status != .ok, "anonymous")

            // Over the API: upload first, then name the uploads; someone else's upload is no upload.
            let token = try await apiToken(app, "13800000001")
            var headers = HTTPHeaders([("Content-Type", "image/png"), ("X-File-Name", "lamp.png")])
            headers.bearerAuthorization = BearerAuthorization(token: token)
            var upload: TestingHTTPResponse?
            try await app.testing().test(.POST, "/api/v1/uploads", headers: headers, body: ByteBuffer(data: png)) { upload = $0 }
            #expect(upload?.status == .created)
            let id = try #require(upload).content.decode(CaseController.UploadView.self).id
            let input = RepairInput(category: "public_facility", description: "东门路灯不亮，见照片", location: "小区东门", photos: [id])
            #expect(try await Browser(app).send(.POST, "/api/v1/me/community/repairs", json: input, bearer: try await apiToken(app, "13800000002"))
                .status != .created, "李四 cannot attach 张三's upload")
            #expect(try await Browser(app).send(.POST, "/api/v1/me/community/repairs", json: input, bearer: token).status == .created)
            #expect(try await TicketPhoto.query(on: app.db).count() == 3)
        }
    }

    @Test("in the browser: 张三 files from 我的社区 and lands on the ticket; community.fcy signs, replies and escalates from its queue; text stays text")
    func pages() async throws {
        try await withTongban(manualDispatch) { app in
            let resident = Browser(app)
            try await resident.signIn("13800000001")
            let home = try await resident.send(.GET, CommunityURL.mine).body.string
            #expect(home.contains(RepairURL.mine) && home.contains(NoticeURL.mine))
            let form = try await resident.send(.GET, RepairURL.mine).body.string
            #expect(form.contains("物业维修") && form.contains("您还没有报修过"))
            let wrong = try await resident.submit(RepairURL.mine, ["category": "", "description": "<script>alert(1)</script>漏水", "location": "5栋"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("请选择报修类别"))
            #expect(!wrong.body.string.contains("<script>alert(1)") && wrong.body.string.contains("&lt;script&gt;"))
            let filed = try await resident.submit(RepairURL.mine, ["category": "public_facility", "description": "\"onmouseover=alert(1) 中心花园路灯不亮",
                                                                   "location": "中心花园"])
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers.first(name: .location))
            #expect(location.hasPrefix("/me/tickets/12345-"))
            let number = String(location.dropFirst("/me/tickets/".count).prefix { $0 != "?" })
            #expect(try await resident.send(.GET, location).body.string.contains("社区居委会"))
            #expect(try await resident.send(.GET, RepairURL.mine).body.string.contains(number))

            let staff = Browser(app)
            try await staff.signIn("community.fcy")
            #expect(try await staff.send(.GET, CommunityURL.workbench(Self.feicuiyuan)).body.string.contains(RepairURL.queue(Self.feicuiyuan)))
            let queue = try await staff.send(.GET, RepairURL.queue(Self.feicuiyuan)).body.string
            #expect(queue.contains(number) && queue.contains("公共设施"))
            let page = try await staff.send(.GET, RepairURL.staff(Self.feicuiyuan, number)).body.string
            #expect(page.contains("签收") && page.contains("升级为12345工单") && !page.contains("\"onmouseover=alert(1)"))
            let path = RepairURL.staff(Self.feicuiyuan, number)
            #expect(try await staff.submit(path + "/sign", [:], from: path).status == .seeOther)
            let refused = try await staff.submit(path + "/reply", ["reply": ""], from: path)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("请填写答复内容"))
            #expect(try await staff.submit(path + "/escalate", ["reason": "路灯属城管部门管理"], from: path).status == .seeOther)
            let after = try await staff.send(.GET, path).body.string
            #expect(after.contains("已于") && after.contains("升级为12345工单") && !after.contains("name=\"reason\""))
            #expect(try await staff.send(.GET, RepairURL.staff(Self.hongjunjie, number)).status == .forbidden)
        }
    }
}

struct RepairRating: Encodable {
    var subject = "ticket"
    var id: String
    var level: Int
    var comment: String
}

extension Browser {
    func fileRepair(_ input: RepairInput, token: String, expect status: HTTPStatus = .created) async throws -> TicketView? {
        let response = try await send(.POST, "/api/v1/me/community/repairs", json: input, bearer: token)
        #expect(response.status == status, "repair: \(response.body.string)")
        return status == .created ? try response.content.decode(TicketView.self) : nil
    }

    @discardableResult
    func repairStep(_ number: String, _ step: String, _ body: [String: String] = [:], community: String = RepairTests.feicuiyuan,
                    token: String) async throws -> TestingHTTPResponse {
        try await send(.POST, "/api/v1/communities/\(community)/repairs/\(number)/\(step)", json: body, bearer: token)
    }
}

/// A person's in-app messages, newest first, by their login (phone or username).
func notices(_ app: Application, _ login: String) async throws -> [TongbanApp.Notification] {
    let user = try #require(try await User.query(on: app.db).group(.or) { $0.filter(\.$username == login).filter(\.$phoneHash == app.fieldCipher.lookupHash("phone:" + login)) }.first())
    return try await NotificationService(db: app.db, now: app.clock.now()).inbox(try user.requireID())
}

@Suite("代办报修: community staff file for a resident who cannot do it online, with consent recorded")
struct RepairOnBehalfTests {
    static let feicuiyuan = "341502001001"

    @Test("the grid worker files for 张三; the order is his, its timeline names who filed it and how he agreed; outsiders and bad input refused")
    func onBehalf() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let path = "/api/v1/communities/\(Self.feicuiyuan)/repairs"
            let input = RepairOnBehalf(category: "物业维修", description: "家中水管漏水，老人不会用手机", location: "3栋2单元502",
                                       residentIdNumber: DemoAccounts.citizens[0].idNumber, consent: "本人到社区服务站当面同意")
            let filed = try await browser.send(.POST, path, json: input, bearer: try await apiToken(app, "grid.fcy"))
            #expect(filed.status == .created)
            let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$communityCode == Self.feicuiyuan).first())
            let zhang = try #require(try await User.query(on: app.db).filter(\.$realName == "张三").first())
            #expect(ticket.citizenID == zhang.id && ticket.communityCategory == "property_repair")
            let events = try await TicketEvent.query(on: app.db).filter(\.$ticketID == ticket.id!).all()
            #expect(events.contains { $0.kind == "on_behalf" && $0.message.contains("网格吴刚") && $0.message.contains("当面同意") })
            let mine = try await browser.send(.GET, "/api/v1/me/community/repairs", bearer: try await apiToken(app, "13800000001"))
                .content.decode([RepairSummary].self)
            #expect(mine.map(\.number) == [ticket.number], "the order is 张三's own")

            for outsider in ["community.hjj", "volunteer.fcy", "property.fcy", "13800000001", "leader"] {
                #expect(try await browser.send(.POST, path, json: input, bearer: try await apiToken(app, outsider)).status == .forbidden, "\(outsider)")
            }
            var wrong = input
            (wrong.residentIdNumber, wrong.consent, wrong.location) = (DemoAccounts.citizens[2].idNumber, "", "")
            let refused = try await browser.send(.POST, path, json: wrong, bearer: try await apiToken(app, "community.fcy"))
            #expect(refused.status == .unprocessableEntity)
            let problems = try refused.content.decode(ErrorBody.self).details ?? [:]
            #expect(problems["residentIdNumber"]?.contains("不在本社区") == true && problems["consent"] != nil && problems["location"] != nil, "\(problems)")

            let page = Browser(app)
            try await page.signIn("community.fcy")
            #expect(try await page.send(.GET, RepairURL.queue(Self.feicuiyuan)).body.string.contains("代居民报修"))
            let posted = try await page.submit(RepairOnBehalfPages.path(Self.feicuiyuan), [
                "residentIdNumber": DemoAccounts.citizens[0].idNumber, "consent": "电话中本人同意", "category": "public_facility",
                "location": "小区东门", "description": "东门路灯坏了好几天",
            ], from: RepairOnBehalfPages.path(Self.feicuiyuan))
            #expect(posted.status == .seeOther)
        }
    }
}
