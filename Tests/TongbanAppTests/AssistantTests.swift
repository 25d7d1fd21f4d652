import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("智能客服: answers from the catalogue, follow-ups, unsure answers, FAQ entries and 转人工")
struct AssistantTests {
    static func ask(_ browser: Browser, _ message: String, context: String? = nil) async throws -> AssistantAnswer {
        let response = try await browser.send(.POST, "/api/v1/assistant", json: AssistantService.Input(message: message, context: context))
        #expect(response.status == .ok, "\(message): \(response.body.string)")
        return try response.content.decode(AssistantAnswer.self)
    }

    @Test("a question names and links its service; a follow-up stays on it; bad input is a clear 422")
    func answersAndFollowUps() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let first = try await Self.ask(browser, "身份证到期了换证要带什么")
            let service = try #require(first.service)
            #expect(first.confident && service.name.contains("身份证") && service.url.hasPrefix("/services/") && service.apply.hasPrefix("/apply?item="))
            #expect(first.answer.contains(service.name) && first.answer.contains("需要准备"))
            let followUp = try await Self.ask(browser, "那要多久？", context: first.context)
            #expect(followUp.service?.code == service.code && followUp.answer.contains("工作日"), "\(followUp.answer)")
            let fee = try await Self.ask(browser, "收费吗", context: followUp.context)
            #expect(fee.service?.code == service.code && fee.answer.contains("收费"))

            let company = try await Self.ask(browser, "开公司要带什么")
            #expect(company.service?.name.contains("企业") == true)

