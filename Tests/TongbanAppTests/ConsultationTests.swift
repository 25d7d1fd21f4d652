import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("意见征集 and 政府开放日: moderation, grouping, answers, the feedback report, open-day sign-up")
struct ConsultationTests {
    static let draft = ConsultationInput(
        department: "zj", title: "六安市老旧小区改造三年行动方案（征求意见稿）", kind: "规划",
        summary: "为改善老旧小区居住条件，市住建局起草了本方案，现公开征求社会各界意见。", contact: "电话 0564-3370000，邮箱 zj@luan.gov.cn",
        opensAt: "", closesAt: "2026-03-20T17:00",
        sections: [.init(heading: "第一条 停车设施", text: "新建和改建小区停车位。"), .init(heading: "第二条 加装电梯", text: "对加装电梯给予补贴。")])

    static let zhangID = DemoAccounts.citizens[0].idNumber

    /// A minute after the last one, as people send them.
    static func comment(_ browser: Browser, _ id: UUID, _ body: String, section: UUID? = nil, token: String?) async throws -> TestingHTTPResponse {
        browser.app.clock.advance(by: 60)
        return try await browser.send(.POST, "/api/v1/consultations/\(id)/comments", json: CommentInput(body: body, sectionId: section), bearer: token)
    }

    @Test("from publication to the feedback report: an ID number is held back with the reason, similar comments grouped, support once, closed period refused, participants told")
    func fullConsultation() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let browser = Browser(app)
            let staff = try await apiToken(app, "reviewer.zj")
            let created = try await browser.send(.POST, "/api/v1/consultations", json: Self.draft, bearer: staff)
            #expect(created.status == .created, "\(created.body.string)")
            let draft = try created.content.decode(ConsultationView.self)
            #expect(draft.phase == "open" && draft.sections.map(\.heading) == ["第一条 停车设施", "第二条 加装电梯"])

            // Anyone reads; nobody comments anonymously.
            #expect(try await browser.send(.GET, "/api/v1/consultations").content.decode([ConsultationView].self).map(\.id) == [draft.id])
            #expect(try await Self.comment(browser, draft.id, "停车位太少了", token: nil).status == .unauthorized)

            let zhang = try await apiToken(app, "13800000001"), li = try await apiToken(app, "13800000002"), wang = try await apiToken(app, "13800000003")
            let parking = try await Self.comment(browser, draft.id, "小区停车位太少，建议新建立体停车场", section: draft.sections[0].id, token: zhang)
                .content.decode(CommentView.self)
            #expect(parking.status == "published" && parking.author == "张*")
            let parking2 = try await Self.comment(browser, draft.id, "建议多建立体停车场，小区停车位严重不足", token: li).content.decode(CommentView.self)
            let lift = try await Self.comment(browser, draft.id, "老旧小区加装电梯的补贴标准太低", section: draft.sections[1].id, token: li)
                .content.decode(CommentView.self)
            let held = try await Self.comment(browser, draft.id, "我的身份证号是\(DemoAccounts.citizens[2].idNumber)，请联系我", token: wang)
            #expect(held.status == .created)
            let heldView = try held.content.decode(CommentView.self)
            #expect(heldView.status == "rejected" && heldView.rejectReason?.contains("身份证号码") == true)

            // Bad input is named; a section of another draft is refused.
            let short = try await Self.comment(browser, draft.id, "好", token: zhang)
            #expect(short.status == .unprocessableEntity && short.errorCode == "consultation.comment_invalid")
            #expect(try await Self.comment(browser, draft.id, "这一条写得很好", section: UUID(), token: zhang).status == .unprocessableEntity)

            // The held-back comment reaches its author (with the reason) and the department, nobody else.
            let path = "/api/v1/consultations/\(draft.id)/comments"
            let public_ = try await browser.send(.GET, path).content.decode([CommentView].self)
            #expect(Set(public_.map(\.id)) == [parking.id, parking2.id, lift.id])
            #expect(!(try await browser.send(.GET, path, bearer: zhang).content.decode([CommentView].self).contains { $0.id == heldView.id }))
            #expect(try await browser.send(.GET, path, bearer: wang).content.decode([CommentView].self).contains { $0.id == heldView.id && $0.mine })
            #expect(try await browser.send(.GET, path, bearer: staff).content.decode([CommentView].self).count == 4)
            #expect(try await browser.send(.POST, "/api/v1/consultation-comments/\(heldView.id)/support", bearer: zhang).status == .notFound)

