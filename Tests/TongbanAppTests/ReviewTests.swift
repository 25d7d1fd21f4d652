import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("好差评: ratings, rectification and the public figures")
struct ReviewTests {
    /// A concluded single-item case of 13800000001 (approved by its department), and the department's code.
    func concludedCase(_ app: Application, _ browser: Browser, citizen: String) async throws -> (CaseView, String) {
        let item = try #require(app.catalogCache.snapshot.items.values.sorted { $0.code < $1.code }
            .first { $0.audience.contains("个人") && $0.guide.autoApproval == nil && $0.promisedLimitDays >= 3 })
        let created = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
        let early = try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: created.id.uuidString, level: 5), bearer: citizen)
        #expect(early.status == .conflict, "a case still waiting cannot be rated")
        let accepted = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk")).content.decode(CaseView.self)
        let task = try #require(accepted.tasks.first)
        try await browser.decide(task.id, "approve", token: try await reviewerToken(app, department: task.department))
        return (try await browser.caseView(created.id, token: citizen), task.department)
    }

    @Test("差评 → rectification for the department → its answer → the citizen rates again; others may not touch it")
    func badReviewFlow() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-03T09:00:00"))  // a Monday
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let (view, department) = try await concludedCase(app, browser, citizen: citizen)
            #expect(view.state == "approved")

            // Someone else's case is "not found", to citizens and to staff alike.
            let stranger = try await apiToken(app, "13800000002")
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: view.id.uuidString, level: 1), bearer: stranger).status == .notFound)

            let input = ReviewInput(subject: "case", id: view.id.uuidString, level: 1, tags: ["办事效率低", "材料要求多"],
                                    comment: "窗口让我打13800001234问了三遍，办了3次")
            let created = try await browser.send(.POST, "/api/v1/reviews", json: input, bearer: citizen)
            #expect(created.status == .created, "\(created.body.string)")
            let review = try created.content.decode(ReviewView.self)
            #expect(review.levelTitle == "非常不满意" && review.tags == ["办事效率低", "材料要求多"])
            let rectification = try #require(review.rectification)
            #expect(rectification.status == "open" && rectification.department == department)
            // Five working days from Monday 3 November: due at the end of Monday 10 November.
            #expect(CalendarDay(rectification.deadline.addingTimeInterval(-1)) == CalendarDay(year: 2025, month: 11, day: 10))

            // Only the department's staff answer; another department's reviewer gets "not found".
            let otherDepartment = try #require(app.catalogCache.snapshot.departments.first { $0.code != department }).code
            let outsider = try await reviewerToken(app, department: otherDepartment)
            #expect(try await browser.send(.POST, "/api/v1/rectifications/\(rectification.id)/reply", json: ReplyInput(reply: "已整改完毕，加强培训。"), bearer: outsider).status == .notFound)
            #expect(try await browser.send(.GET, "/api/v1/rectifications", bearer: outsider).content.decode([RectificationView].self).isEmpty)
            #expect(try await browser.send(.GET, "/api/v1/rectifications", bearer: citizen).status == .forbidden)

            let reviewer = try await reviewerToken(app, department: department)
            let queue = try await browser.send(.GET, "/api/v1/rectifications", bearer: reviewer).content.decode([RectificationView].self)
            #expect(queue.map(\.id) == [rectification.id] && queue[0].late == false)
            #expect(try await browser.send(.POST, "/api/v1/rectifications/\(rectification.id)/reply", json: ReplyInput(reply: "短"), bearer: reviewer).status == .unprocessableEntity)

            // Late: the supervisor sees it overdue.
            app.clock.set(beijing("2025-11-11T09:00:00"))
            let supervisor = try await apiToken(app, "supervisor")
            let overdue = try await browser.send(.GET, "/api/v1/rectifications", bearer: supervisor).content.decode([RectificationView].self)
            #expect(overdue.first { $0.id == rectification.id }?.late == true)

            let answered = try await browser.send(.POST, "/api/v1/rectifications/\(rectification.id)/reply",
                                                  json: ReplyInput(reply: "已核实：窗口一次性告知清单已更新，并对工作人员进行培训。"), bearer: reviewer)
            #expect(answered.status == .ok)
            #expect(try await browser.send(.POST, "/api/v1/rectifications/\(rectification.id)/reply", json: ReplyInput(reply: "再次答复内容"), bearer: reviewer).status == .conflict)

            // Past the five-day window the rating can no longer be changed, but once more after the answer.
            app.clock.set(beijing("2025-11-20T09:00:00"))
            let again = try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: view.id.uuidString, level: 4,
                                                                                  comment: "整改后好多了，有事打13900001111"), bearer: citizen)
            #expect(again.status == .ok, "\(again.body.string)")
            let rerated = try again.content.decode(ReviewView.self)
            #expect(rerated.level == 4 && rerated.firstLevel == 1 && rerated.reratedAt != nil)
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: view.id.uuidString, level: 5), bearer: citizen).status == .conflict)

            let mine = try await browser.send(.GET, "/api/v1/reviews", bearer: citizen).content.decode([ReviewView].self)
            #expect(mine.count == 1 && mine[0].rectification?.reply?.contains("培训") == true)

            // Public figures: counted, and the comment published without the phone number.
            let stats = try await browser.send(.GET, "/api/v1/reviews/statistics").content.decode(ReviewStatisticsView.self)
            let figures = try #require(stats.departments.first { $0.code == department })
            #expect(figures.total == 1 && figures.counts["4"] == 1 && figures.goodRate == 1.0)
            #expect(figures.rectificationsDue == 1 && figures.rectificationOnTimeRate == 0.0, "answered after its deadline")
            #expect(stats.comments.count == 1 && !stats.comments[0].comment.contains("13900001111") && stats.comments[0].comment.contains("整改后好多了"))
        }
    }

    @Test("a 差评 changed to 满意 within five days withdraws its rectification; bad input gets clear errors")
    func changeWithinWindow() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-03T09:00:00"))
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let (view, _) = try await concludedCase(app, browser, citizen: citizen)
            let id = view.id.uuidString
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: id, level: 0), bearer: citizen).status == .unprocessableEntity)
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: id, level: 3, tags: ["乱写"]), bearer: citizen).status == .unprocessableEntity)
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "window", id: id, level: 3), bearer: citizen).status == .unprocessableEntity)
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "visit", id: id, level: 3), bearer: citizen).status == .notFound,
                    "a case's id is no visit")
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: id, level: 3, comment: String(repeating: "长", count: 501)), bearer: citizen).status == .unprocessableEntity)
            #expect(try await browser.send(.POST, "/api/v1/reviews", raw: "{\"subject\":\"case\"}", bearer: citizen).status == .badRequest)

            let bad = try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: id, level: 2), bearer: citizen).content.decode(ReviewView.self)
            #expect(bad.rectification?.status == "open")
            app.clock.advance(by: 2 * 86_400)
            let changed = try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: id, level: 4), bearer: citizen)
            #expect(changed.status == .ok)
            #expect(try changed.content.decode(ReviewView.self).rectification?.status == "withdrawn")
            app.clock.advance(by: 4 * 86_400)
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: id, level: 1), bearer: citizen).status == .conflict)
        }
    }

    @Test("a replied 12345 ticket is rated by its caller; the pages render for citizen, public and department")
    func ticketAndPages() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let filed = try #require(try await browser.fileTicket(.call(title: "小区门口路灯不亮", body: "金安区梅山路小区门口三盏路灯一直不亮", phone: nil), token: citizen))
            let dispatcher = try await staffToken(app, .dispatcher, department: nil)
            #expect(try await browser.ticketAction(filed.number, "dispatch", ["department": "cg"], token: dispatcher).status == .ok)
            let handler = try await staffToken(app, .handler, department: "cg")
            #expect(try await browser.ticketAction(filed.number, "sign", token: handler).status == .ok)
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "ticket", id: filed.number, level: 5), bearer: citizen).status == .conflict)
            #expect(try await browser.ticketAction(filed.number, "reply", ["reply": "已更换灯头，恢复照明。"], token: handler).status == .ok)

            let rated = try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "ticket", id: filed.number, level: 5, tags: ["办事效率高"]), bearer: citizen)
            #expect(rated.status == .created, "\(rated.body.string)")
            #expect(try rated.content.decode(ReviewView.self).rectification == nil)

            let page = Browser(app)
            try await page.signIn("13800000001")
            let form = try await page.send(.GET, ReviewURL.new(.ticket, filed.number))
            #expect(form.status == .ok && form.body.string.contains("非常满意") && !form.body.string.contains("checked=\"checked\""))
            #expect(try await page.send(.GET, ReviewURL.mine).body.string.contains("小区门口路灯不亮"))
            let publicPage = try await Browser(app).send(.GET, ReviewURL.publicPage)
            #expect(publicPage.status == .ok && publicPage.body.string.contains("好评率"))
            let empty = try await withTongban { other in try await Browser(other).send(.GET, ReviewURL.publicPage).body.string }
            #expect(empty.contains("暂无评价"))
        }
    }

    @Test("a visit served at the counter: the clerk records it, the visitor is invited and rates it; nobody else can")
    func counterVisit() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let clerk = try await apiToken(app, "clerk")
            let citizen = try await apiToken(app, "13800000001")
            let item = try #require(app.catalogCache.snapshot.items.values.sorted { $0.code < $1.code }.first { $0.audience.contains("个人") })
            let visitor = DemoAccounts.citizens[0].idNumber
            let input = CounterVisitService.Input(visitorIdNumber: visitor, item: item.code, window: "市政务服务中心 3号窗口")
            #expect(try await browser.send(.POST, "/api/v1/counter-visits", json: input, bearer: citizen).status == .forbidden)
            let bad = try await browser.send(.POST, "/api/v1/counter-visits",
                                             json: CounterVisitService.Input(visitorIdNumber: "123", item: "nope"), bearer: clerk)
            #expect(bad.status == .unprocessableEntity && bad.errorCode == "visit.invalid")
            let recorded = try await browser.send(.POST, "/api/v1/counter-visits", json: input, bearer: clerk)
            #expect(recorded.status == .created, "\(recorded.body.string)")
            let visit = try recorded.content.decode(CounterVisitService.View.self)
            let invitations = try await TongbanApp.Notification.query(on: app.db).filter(\.$title == "请评价本次窗口服务").all()
            #expect(invitations.contains { $0.link == visit.ratingURL })

            let other = try await apiToken(app, "13800000002")
            #expect(try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "visit", id: visit.id.uuidString, level: 1), bearer: other).status == .notFound)
            let rated = try await browser.send(.POST, "/api/v1/reviews",
                                               json: ReviewInput(subject: "visit", id: visit.id.uuidString, level: 2, tags: ["态度不好"]), bearer: citizen)
            #expect(rated.status == .created, "\(rated.body.string)")
            let review = try rated.content.decode(ReviewView.self)
            #expect(review.department == item.departmentCode && review.rectification?.status == "open", "a 差评 of a window opens a rectification too")

            let page = Browser(app)
            try await page.signIn("clerk")
            let form = try await page.send(.GET, CounterVisitPages.path)
            #expect(form.status == .ok && form.body.string.contains("办事人身份证号码"))
            let filed = try await page.submit(CounterVisitPages.path, ["visitorIdNumber": visitor, "item": item.code, "window": "3号窗口"], from: CounterVisitPages.path)
            #expect(filed.status == .created && filed.body.string.contains("已请办事人评价"))
            let missing = try await page.submit(CounterVisitPages.path, ["visitorIdNumber": "", "item": item.code], from: CounterVisitPages.path)
            #expect(missing.status == .unprocessableEntity)
        }
    }
}