            for bad in ["", "   ", String(repeating: "问", count: 301)] {
                let response = try await browser.send(.POST, "/api/v1/assistant", json: AssistantService.Input(message: bad))
                #expect(response.status == .unprocessableEntity && response.errorCode == "assistant.invalid_question")
            }
            // A context that names nothing known is ignored, not an error.
            #expect(try await Self.ask(browser, "公积金怎么取", context: "no-such-item").service?.name.contains("公积金") == true)
        }
    }

    @Test("an unanswerable question is logged; the administrator's FAQ entry answers it from the next question on")
    func unsureThenFAQ() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let question = "政务中心停车场收费吗"
            _ = try await Self.ask(browser, question)
            let gibberish = try await Self.ask(browser, "啊啊啊")
            #expect(!gibberish.confident && gibberish.answer.contains("转人工"))

            let admin = try await apiToken(app, "admin")
            let misses = try await browser.send(.GET, "/api/v1/admin/assistant/misses", bearer: admin).content.decode([AssistantAdminPages.MissView].self)
            #expect(misses.contains { $0.question == "啊啊啊" } && misses.count <= 2)
            let citizen = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.GET, "/api/v1/admin/assistant/misses", bearer: citizen).status == .forbidden)
            let faq = AssistantAdminPages.FAQInput(questions: "政务中心停车场收费吗\n办事停车要钱吗", answer: "市政务服务中心地面停车场对办事群众免费开放，限停 2 小时。", itemCode: nil)
            #expect(try await browser.send(.POST, "/api/v1/admin/assistant/faqs", json: faq, bearer: citizen).status == .forbidden)
            let bad = AssistantAdminPages.FAQInput(questions: " ", answer: "短", itemCode: "nope")
            let refused = try await browser.send(.POST, "/api/v1/admin/assistant/faqs", json: bad, bearer: admin)
            let problems = try refused.content.decode(ErrorBody.self).details ?? [:]
            #expect(refused.status == .unprocessableEntity && Set(problems.keys) == ["questions", "answer", "itemCode"])
            #expect(try await browser.send(.POST, "/api/v1/admin/assistant/faqs", json: faq, bearer: admin).status == .created)

            let answered = try await Self.ask(browser, "办事停车要不要钱")
            #expect(answered.confident && answered.answer.contains("免费开放"), "\(answered.answer)")
            let again = try await browser.send(.GET, "/api/v1/admin/assistant/misses", bearer: admin).content.decode([AssistantAdminPages.MissView].self)
            #expect(!again.contains { $0.question == question } && again.contains { $0.question == "啊啊啊" },
                    "the question it now answers is no longer listed; the others stay")
        }
    }

    @Test("转人工 files a consultation with the conversation for a signed-in citizen; visitors are asked to sign in")
    func handoff() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let input = AssistantService.HandoffInput(message: "我父亲卧床，身份证换领能上门办吗", transcript: ["身份证换领要带什么", "【居民身份证换领】需要准备：……"])
            #expect(try await browser.send(.POST, "/api/v1/assistant/handoff", json: input).status == .unauthorized)
            let citizen = try await apiToken(app, "13800000001")
            let filed = try await browser.send(.POST, "/api/v1/assistant/handoff", json: input, bearer: citizen)
            #expect(filed.status == .created, "\(filed.body.string)")
            let number = try filed.content.decode(AssistantController.HandoffView.self).number
            let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            #expect(ticket.channel == TicketChannel.assistant.rawValue && ticket.type == TicketType.consult.rawValue)
            #expect(ticket.body.contains("问：身份证换领要带什么") && ticket.body.contains("上门"))
            let short = AssistantService.HandoffInput(message: "?", transcript: nil)
            #expect(try await browser.send(.POST, "/api/v1/assistant/handoff", json: short, bearer: citizen).status == .unprocessableEntity)
        }
    }

    @Test("in the browser without JavaScript: ask, follow up with the conversation kept, choose 办理, hand over")
    func pages() async throws {
        try await withTongban { app in
            let visitor = Browser(app)
            let home = try await visitor.send(.GET, "/").body.string
            #expect(home.contains("href=\"\(AssistantPages.path)\""), "on every page")
            #expect(home.contains("<form class=\"ask\" method=\"get\" action=\"\(AssistantPages.path)\""), "asked from any page's footer")
            let guide = try await visitor.send(.GET, "/services/mz-gljt").body.string
            #expect(guide.contains("name=\"q\""))
            let start = try await visitor.send(.GET, AssistantPages.path).body.string
            #expect(start.contains("如何办理身份证"))
            let answered = try await visitor.send(.GET, "\(AssistantPages.path)?q=\(AssistantPages.escape("结婚登记要带什么"))").body.string
            #expect(answered.contains("结婚登记") && answered.contains(">办理</a>") && answered.contains("转人工"))
            let context = try #require(answered.range(of: "name=\"context\" value=\"")
                .map { String(answered[$0.upperBound...].prefix { $0 != "\"" }) })
            #expect(!context.isEmpty)
            let followUp = try await visitor.submit(AssistantPages.path, ["message": "要多久", "context": context, "transcript[]": "结婚登记要带什么"],
                                                     from: AssistantPages.path)
            #expect(followUp.status == .ok && followUp.body.string.contains("工作日") && followUp.body.string.contains("结婚登记要带什么"))
            let empty = try await visitor.submit(AssistantPages.path, ["message": ""], from: AssistantPages.path)
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("请输入您的问题"))
            let handoff = try await visitor.submit(AssistantPages.handoffPath, ["message": "要多久"], from: AssistantPages.path)
            #expect(handoff.body.string.contains("转人工需要先登录"))

            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            let filed = try await citizen.submit(AssistantPages.handoffPath, ["message": "结婚登记能预约周六吗", "transcript[]": "结婚登记要带什么"],
                                                 from: AssistantPages.path)
            #expect(filed.status == .created && filed.body.string.contains("已转人工服务"))

            let admin = Browser(app)
            try await admin.signIn("admin")
            #expect(try await admin.send(.GET, AssistantAdminPages.path).body.string.contains("智能客服知识库"))
            #expect(try await citizen.send(.GET, AssistantAdminPages.path).status == .forbidden)
        }
    }

    @Test("the labelled development questions: top-1 and must-mention stay at the level measured")
    func developmentSet() async throws {
        try await withTongban { app in
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/assistant/questions-dev.csv").path
            let rows = try AssistantEvaluation.parse(csv: try String(contentsOfFile: path, encoding: .utf8))
            #expect(rows.count >= 150)
            let result = AssistantEvaluation.run(try await app.assistantCache.assistant(app), rows: rows)
            #expect(result.top1Rate >= 0.88 && result.top3Rate >= 0.9 && result.mentionRate >= 0.88,
                    "top1 \(result.top1Rate) top3 \(result.top3Rate) must-mention \(result.mentionRate)")
        }
    }
}
