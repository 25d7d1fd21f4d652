import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("取号 and 叫号: numbers for walk-ins, the 绿色通道 first, each window calls only what it serves, never one person twice")
struct QueueTests {
    static func take(_ app: Application, hall: String = "city", _ input: QueueService.TakeInput) async throws -> TestingHTTPResponse {
        try await Browser(app).send(.POST, "/api/v1/halls/\(hall)/tickets", json: input)
    }

    static func call(_ app: Application, window: Int, hall: String = "city", token: String) async throws -> QueueController.Called {
        try await Browser(app).send(.POST, "/api/v1/halls/\(hall)/windows/\(window)/call", bearer: token).content.decode(QueueController.Called.self)
    }

    @Test("a walk-in takes A001; 王奶奶 (78) comes later with her ID number and is called first; the 公安 window does not call 人社 numbers")
    func priority() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T09:05:00"))
            let walkIn = try await Self.take(app, .init(department: "rs"))
            #expect(walkIn.status == .created)
            #expect(try walkIn.content.decode(QueueController.TicketView.self).number == "A001")
            app.clock.set(beijing("2026-03-02T09:06:00"))
            let elderly = try await Self.take(app, .init(department: "rs", idNumber: DemoAccounts.citizens[2].idNumber)).content.decode(QueueController.TicketView.self)
            #expect(elderly.number == "V001" && elderly.priorityReason == "70岁以上老人" && elderly.ahead == 0)
            let pregnant = try await Self.take(app, .init(department: "gjj", pregnant: true)).content.decode(QueueController.TicketView.self)
            #expect(pregnant.number == "V002" && pregnant.priorityReason == "孕妇")
            let bad = try await Self.take(app, .init(department: "nope", idNumber: "123"))
            #expect(try bad.status == .unprocessableEntity && Set(bad.content.decode(ErrorBody.self).details?.keys.map { $0 } ?? []) == ["department", "idNumber"])

            let clerk = try await apiToken(app, "clerk")
            #expect(try await Browser(app).send(.POST, "/api/v1/halls/city/windows/4/call", bearer: try await apiToken(app, "13800000001")).status == .forbidden)
            #expect(try await Self.call(app, window: 3, token: clerk).called == nil, "公安 serves neither 人社 nor 公积金")
            #expect(try await Self.call(app, window: 4, token: clerk).called?.number == "V001")
            #expect(try await Self.call(app, window: 4, token: clerk).called?.number == "A001")
            #expect(try await Self.call(app, window: 4, token: clerk).called == nil)
            let served = try await QueueTicket.query(on: app.db).filter(\.$number == "V001").first()
            #expect(served?.status == "served" && served?.calledAt != nil && served?.finishedAt != nil, "calling the next finishes the one before")

            let board = try await Browser(app).send(.GET, "/api/v1/halls/city/display").content.decode(QueueService.Display.self)
            #expect(board.totalWaiting == 1 && board.waiting.first?.department == "gjj")
            #expect(board.called.isEmpty, "window 4 finished when nobody was left")
        }
    }

    @Test("two 综合 windows press 叫号 at the same moment: two different people are called")
    func concurrentCalls() async throws {
        try await withTongban({ $0.databasePoolPerLoop = 8 }) { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            for department in ["ga", "rs", "yb", "gjj"] { #expect(try await Self.take(app, .init(department: department)).status == .created) }
            let service = QueueService(db: app.db, gate: app.writeGate, cipher: app.fieldCipher, now: app.clock.now(), catalog: app.catalogCache.snapshot)
            let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
                for window in [1, 2, 1, 2] { group.addTask { try await service.callNext(hall: "city", window: window)?.number } }
                return try await group.reduce(into: [String]()) { if let n = $1 { $0.append(n) } }
            }
            #expect(Set(numbers).count == numbers.count && numbers.count == 4, "\(numbers)")
        }
    }

    @Test("in the browser without JavaScript: the kiosk's 取号 page, the number with who is ahead, the TV display, the clerk's 叫号")
    func pages() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let kiosk = Browser(app)
            let form = try await kiosk.send(.GET, QueueURL.take("341524"))
            #expect(form.status == .ok && form.body.string.contains("绿色通道"))
            let taken = try await kiosk.submit(QueueURL.take("341524"), ["department": "rs"], from: QueueURL.take("341524"))
            #expect(taken.status == .seeOther)
            let ticket = try await kiosk.send(.GET, try #require(taken.headers.first(name: .location))).body.string
            #expect(ticket.contains("A001") && ticket.contains("前面还有 0 人"))
            let screen = try await Browser(app).send(.GET, QueueURL.display("341524"))
            #expect(screen.status == .ok && screen.headers.first(name: "Refresh") == "5" && screen.body.string.contains("等候 1 人"))

            let clerk = Browser(app)
            try await clerk.signIn("clerk")
            let bench = try await clerk.send(.GET, "\(QueueURL.workbench)?hall=341524&window=2")
            #expect(bench.body.string.contains("叫下一位"))
            let called = try await clerk.submit("\(QueueURL.workbench)/call", ["hall": "341524", "window": "2"], from: QueueURL.workbench)
            #expect(called.body.string.contains("已叫号 A001"))
            #expect(try await Browser(app).send(.GET, QueueURL.display("341524")).body.string.contains("请到 2 号窗口"))
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            #expect(try await citizen.send(.GET, QueueURL.workbench).status == .forbidden)
        }
    }
}