            // 附议: once per person, never one's own, never anonymously.
            let support = "/api/v1/consultation-comments/\(parking.id)/support"
            #expect(try await browser.send(.POST, support, bearer: li).content.decode(CommentView.self).supports == 1)
            #expect(try await browser.send(.POST, support, bearer: li).errorCode == "consultation.already_supported")
            #expect(try await browser.send(.POST, support, bearer: zhang).errorCode == "consultation.own_comment")
            #expect(try await browser.send(.POST, support, bearer: nil).status == .unauthorized)
            #expect(try await browser.send(.POST, support, bearer: wang).content.decode(CommentView.self).supports == 2)

            // Only the publishing department moderates and answers, and answers wait for the end of the period.
            let other = try await apiToken(app, "reviewer.gjj")
            let reject = "/api/v1/consultation-comments/\(lift.id)/reject"
            #expect(try await browser.send(.POST, reject, json: ModerationInput(reason: "与本方案无关"), bearer: other).status == .forbidden)
            #expect(try await browser.send(.POST, reject, json: ModerationInput(reason: "与本方案无关"), bearer: zhang).status == .forbidden)
            #expect(try await browser.send(.POST, "/api/v1/consultation-comments/\(lift.id)/approve", bearer: staff).errorCode == "consultation.comment_unchanged")
            let early = AnswerInput(commentIds: [lift.id], verdict: "adopted", reason: "采纳")
            #expect(try await browser.send(.POST, "/api/v1/consultations/\(draft.id)/answers", json: early, bearer: staff).errorCode == "consultation.still_open")

            // After the end nobody comments or supports any more.
            app.clock.set(beijing("2026-03-21T09:00:00"))
            let late = try await Self.comment(browser, draft.id, "补充一条关于绿化的意见", token: zhang)
            #expect(late.status == .conflict && late.errorCode == "consultation.closed")
            #expect(try await browser.send(.POST, "/api/v1/consultation-comments/\(lift.id)/support", bearer: zhang).errorCode == "consultation.closed")

