import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("在线访谈: a department head answers citizens' questions live; what is not answered becomes a 12345 consultation")
struct InterviewTests {
    static let api = "/api/v1/interviews"

    struct NewInterview: Encodable {
        var department = "rs"
        var title = "就业创业政策在线访谈"
        var guest = "市人社局局长"
        var summary = "解答灵活就业参保、创业担保贷款等问题。"
        var startsAt = "2026-12-01T09:30"
        var endsAt = "2026-12-01T11:00"
    }

    struct Decision: Encodable {
        var decision: String
        var position: Int?
    }

    /// Publishes an interview as 人社局's staff; returns its id and the staff member's token.
    static func publish(_ app: Application, _ input: NewInterview = NewInterview()) async throws -> (id: UUID, staff: String) {
        let staff = try await apiToken(app, "handler.rs")
        let response = try await Browser(app).send(.POST, api, json: input, bearer: staff)
        #expect(response.status == .created, "\(response.body.string)")
        return (try response.content.decode(InterviewSummary.self).id, staff)
    }

    static func ask(_ app: Application, _ id: UUID, _ text: String, as token: String) async throws -> UUID {
        let response = try await Browser(app).send(.POST, "\(api)/\(id)/questions", json: QuestionInput(text: text), bearer: token)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(QuestionView.self).id
    }

    static func decide(_ app: Application, _ id: UUID, _ question: UUID, _ decision: Decision, as token: String) async throws -> TestingHTTPResponse {
        try await Browser(app).send(.POST, "\(api)/\(id)/questions/\(question)/decision", json: decision, bearer: token)
    }

    static func answer(_ app: Application, _ id: UUID, _ question: UUID, _ text: String, as token: String) async throws -> TestingHTTPResponse {
        try await Browser(app).send(.POST, "\(api)/\(id)/questions/\(question)/answer", json: InterviewAnswer(answer: text), bearer: token)
    }

