import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Applications: apply once, parallel review, 补正, delivery")
struct CaseFlowTests {
    @Test("企业开办: licence first, then four departments in parallel, delivered in one place")
    func companyStartUp() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-03-03T09:00:00"))
            let browser = Browser(app)
            let agent = try await apiToken(app, "13800000002")
            let input = try await browser.application(lifeEvent: "qykb", token: agent, company: DemoAccounts.company.creditCode)
            let submitted = try await browser.apply(input, token: agent)
            #expect(submitted.state == "submitted" && submitted.tasks.isEmpty)
            #expect(submitted.materials.contains { $0.source.hasPrefix("certificate:") || $0.source.hasPrefix("data:") }, "shared data stands in for some materials")

            let clerk = try await apiToken(app, "clerk")
            let queue = try await browser.send(.GET, "/api/v1/window/cases", bearer: clerk).content.decode(CaseController.WindowView.self)
            #expect(queue.new.map(\.id) == [submitted.id])
            let accepted = try await browser.send(.POST, "/api/v1/cases/\(submitted.id)/accept", bearer: clerk).content.decode(CaseView.self)
            #expect(accepted.state == "inReview")
            #expect(accepted.tasks.count == 6)
            let licence = try #require(accepted.tasks.first { $0.item == "scjg-qysl" })
            #expect(licence.state == "open")
            #expect(accepted.tasks.filter { $0.item != "scjg-qysl" }.allSatisfy { $0.state == "waiting" })

            try await browser.decide(licence.id, "approve", token: try await apiToken(app, "reviewer.scjg"))
            var view = try await browser.caseView(submitted.id, token: agent)
            let parallel = view.tasks.filter { $0.item != "scjg-qysl" }
            #expect(parallel.allSatisfy { $0.state == "open" }, "after the licence every other department reviews at once")
            #expect(Set(parallel.map(\.department)).count == 5)

            app.clock.advance(by: 3600)
            for task in parallel {
                let token = try await reviewerToken(app, department: task.department)
                let response = try await browser.decide(task.id, "approve", token: token)
                #expect(response.status == .ok, "\(task.department): \(response.body.string)")
            }
            view = try await browser.caseView(submitted.id, token: agent)
            #expect(view.state == "approved")
            #expect(view.concludedAt != nil)
            let delivered = try await browser.send(.POST, "/api/v1/cases/\(submitted.id)/deliver", bearer: clerk).content.decode(CaseView.self)
            #expect(delivered.state == "delivered")
            let kinds = delivered.events.map(\.kind)
            #expect(kinds.first == "submitted" && kinds.last == "delivered" && kinds.contains("concluded"))
            #expect(delivered.events.allSatisfy { !$0.message.isEmpty && !$0.actor.isEmpty })