            // Similar comments come as one group; another department can look at nothing and answer nothing.
            let groups = try await browser.send(.GET, "/api/v1/consultations/\(draft.id)/groups", bearer: staff).content.decode([[CommentView]].self)
            #expect(groups.map { $0.map(\.id) } == [[parking.id, parking2.id], [lift.id]])
            #expect(try await browser.send(.GET, "/api/v1/consultations/\(draft.id)/groups", bearer: other).status == .forbidden)
            let answers = "/api/v1/consultations/\(draft.id)/answers"
            let adopted = AnswerInput(commentIds: [parking.id, parking2.id], verdict: "adopted", reason: "已在第一条中增加立体停车场建设内容。")
            #expect(try await browser.send(.POST, answers, json: adopted, bearer: other).status == .forbidden)
            #expect(try await browser.send(.POST, answers, json: AnswerInput(commentIds: [], verdict: "maybe", reason: ""), bearer: staff)
                .status == .unprocessableEntity)
            #expect(try await browser.send(.POST, answers, json: AnswerInput(commentIds: [heldView.id], verdict: "adopted", reason: "采纳"), bearer: staff)
                .status == .unprocessableEntity, "a held-back comment is not answered in public")
            #expect(try await browser.send(.POST, answers, json: adopted, bearer: staff).status == .created)
            app.clock.advance(by: 60)
            #expect(try await browser.send(.POST, answers, json: adopted, bearer: staff).errorCode == "consultation.comment_answered")
            let report = "/api/v1/consultations/\(draft.id)/report"
            #expect(try await browser.send(.POST, report, json: ReportInput(), bearer: staff).errorCode == "consultation.unanswered")
            #expect(try await browser.send(.GET, report).status == .notFound)
            let notAdopted = AnswerInput(commentIds: [lift.id], verdict: "not_adopted", reason: "补贴标准由省里统一规定，本方案不作调整。")
            #expect(try await browser.send(.POST, answers, json: notAdopted, bearer: staff).status == .created)
            #expect(try await browser.send(.POST, report, json: ReportInput(summary: "共收到意见4条。"), bearer: other).status == .forbidden)
            #expect(try await browser.send(.POST, report, json: ReportInput(summary: "共收到意见4条。"), bearer: staff).status == .ok)
            #expect(try await browser.send(.POST, report, json: ReportInput(), bearer: staff).errorCode == "consultation.reported")

            // The report is public and links every answer to its comments.
            let published = try await browser.send(.GET, report).content.decode(ReportView.self)
            #expect(published.comments == 3 && published.adopted == 2 && published.notAdopted == 1)
            #expect(published.answers.map { $0.comments.map(\.id) } == [[parking.id, parking2.id], [lift.id]])
            #expect(published.answers.allSatisfy { $0.comments.allSatisfy { $0.status == "published" } })

            // Everyone who took part is told once, in the inbox and by SMS: commenters (held back or not) and supporters.
            for citizen in DemoAccounts.citizens {
                let user = try #require(try await User.query(on: app.db).filter(\.$realName == citizen.name).first())
                let told = try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == user.id!)
                    .filter(\.$title ~~ "意见采纳情况已公布").all()
                #expect(told.filter { $0.channel == "inapp" }.count == 1 && told.filter { $0.channel == "sms" }.count == 1, "\(citizen.name)")
                #expect(told.allSatisfy { $0.link == ConsultationURL.report(draft.id) })
            }
            let staffUser = try #require(try await User.query(on: app.db).filter(\.$username == "reviewer.zj").first())
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == staffUser.id!).count() == 0)
        }
    }

    @Test("publishing is for the department's own staff, with every bad field named; an enterprise agent speaks for the company, nobody else does")
    func publishing() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let browser = Browser(app)
            #expect(try await browser.send(.POST, "/api/v1/consultations", json: Self.draft).status == .unauthorized)
            #expect(try await browser.send(.POST, "/api/v1/consultations", json: Self.draft, bearer: try await apiToken(app, "reviewer.gjj")).status == .forbidden)
            #expect(try await browser.send(.POST, "/api/v1/consultations", json: Self.draft, bearer: try await apiToken(app, "13800000001")).status == .forbidden)
            var bad = Self.draft
            (bad.title, bad.kind, bad.closesAt, bad.sections) = ("短", "通知", "2026-03-01T10:00", [])
            let refused = try await browser.send(.POST, "/api/v1/consultations", json: bad, bearer: try await apiToken(app, "reviewer.zj"))
            #expect(refused.status == .unprocessableEntity)
            let details = try refused.content.decode(ErrorBody.self).details ?? [:]
            #expect(Set(details.keys) == ["title", "kind", "closesAt", "sections"])
            let draft = try await browser.send(.POST, "/api/v1/consultations", json: Self.draft, bearer: try await apiToken(app, "admin"))
                .content.decode(ConsultationView.self)
            let zhang = try await apiToken(app, "13800000001"), li = try await apiToken(app, "13800000002")
            // 李四 is the agent of 六安皖西茶业有限公司 and may speak for it; 张三 may not.
            let company = DemoAccounts.company
            let forCompany = try await browser.send(.POST, "/api/v1/consultations/\(draft.id)/comments",
                                                    json: CommentInput(body: "建议给小微企业的停车场建设也给予补贴", company: company.creditCode), bearer: li)
            #expect(try forCompany.content.decode(CommentView.self).company == company.name)
            let impostor = try await browser.send(.POST, "/api/v1/consultations/\(draft.id)/comments",
                                                  json: CommentInput(body: "以企业名义发表的意见", company: company.creditCode), bearer: zhang)
            #expect(impostor.status == .unprocessableEntity && impostor.errorCode == "consultation.not_company_agent")
        }
    }

    @Test("in the browser: comment, see one's own held-back comment, support; others do not see it; typed text stays text")
    func pages() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let staff = Browser(app)
            try await staff.signIn("reviewer.zj")
            var form = ["department": "zj", "title": Self.draft.title!, "kind": "规划", "summary": Self.draft.summary!, "contact": Self.draft.contact!,
                        "opensAt": "", "closesAt": "2026-03-20T17:00", "sectionsText": "第一条 停车设施\n新建停车位。\n\n第二条 加装电梯\n给予补贴。"]
            let created = try await staff.submit(ConsultationURL.staff, form, from: ConsultationURL.staff)
            #expect(created.status == .seeOther)
            let manage = try #require(created.headers.first(name: .location))
            let id = try #require(UUID(uuidString: String(manage.split(separator: "/").last!)))
            form["title"] = "短"
            #expect(try await staff.submit(ConsultationURL.staff, form).status == .unprocessableEntity)

            let anonymous = try await Browser(app).send(.GET, ConsultationURL.page(id))
            #expect(anonymous.status == .ok && anonymous.body.string.contains("登录后发表意见") && anonymous.body.string.contains("第二条 加装电梯"))
            #expect(try await Browser(app).send(.GET, "/").body.string.contains("href=\"\(ConsultationURL.list)\""))

            let zhang = Browser(app)
            try await zhang.signIn("13800000001")
            let sent = try await zhang.submit(ConsultationURL.page(id) + "/comments", ["body": "<script>alert(1)</script>\"onmouseover=alert(2) 建议增加停车位", "sectionId": ""])
            #expect(sent.status == .seeOther)
            _ = try await zhang.submit(ConsultationURL.page(id) + "/comments", ["body": "有事请打我电话13800000001"])
            // 张三 reads in elder mode: the same page, the same form, larger.
            _ = try await zhang.submit("/preferences/elder", ["on": "1", "back": ConsultationURL.page(id)])
            let mine = try await zhang.send(.GET, ConsultationURL.page(id)).body.string
            #expect(mine.contains("<body class=\"elder\">") && mine.contains("提交意见"))
            #expect(try await zhang.send(.GET, ConsultationURL.openDays).body.string.contains("<body class=\"elder\">"))
            #expect(mine.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=") && !mine.contains("<script>alert(1)") && !mine.contains("\"onmouseover="))
            #expect(mine.contains("未公开") && mine.contains("手机号码") && mine.contains("仅您本人可见"))

            let li = Browser(app)
            try await li.signIn("13800000002")
            let theirs = try await li.send(.GET, ConsultationURL.page(id)).body.string
            #expect(!theirs.contains("13800000001") && !theirs.contains("未公开") && theirs.contains("张*"))
            #expect(theirs.contains("以谁的名义") && theirs.contains(DemoAccounts.company.name) && !mine.contains("以谁的名义"), "only an agent is offered the company")
            let comment = try #require(try await ConsultationComment.query(on: app.db).filter(\.$status == "published").first())
            #expect(try await li.submit("/consultation-comments/\(comment.id!)/support", [:]).status == .seeOther)
            #expect(try await li.send(.GET, ConsultationURL.page(id)).body.string.contains("已附议"))

            #expect(try await staff.send(.GET, manage).status == .ok)
            let other = Browser(app)
            try await other.signIn("reviewer.gjj")
            #expect(try await other.send(.GET, manage).status == .forbidden)
            #expect(try await staff.send(.GET, "/workbench").body.string.contains(ConsultationURL.staff))

            app.clock.set(beijing("2026-03-21T09:00:00"))
            let closed = try await staff.send(.GET, manage).body.string
            #expect(closed.contains("第 1 组") && closed.contains("commentIds[]"))
            #expect(try await staff.submit(manage + "/answers", ["commentIds[]": comment.id!.uuidString, "verdict": "adopted", "reason": "已增加"]).status == .seeOther)
            #expect(try await staff.submit(manage + "/report", ["summary": ""]).status == .seeOther)
            let report = try await Browser(app).send(.GET, ConsultationURL.report(id)).body.string
            #expect(report.contains("采纳 1 条") && report.contains("已增加") && !report.contains("<script>alert(1)"))
        }
    }

    @Test("five supports by one person at once count once")
    func concurrentSupport() async throws {
        try await withTongban({ $0.databasePoolPerLoop = 6 }) { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let browser = Browser(app)
            let draft = try await browser.send(.POST, "/api/v1/consultations", json: Self.draft, bearer: try await apiToken(app, "reviewer.zj"))
                .content.decode(ConsultationView.self)
            let comment = try await Self.comment(browser, draft.id, "小区停车位太少，建议新建立体停车场", token: try await apiToken(app, "13800000001"))
                .content.decode(CommentView.self)
            let li = try await apiToken(app, "13800000002")
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<5 {
                    group.addTask { try await Browser(app).send(.POST, "/api/v1/consultation-comments/\(comment.id)/support", bearer: li).status.code }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200, 409, 409, 409, 409])
            let comments = try await browser.send(.GET, "/api/v1/consultations/\(draft.id)/comments").content.decode([CommentView].self)
            #expect(comments.first?.supports == 1)
            #expect(try await CommentSupport.query(on: app.db).count() == 1)
        }
    }

    @Test("an open day: anyone sees it, a signed-in person signs up, the next waits and moves up when a place frees; only the department publishes")
    func openDay() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let browser = Browser(app)
            let input = OpenDayInput(department: "zj", title: "走进住建局：看看工程审批怎么办", description: "参观政务服务大厅", place: "市住建局",
                                     startsAt: "2026-03-10T09:00", endsAt: "2026-03-10T11:00", capacity: 1)
            #expect(try await browser.send(.POST, "/api/v1/open-days", json: input, bearer: try await apiToken(app, "reviewer.gjj")).status == .forbidden)
            #expect(try await browser.send(.POST, "/api/v1/open-days", json: input, bearer: try await apiToken(app, "13800000001")).status == .forbidden)
            var bad = input
            bad.capacity = 0
            let refused = try await browser.send(.POST, "/api/v1/open-days", json: bad, bearer: try await apiToken(app, "reviewer.zj"))
            let problems = try refused.content.decode(ErrorBody.self).details ?? [:]
            #expect(refused.status == .unprocessableEntity && problems.keys.contains("capacity"))
            let created = try await browser.send(.POST, "/api/v1/open-days", json: input, bearer: try await apiToken(app, "reviewer.zj"))
            #expect(created.status == .created)
            let day = try created.content.decode(OpenDayView.self)
            #expect(day.departmentName.contains("住") && day.event.kind == "开放日")

            let listed = try await Browser(app).send(.GET, ConsultationURL.openDays)
            #expect(listed.status == .ok && listed.body.string.contains("走进住建局") && listed.body.string.contains("登录后报名"))
            #expect(try await browser.send(.GET, "/api/v1/open-days").content.decode([OpenDayView].self).count == 1)

            let zhang = Browser(app)
            try await zhang.signIn("13800000001")
            #expect(try await zhang.submit("/open-days/\(day.event.id)/signup", [:], from: ConsultationURL.openDays).status == .seeOther)
            let li = try await apiToken(app, "13800000002")
            let waiting = try await browser.send(.POST, "/api/v1/community-events/\(day.event.id)/signup", bearer: li).content.decode(EventView.self)
            #expect(waiting.myStatus == "waitlisted" && waiting.myWaitlistPosition == 1)
            #expect(try await zhang.send(.GET, ConsultationURL.openDays).body.string.contains("已报名"))

            #expect(try await zhang.submit("/open-days/\(day.event.id)/cancel", [:]).status == .seeOther)
            let moved = try await browser.send(.GET, "/api/v1/open-days", bearer: li).content.decode([OpenDayView].self)
            #expect(moved.first?.event.myStatus == "confirmed")
            let liUser = try #require(try await User.query(on: app.db).filter(\.$realName == "李四").first())
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == liUser.id!).filter(\.$title ~~ "候补成功").count() >= 1)

            // A community's own event is not an open day.
            #expect(try await zhang.submit("/open-days/\(UUID())/signup", [:]).status == .notFound)
        }
    }
}