    static func detail(_ app: Application, _ id: UUID, as token: String? = nil) async throws -> InterviewDetail {
        let response = try await Browser(app).send(.GET, "\(api)/\(id)", bearer: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(InterviewDetail.self)
    }

    @Test("published, asked before and during, moderated and ordered, answered live; the end turns what is left into 12345 consultations once")
    func wholeFlow() async throws {
        try await withTongban { app in
            let (id, staff) = try await Self.publish(app)
            let zhang = try await apiToken(app, "13800000001"), li = try await apiToken(app, "13800000002"), wang = try await apiToken(app, "13800000003")
            let listed = try await Browser(app).send(.GET, Self.api).content.decode([InterviewSummary].self)
            #expect(listed.contains { $0.id == id && $0.stateTitle == "预告" && $0.departmentName.contains("人力资源") })

            // Before it starts.
            let fromZhang = try await Self.ask(app, id, "灵活就业人员怎样在网上缴纳养老保险？", as: zhang)
            let fromLi = try await Self.ask(app, id, "创业担保贷款最高能贷多少，要什么材料？", as: li)
            let offTopic = try await Self.ask(app, id, "小区门口的路灯坏了谁来修？", as: li)
            #expect(try await Self.decide(app, id, fromZhang, Decision(decision: "select"), as: staff).status == .ok)
            #expect(try await Self.decide(app, id, fromLi, Decision(decision: "select"), as: staff).status == .ok)
            #expect(try await Self.decide(app, id, offTopic, Decision(decision: "reject"), as: staff).status == .ok)
            let moved = try await Self.decide(app, id, fromLi, Decision(decision: "move", position: 1), as: staff).content.decode(InterviewDetail.self)
            #expect(moved.upcoming.map(\.id) == [fromLi, fromZhang], "李四's question now comes first")
            #expect(moved.upcoming.map(\.position) == [1, 2])

            // The public and other citizens see the selected questions, masked, and never someone else's rejected one.
            let publicView = try await Self.detail(app, id)
            #expect(publicView.upcoming.map(\.asker) == ["李*", "张*"] && publicView.moderation == nil && !publicView.canModerate)
            #expect(publicView.upcoming.allSatisfy { $0.state == nil })
            let zhangView = try await Self.detail(app, id, as: zhang)
            #expect(!(zhangView.upcoming + zhangView.transcript + zhangView.mine).contains { $0.id == offTopic })
            #expect(zhangView.mine.map(\.id) == [fromZhang])
            let liView = try await Self.detail(app, id, as: li)
            #expect(liView.mine.first { $0.id == offTopic }?.stateTitle == "未选")

            // Live: asked during, answered in order.
            #expect(try await Browser(app).send(.POST, "\(Self.api)/\(id)/start", bearer: staff).status == .ok)
            let during = try await Self.ask(app, id, "退休人员养老金今年调整什么时候到账？", as: wang)
            #expect(try await Self.answer(app, id, during, "还没选用的问题不能回答", as: staff).status == .conflict)
            let answered = try await Self.answer(app, id, fromLi, "个人创业担保贷款最高30万元，凭身份证和营业执照到人社局窗口申请。", as: staff)
            #expect(answered.status == .ok, "\(answered.body.string)")
            #expect(try await Self.answer(app, id, fromLi, "再答一次", as: staff).status == .conflict)
            #expect(try await Self.decide(app, id, fromLi, Decision(decision: "reject"), as: staff).status == .conflict, "an answered question stays answered")
            let live = try await Self.detail(app, id)
            #expect(live.interview.stateTitle == "直播中" && live.transcript.map(\.id) == [fromLi] && live.transcript.first?.asker == "李*")
            #expect(live.upcoming.map(\.id) == [fromZhang] && live.upcoming.first?.position == 1)

            // The end: 张三's selected and 王奶奶's waiting question become consultations for 人社局; 李四's rejected one does not.
            let ending = try await Browser(app).send(.POST, "\(Self.api)/\(id)/end", bearer: staff)
            #expect(ending.status == .ok, "\(ending.body.string)")
            let ended = try ending.content.decode(InterviewController.Ended.self)
            #expect(Set(ended.tickets.keys) == [fromZhang.uuidString, during.uuidString])
            let tickets = try await Ticket.query(on: app.db).filter(\.$channel == TicketChannel.web.rawValue).all()
            #expect(tickets.count == 2)
            let rs = try #require(app.catalogCache.snapshot.departmentIDs["rs"])
            for ticket in tickets {
                #expect(ticket.type == TicketType.consult.rawValue && ticket.departmentID == rs && ticket.state == TicketState.dispatched.rawValue)
                #expect(ticket.title.hasPrefix("在线访谈提问：") && ticket.body.contains("就业创业政策在线访谈"))
                #expect(ended.tickets.values.contains(ticket.number))
            }
            let zhangID = try #require(try await User.query(on: app.db).filter(\.$phoneHash == app.fieldCipher.lookupHash("phone:13800000001")).first()?.requireID())
            let zhangTicket = try #require(ended.tickets[fromZhang.uuidString])
            #expect(tickets.first { $0.number == zhangTicket }?.citizenID == zhangID, "the asker is the contact")
            let told = try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == zhangID).all()
            #expect(told.contains { $0.body.contains(zhangTicket) }, "the asker is told the ticket number")
            let afterEnd = try await Self.detail(app, id, as: zhang)
            #expect(afterEnd.mine.first?.ticketNumber == zhangTicket && afterEnd.upcoming.isEmpty, "nothing is 即将回答 after the end")

            // Exactly once: a second end is refused and files nothing.
            #expect(try await Browser(app).send(.POST, "\(Self.api)/\(id)/end", bearer: staff).status == .conflict)
            #expect(try await Ticket.query(on: app.db).count() == 2)
            let late = try await Browser(app).send(.POST, "\(Self.api)/\(id)/questions", json: QuestionInput(text: "结束了还能问吗？"), bearer: zhang)
            #expect(late.status == .conflict && late.errorCode == "interview.ended")

            // The transcript stays published.
            let page = try await Browser(app).send(.GET, "/interviews/\(id)")
            #expect(page.status == .ok && page.body.string.contains("个人创业担保贷款最高30万元") && page.body.string.contains("已结束"))
            #expect(!page.body.string.contains("http-equiv=\"refresh\"") && !page.body.string.contains("data-events"))
        }
    }

    @Test("the live stream pushes an answer given after the page opened, then the end, and resumes from Last-Event-ID")
    func liveStream() async throws {
        try await withTongban { app in
            let (id, staff) = try await Self.publish(app)
            let zhang = try await apiToken(app, "13800000001")
            let first = try await Self.ask(app, id, "灵活就业人员怎样在网上缴纳养老保险？", as: zhang)
            let second = try await Self.ask(app, id, "失业保险金怎么申领，能领多久？", as: zhang)
            for question in [first, second] { _ = try await Self.decide(app, id, question, Decision(decision: "select"), as: staff) }
            _ = try await Browser(app).send(.POST, "\(Self.api)/\(id)/start", bearer: staff)
            #expect(try await Self.answer(app, id, first, "登录皖事通，进入社保缴费即可。", as: staff).status == .ok)
            let opened = try await Self.detail(app, id).interview.revision

            // A page opened now listens from its revision: it gets the next answer and the end, not the answer it already shows.
            let listening = Task { try await Browser(app).send(.GET, "/interviews/\(id)/events?after=\(opened)&state=live") }
            #expect(try await Self.answer(app, id, second, "在就业登记地的人社窗口或网上申领，最长24个月。", as: staff).status == .ok)
            let answeredRevision = try await Self.detail(app, id).interview.revision
            #expect(try await Browser(app).send(.POST, "\(Self.api)/\(id)/end", bearer: staff).status == .ok)
            let stream = try await listening.value
            #expect(stream.status == .ok && stream.headers.contentType?.subType == "event-stream")
            let text = stream.body.string
            #expect(text.contains("id: \(answeredRevision)\nevent: answer\ndata: ") && text.contains("最长24个月") && text.contains("\"asker\":\"张*\""))
            #expect(!text.contains("皖事通"), "an answer the page already shows is not sent again")
            #expect(text.contains("event: state") && text.contains("\"state\":\"ended\""))
            #expect(text.range(of: "最长24个月")!.lowerBound < text.range(of: "\"state\":\"ended\"")!.lowerBound)

            // A browser reconnecting with the last id it saw gets only what came after.
            let resumed = try await Browser(app).send(.GET, "/interviews/\(id)/events", headers: ["Last-Event-ID": "\(opened)"]).body.string
            #expect(resumed.contains("最长24个月") && !resumed.contains("皖事通") && resumed.contains("\"state\":\"ended\""))
            #expect(try await Browser(app).send(.GET, "/interviews/\(UUID())/events").status == .notFound)
        }
    }