            let inbox = try await browser.send(.GET, "/api/v1/notifications", bearer: agent).content.decode([NotificationController.MessageView].self)
            #expect(Set(inbox.map(\.title)).isSuperset(of: ["申请已提交", "申请已受理", "已办结", "已出件"]))
        }
    }

    @Test("二手房转移登记: 补正 stops the clock, the supplement restarts it with the deadline moved")
    func homeTransferWithSupplement() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-03-03T09:00:00"))  // Monday
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000002")
            let created = try await browser.apply(try await browser.application(lifeEvent: "eshgh", token: citizen), token: citizen)
            let clerk = try await apiToken(app, "clerk")
            _ = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: clerk)
            var view = try await browser.caseView(created.id, token: citizen)
            let filing = try #require(view.tasks.first { $0.item == "zj-clfwq" })
            try await browser.decide(filing.id, "approve", token: try await reviewerToken(app, department: "zj"))
            view = try await browser.caseView(created.id, token: citizen)
            let registration = try #require(view.tasks.first { $0.item == "zrzy-zydj" })
            let tax = try #require(view.tasks.first { $0.item == "sw-qs" })
            #expect(registration.state == "open" && tax.state == "open")
            let deadlineBefore = try #require(registration.deadline)

            let zrzy = try await apiToken(app, "reviewer.zrzy")
            let asked = try await browser.decide(registration.id, "supplement", note: "合同页不清晰", materials: ["存量房买卖合同（清晰扫描件）"], token: zrzy)
            #expect(asked.status == .ok, "\(asked.body.string)")
            view = try await browser.caseView(created.id, token: citizen)
            #expect(view.state == "awaitingSupplement")
            #expect(view.tasks.first { $0.item == "zrzy-zydj" }?.deadlineStatus == "paused")
            #expect(view.tasks.first { $0.item == "zrzy-zydj" }?.supplementRequest == ["存量房买卖合同（清晰扫描件）"])

            // Tax approves meanwhile; the case waits for the applicant, not for tax.
            try await browser.decide(tax.id, "approve", token: try await apiToken(app, "reviewer.sw"))

            app.clock.set(beijing("2025-03-06T10:00:00"))  // Thursday: 3 working days later
            let upload = try await browser.uploadPDF(citizen, name: "合同.pdf")
            let supplemented = try await browser.send(.POST, "/api/v1/cases/\(created.id)/supplement",
                json: SupplementInput(materials: [MaterialUpload(name: "存量房买卖合同（清晰扫描件）", uploadId: upload)], note: nil), bearer: citizen)
            #expect(supplemented.status == .ok, "\(supplemented.body.string)")
            view = try supplemented.content.decode(CaseView.self)
            #expect(view.state == "inReview")
            let resumed = try #require(view.tasks.first { $0.item == "zrzy-zydj" })
            #expect(resumed.state == "open")
            let moved = try app.workdays.workdays(from: CalendarDay(deadlineBefore.addingTimeInterval(-1)), to: CalendarDay(resumed.deadline!.addingTimeInterval(-1)))
            #expect(moved == 3, "the deadline moves by the 3 working days spent waiting")

            try await browser.decide(resumed.id, "approve", token: zrzy)
            view = try await browser.caseView(created.id, token: citizen)
            #expect(view.state == "approved")
            #expect(view.events.contains { $0.kind == "supplement_requested" } && view.events.contains { $0.kind == "supplemented" })
        }
    }

    @Test("a task's deadline counts working days across the Spring Festival")
    func springFestivalDeadline() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-01-24T10:00:00"))  // Friday before 春节 (1/28–2/4), 1/26 Sun worked
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let item = try #require(app.catalogCache.snapshot.items.values.first { $0.promisedLimitDays == 5 && $0.audience.contains("个人") })
            let created = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            let view = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk")).content.decode(CaseView.self)
            let deadline = try #require(view.tasks.first?.deadline)
            // 1/26 (Sun, worked) 1/27, then 2/5 2/6 2/7 → due by the end of Friday 2025-02-07.
            #expect(CalendarDay(deadline.addingTimeInterval(-1)) == CalendarDay(year: 2025, month: 2, day: 7))
            #expect(view.tasks.first?.deadlineStatus == "onTrack")
        }
    }

    @Test("late work shows on the supervisor's list, at risk first, then overdue")
    func lateTasks() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-09-25T10:00:00"))  // before National Day (10/1–8; 9/28 Sun worked)
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let item = try #require(app.catalogCache.snapshot.items.values.first { $0.promisedLimitDays == 5 && $0.audience.contains("个人") })
            let created = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            _ = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk"))
            let supervisor = try await apiToken(app, "supervisor")
            var late = try await browser.send(.GET, "/api/v1/supervision/late-tasks", bearer: supervisor).content.decode([TaskQueueEntry].self)
            #expect(late.isEmpty)
            app.clock.set(beijing("2025-10-09T20:00:00"))  // 9/26, 9/28, 9/29, 9/30, 10/9: the last day, evening
            late = try await browser.send(.GET, "/api/v1/supervision/late-tasks", bearer: supervisor).content.decode([TaskQueueEntry].self)
            #expect(late.map(\.deadlineStatus) == ["atRisk"])
            app.clock.set(beijing("2025-10-10T09:00:00"))
            late = try await browser.send(.GET, "/api/v1/supervision/late-tasks", bearer: supervisor).content.decode([TaskQueueEntry].self)
            #expect(late.map(\.deadlineStatus) == ["overdue"])
            let citizenView = try await browser.send(.GET, "/api/v1/supervision/late-tasks", bearer: citizen)
            #expect(citizenView.status == .forbidden)
        }
    }
}
