import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("12345 hotline: dispatch that learns, duplicates, history and indicators")
struct HotlineLearningTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test("the shipped Lu'an set routes held-out requests it was not written against")
    func heldOutQuality() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("hotline-heldout.csv"), encoding: .utf8)
        let heldOut = try LabelledText.readCSV(text)
        #expect(heldOut.count >= 150)
        let report = DispatchEvaluation.run(train: DispatchModel.bundled, test: heldOut)
        #expect(Set(DispatchModel.bundled.map(\.label)).count == 19, "every department has examples")
        #expect(report.accuracy >= 0.8, "accuracy \(report.accuracy)")
        #expect(report.macroF1 >= 0.8, "macro-F1 \(report.macroF1)")

        // What the default threshold means: how many requests go out on their own, and how many of those are right.
        let classifier = DispatchModel.bundledClassifier
        let threshold = HotlineSettings().dispatchThreshold
        let confident = heldOut.compactMap { example -> Bool? in
            guard let top = classifier.predict(example.text).first, top.confidence >= threshold else { return nil }
            return top.label == example.label
        }
        let share = Double(confident.count) / Double(heldOut.count)
        let precision = Double(confident.filter { $0 }.count) / Double(max(confident.count, 1))
        print("held-out: accuracy \(report.accuracy), macro-F1 \(report.macroF1); at threshold \(threshold): \(confident.count)/\(heldOut.count) dispatched automatically, \(precision) of them right")
        #expect(share >= 0.55, "most requests should not wait for a person: \(share)")
        #expect(precision >= 0.95, "automatic dispatch must rarely be wrong: \(precision)")
    }

    @Test("a dispatcher's correction changes the next prediction for a near-identical text, the same way every time")
    func learnsFromCorrections() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator"), dispatcher = try await apiToken(app, "dispatcher")
            let text = (title: "广场舞音响扰民", body: "小区广场每天晚上跳广场舞，音响开得特别大，一直到十点多，孩子没法写作业。")
            let before = try await app.tickets.suggest(title: text.title, body: text.body).0
            #expect(try await app.tickets.suggest(title: text.title, body: text.body).0 == before, "deterministic")
            let corrected = before[1].department
            let filed = try #require(try await browser.fileTicket(.call(title: text.title, body: text.body), token: operatorToken))
            #expect(try await browser.ticketAction(filed.number, "dispatch", ["department": corrected], token: dispatcher).status == .ok)
            try await app.dispatchModel.refresh(app.db)
            let after = try await app.tickets.suggest(title: "广场舞音响扰民", body: "小区广场每晚跳广场舞，音响开得特别大，到十点多还不停，孩子没法写作业。").0
            #expect(after.first?.department == corrected, "before: \(before), after: \(after)")
            try await app.dispatchModel.refresh(app.db, force: true)
            #expect(try await app.tickets.suggest(title: "广场舞音响扰民", body: "小区广场每晚跳广场舞，音响开得特别大，到十点多还不停，孩子没法写作业。").0 == after)
        }
    }

    @Test("near-duplicates in a district are proposed for merging; the parent's reply reaches every reporter; repeats are flagged")
    func duplicates() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator"), dispatcher = try await apiToken(app, "dispatcher")
            let handler = try await apiToken(app, "handler.cg")
            let first = try #require(try await browser.fileTicket(.call(title: "路灯不亮", body: "裕安区寿春路和淠河路交口的路灯坏了好几天，晚上一片漆黑。", phone: "13911110001"), token: operatorToken))
            let second = try #require(try await browser.fileTicket(.call(title: "路灯坏了", body: "寿春路淠河路交口那边路灯坏了好几天了，晚上漆黑一片很危险。", phone: "13911110002"), token: operatorToken))
            let unrelated = try #require(try await browser.fileTicket(.call(title: "拖欠工资", body: "裕安区一家服装厂拖欠我们三个月工资不发。", phone: "13911110003"), token: operatorToken))
            #expect(second.duplicateOf?.number == first.number, "\(String(describing: second.duplicateOf))")
            #expect(unrelated.duplicateOf == nil)
            let queue = try await browser.send(.GET, "/api/v1/hotline/dispatch-queue", bearer: dispatcher).content.decode([TicketSummary].self)
            #expect(queue.first { $0.number == second.number }?.possibleDuplicate == true)

            #expect(try await browser.ticketAction(first.number, "dispatch", ["department": "cg"], token: dispatcher).status == .ok)
            let merged = try await browser.ticketAction(second.number, "merge", ["parent": first.number], token: dispatcher).content.decode(TicketView.self)
            #expect(merged.state == "merged")
            #expect(merged.parent?.number == first.number)
            #expect(try await browser.ticketAction(second.number, "merge", ["parent": second.number], token: dispatcher).status == .unprocessableEntity)
            #expect(try await browser.ticketAction(first.number, "sign", token: handler).status == .ok)
            #expect(try await browser.ticketAction(first.number, "reply", ["reply": "已修复寿春路淠河路交口路灯。"], token: handler).status == .ok)
            let messages = try await TicketSMS.query(on: app.db).all()
            #expect(messages.count == 2, "both reporters are told")
            #expect(try await browser.ticket(second.number, token: operatorToken).reply == "已修复寿春路淠河路交口路灯。")

            // The same caller about the same light again: a repeat.
            let again = try #require(try await browser.fileTicket(.call(title: "路灯还是不亮", body: "寿春路和淠河路交口的路灯坏了好几天，晚上还是一片漆黑。", phone: "13911110001"), token: operatorToken))
            #expect(again.repeatOf?.number == first.number)
        }
    }

    @Test("history imported from the old system, with every bad row named and nothing half-imported")
    func importHistory() async throws {
        try await withTongban(manualDispatch) { app in
            let good = """
            number,type,channel,title,body,department,district,created_at,replied_at,reply,satisfaction
            OLD-1,complaint,phone,夜间施工,工地晚上十一点还在打桩，吵得睡不着。,zj,金安区,2025-03-01 21:10,2025-03-03 10:00,已责令停止夜间施工,满意
            OLD-2,咨询,phone,公积金提取,"想问一下租房提取公积金，需要什么材料？",gjj,,2025-03-02 09:00:00,2025-03-02 15:00:00,已告知,基本满意
            """
            #expect(try await TicketImport.tickets(good, into: app.tickets) == 2)
            #expect(try await Ticket.query(on: app.db).filter(\.$state == "closed").count() == 2)
            #expect(try await DispatchExample.query(on: app.db).filter(\.$source == "import").count() == 2)

            let bad = """
            title,body,department,created_at
            标题,内容,nope,2025-03-01 08:00
            标题,内容,zj,昨天
            好的,这一行没有问题,zj,2025-03-01 08:00
            """
            await #expect(throws: TicketImport.Problems.self) { try await TicketImport.tickets(bad, into: app.tickets) }
            do { _ = try await TicketImport.tickets(bad, into: app.tickets) } catch let problems as TicketImport.Problems {
                #expect(problems.lines.count == 2)
                #expect(problems.lines[0].hasPrefix("第 2 行"))
                #expect(problems.lines[1].hasPrefix("第 3 行"))
            }
            #expect(try await Ticket.query(on: app.db).count() == 2, "nothing of the bad file was imported")
            await #expect(throws: AppError.self) { try await TicketImport.tickets("title,body\nx,y", into: app.tickets) }

            let calls = "started_at,answered,wait_seconds,talk_seconds\n2025-03-01 08:00,1,12,180\n2025-03-01 08:01,0,45,0\n"
            #expect(try await TicketImport.calls(calls, into: app.tickets) == 2)
            let harvested = try await DispatchHistory.harvest(app.tickets)
            #expect(harvested == 0, "imported tickets are examples already")
        }
    }

    @Test("indicators: on time, satisfaction, working days, first contact, returns, connection rate")
    func indicators() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-23T09:00:00"))  // Monday
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator"), dispatcher = try await apiToken(app, "dispatcher")
            let handler = try await apiToken(app, "handler.cg"), supervisor = try await apiToken(app, "supervisor")
            let wrong = try await staffToken(app, .handler, department: "zj")
            let first = try #require(try await browser.fileTicket(.call(title: "垃圾没人清运", body: "金安区三里桥街道一个垃圾点三天没人清运，臭气熏天。"), token: operatorToken))
            #expect(try await browser.ticketAction(first.number, "dispatch", ["department": "zj"], token: dispatcher).status == .ok)
            #expect(try await browser.ticketAction(first.number, "return", ["reason": "应由城管部门处理"], token: wrong).status == .ok)
            #expect(try await browser.ticketAction(first.number, "dispatch", ["department": "cg"], token: dispatcher).status == .ok)
            #expect(try await browser.ticketAction(first.number, "sign", token: handler).status == .ok)
            app.clock.set(beijing("2026-11-24T21:00:00"))  // 1.5 working days later
            #expect(try await browser.ticketAction(first.number, "reply", ["reply": "已清运并增加清运频次。"], token: handler).status == .ok)
            #expect(try await browser.ticketAction(first.number, "callback", ["satisfaction": "满意"], token: operatorToken).status == .ok)
            var consult = TicketInput.call("consult", title: "办事大厅几点下班", body: "市政务服务中心周六上班吗？几点下班？")
            consult.answer = "周六上午9:00–12:00开放部分窗口。"
            _ = try await browser.fileTicket(consult, token: operatorToken)
            _ = try await TicketImport.calls("started_at,answered\n2026-11-23 08:00,1\n2026-11-23 08:05,1\n2026-11-23 08:10,1\n2026-11-23 08:15,0\n", into: app.tickets)

            #expect(try await browser.send(.GET, "/api/v1/hotline/kpis", bearer: handler).status == .forbidden)
            #expect(try await browser.send(.GET, "/api/v1/hotline/kpis?from=2026-13-01", bearer: supervisor).status == .unprocessableEntity)
            let kpis = try await browser.send(.GET, "/api/v1/hotline/kpis?from=2026-11-23&to=2026-11-24", bearer: supervisor).content.decode(HotlineKPIs.self)
            #expect(kpis.filed == 2)
            #expect(kpis.concluded == 2)
            #expect(kpis.onTimeRate == 1)
            #expect(kpis.satisfactionRate == 1)
            #expect(kpis.firstContactRate == 0.5)
            #expect(kpis.connectionRate == 0.75)
            #expect(kpis.calls == 4)
            let cg = try #require(kpis.byDepartment.first { $0.department == "cg" })
            #expect(cg.replied == 1)
            let zj = try #require(kpis.byDepartment.first { $0.department == "zj" })
            #expect(zj.returned == 1 && zj.returnRate == 1)
            let average = try #require(kpis.averageWorkdays)
            #expect(abs(average - 0.75) < 0.01, "two tickets: 1.5 working days and on the spot → \(average)")

            let page = Browser(app)
            try await page.signIn("supervisor")
            let shown = try await page.send(.GET, "/workbench/hotline/kpis?from=2026-11-23&to=2026-11-24")
            #expect(shown.status == .ok)
            #expect(shown.body.string.contains("按时办结率") && shown.body.string.contains("75.0%"))
            #expect(try await page.send(.GET, "/workbench/hotline/kpis?from=yesterday").status == .unprocessableEntity)
            let handlerPage = Browser(app)
            try await handlerPage.signIn("handler.cg")
            #expect(try await handlerPage.send(.GET, "/workbench/hotline/kpis").status == .forbidden)
        }
    }

    @Test("returns are charged to the department that returned, even when its name extends another's (公安局 / 公安局交通警察支队)")
    func returnsByDepartment() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator"), dispatcher = try await apiToken(app, "dispatcher")
            let filed = try #require(try await browser.fileTicket(.call(title: "违章停车", body: "人民路上每天都有车停在消防通道上。"), token: operatorToken))
            #expect(try await browser.ticketAction(filed.number, "dispatch", ["department": "jj"], token: dispatcher).status == .ok)
            #expect(try await browser.ticketAction(filed.number, "return", ["reason": "请转城管核实"], token: try await apiToken(app, "handler.jj")).status == .ok)
            let kpis = try await app.tickets.kpis(from: app.clock.now().addingTimeInterval(-3600), to: app.clock.now().addingTimeInterval(3600))
            let jj = try #require(kpis.byDepartment.first { $0.department == "jj" })
            #expect(jj.dispatched == 1 && jj.returned == 1)
            #expect(kpis.byDepartment.first { $0.department == "ga" } == nil)
        }
    }
}