    @Test("only the interview's department moderates and answers; anonymous readers cannot ask; a citizen sees no one else's rejected question")
    func authorization() async throws {
        try await withTongban { app in
            let (id, staff) = try await Self.publish(app)
            let zhang = try await apiToken(app, "13800000001"), li = try await apiToken(app, "13800000002")
            let other = try await apiToken(app, "reviewer.gjj"), admin = try await apiToken(app, "admin")
            let question = try await Self.ask(app, id, "灵活就业人员怎样在网上缴纳养老保险？", as: zhang)

            let anonymous = try await Browser(app).send(.POST, "\(Self.api)/\(id)/questions", json: QuestionInput(text: "不登录能提问吗？"))
            #expect(anonymous.status == .unauthorized)
            let byStaff = try await Browser(app).send(.POST, "\(Self.api)/\(id)/questions", json: QuestionInput(text: "工作人员能提问吗？"), bearer: other)
            #expect(byStaff.status == .forbidden && byStaff.errorCode == "interview.citizens_only")
            for token in [other, li] {
                #expect(try await Self.decide(app, id, question, Decision(decision: "select"), as: token).status == .forbidden)
                #expect(try await Browser(app).send(.POST, "\(Self.api)/\(id)/start", bearer: token).status == .forbidden)
            }
            #expect(try await Browser(app).send(.POST, Self.api, json: NewInterview(), bearer: other).status == .forbidden, "公积金 staff cannot publish for 人社局")
            #expect(try await Browser(app).send(.POST, Self.api, json: NewInterview(), bearer: zhang).status == .forbidden)
            #expect(try await Self.detail(app, id, as: other).moderation == nil)

            // An administrator moderates any department's interview.
            #expect(try await Self.decide(app, id, question, Decision(decision: "reject"), as: admin).status == .ok)
            _ = try await Browser(app).send(.POST, "\(Self.api)/\(id)/start", bearer: staff)
            #expect(try await Self.answer(app, id, question, "别的部门不能替人社局回答", as: other).status == .forbidden)
            #expect(try await Browser(app).send(.POST, "\(Self.api)/\(id)/end", bearer: other).status == .forbidden)
            for reader in [nil, li] as [String?] {
                let seen = try await Self.detail(app, id, as: reader)
                #expect(!(seen.upcoming + seen.transcript + seen.mine).contains { $0.id == question })
            }
            #expect(try await Self.detail(app, id, as: zhang).mine.first?.stateTitle == "未选")
            #expect(try await Self.detail(app, id, as: staff).moderation?.first?.stateTitle == "未选")
        }
    }

    @Test("bad input is a 422 naming the field; unknown interviews are 404")
    func badInput() async throws {
        try await withTongban { app in
            let staff = try await apiToken(app, "handler.rs")
            let wrong = NewInterview(department: "nope", title: "短", guest: "", startsAt: "明天", endsAt: "2026-11-01T09:00")
            let refused = try await Browser(app).send(.POST, Self.api, json: wrong, bearer: staff)
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "interview.invalid")
            let details = try refused.content.decode(ErrorBody.self).details ?? [:]
            #expect(Set(details.keys) == ["department", "title", "guest", "startsAt"])
            let backwards = try await Browser(app).send(.POST, Self.api, json: NewInterview(startsAt: "2026-12-01T10:00", endsAt: "2026-12-01T09:00"), bearer: staff)
            #expect(try backwards.content.decode(ErrorBody.self).details?["endsAt"] != nil)

            let (id, _) = try await Self.publish(app)
            let zhang = try await apiToken(app, "13800000001")
            let short = try await Browser(app).send(.POST, "\(Self.api)/\(id)/questions", json: QuestionInput(text: "好"), bearer: zhang)
            let shortDetails = try short.content.decode(ErrorBody.self).details
            #expect(short.status == .unprocessableEntity && shortDetails?["text"] != nil)
            let long = try await Browser(app).send(.POST, "\(Self.api)/\(id)/questions", json: QuestionInput(text: String(repeating: "问", count: 301)), bearer: zhang)
            #expect(long.status == .unprocessableEntity)
            for n in 1...InterviewService.questionsPerAsker { _ = try await Self.ask(app, id, "第\(n)个问题：社保怎么转移？", as: zhang) }
            let tooMany = try await Browser(app).send(.POST, "\(Self.api)/\(id)/questions", json: QuestionInput(text: "再问一个问题可以吗？"), bearer: zhang)
            #expect(tooMany.status == .unprocessableEntity && tooMany.errorCode == "interview.too_many")

            let question = try #require(try await Self.detail(app, id, as: zhang).mine.first?.id)
            #expect(try await Self.decide(app, id, question, Decision(decision: "maybe"), as: staff).status == .unprocessableEntity)
            #expect(try await Self.decide(app, id, question, Decision(decision: "move"), as: staff).status == .unprocessableEntity)
            #expect(try await Self.decide(app, id, question, Decision(decision: "move", position: 1), as: staff).status == .conflict, "only a selected question moves")
            #expect(try await Self.decide(app, id, UUID(), Decision(decision: "select"), as: staff).status == .notFound)
            #expect(try await Browser(app).send(.POST, "\(Self.api)/\(id)/end", bearer: staff).status == .conflict, "a scheduled interview is not ended")
            _ = try await Self.decide(app, id, question, Decision(decision: "select"), as: staff)
            #expect(try await Self.answer(app, id, question, "直播前不能回答", as: staff).status == .conflict)
            _ = try await Browser(app).send(.POST, "\(Self.api)/\(id)/start", bearer: staff)
            #expect(try await Self.answer(app, id, question, " ", as: staff).status == .unprocessableEntity)
            #expect(try await Browser(app).send(.GET, "\(Self.api)/\(UUID())").status == .notFound)
            #expect(try await Browser(app).send(.GET, "\(Self.api)/not-a-uuid").status == .notFound)
        }
    }

    @Test("the pages work with forms alone: ask, select, start, answer, end; a live page reloads itself only without JavaScript; user text is escaped")
    func pages() async throws {
        try await withTongban { app in
            let (id, _) = try await Self.publish(app)
            let page = "/interviews/\(id)"
            let citizen = Browser(app), staff = Browser(app)
            try await citizen.signIn("13800000001")
            try await staff.signIn("handler.rs")
            let list = try await Browser(app).send(.GET, "/interviews")
            #expect(list.status == .ok && list.body.string.contains("就业创业政策在线访谈") && list.body.string.contains("访谈预告"))
            #expect(try await Browser(app).send(.GET, page).body.string.contains("登录后提问"))

            let evil = "<script>alert(1)</script>\"onmouseover=alert(1) 社保怎么转？"
            let asked = try await citizen.submit("\(page)/questions", ["text": evil], from: page)
            #expect(asked.status == .seeOther)
            let refused = try await citizen.submit("\(page)/questions", ["text": "短"], from: page)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("问题应为5–300字"))
            let question = try #require(try await InterviewQuestion.query(on: app.db).first()?.requireID())
            let moderation = try await staff.send(.GET, page).body.string
            #expect(moderation.contains("主持与回答") && moderation.contains("选用") && !moderation.contains("<script>alert(1)"))
            #expect(moderation.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=alert(1)"))

            #expect(try await staff.submit("\(page)/questions/\(question)/decision", ["decision": "select"], from: page).status == .seeOther)
            #expect(try await staff.submit("\(page)/start", [:], from: page).status == .seeOther)
            let live = try await Browser(app).send(.GET, page).body.string
            #expect(live.contains("<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>") && live.contains("data-events=\"/interviews/\(id)/events?after="))
            #expect(live.contains("<script src=\"/static/interview.js\" defer></script>") && live.contains("直播中"))
            #expect(try await staff.submit("\(page)/questions/\(question)/answer", ["answer": "可以在网上办理转移。"], from: page).status == .seeOther)
            #expect(try await Browser(app).send(.GET, page).body.string.contains("可以在网上办理转移。"))
            #expect(try await staff.submit("\(page)/end", [:], from: page).status == .seeOther)
            let again = try await staff.submit("\(page)/end", [:], from: page)
            #expect(again.status == .conflict && again.body.string.contains("访谈不在直播中"))
            #expect(try await Browser(app).send(.GET, "/static/interview.js").status == .ok)
        }
    }
}
