import Fluent
import NIOConcurrencyHelpers
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Jobs: notifications survive a crash, the deadline scan reminds once")
struct JobsTests {
    /// SQLite in a file (so a second process can open it), or the test's PostgreSQL schema.
    static func onDisk(_ settings: inout Settings) {
        if settings.storage == .sqliteMemory { settings.storage = .sqliteFile(settings.dataDirectory + "/tongban.sqlite") }
        settings.runJobs = false
    }

    @Test("a worker killed mid-way: after restart every pending SMS goes out exactly once")
    func restartDeliversExactlyOnce() async throws {
        try await withTongban(Self.onDisk) { app in
            let now = beijing("2025-03-03T09:00:00")
            app.clock.set(now)
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000002")
            let created = try await browser.apply(try await browser.application(lifeEvent: "eshgh", token: citizen), token: citizen)
            _ = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk"))
            _ = try await browser.send(.POST, "/api/v1/cases/\(created.id)/refuse", json: ["reason": "测试"], bearer: try await apiToken(app, "clerk"))
            let pending = try await Notification.query(on: app.db).filter(\.$channel == "sms").filter(\.$status == "pending").count()
            #expect(pending >= 1)

            // The first process claims everything, sends one message, and dies before recording any job as done.
            let crashed = RecordingSMSGateway()
            app.smsGateway = crashed
            let claimed = try await JobQueue(db: app.db).claim(worker: "worker-crashed", now: now)
            #expect(claimed.filter { $0.kind == NotificationService.smsJob }.count == pending)
            let first = try #require(claimed.first { $0.kind == NotificationService.smsJob })
            try await NotificationService.deliverSMS(first, app)
            #expect(crashed.sent.count == 1)

            // A new process on the same database, after the dead worker's lease has run out.
            let restarted = try await Application.make(.testing)
            restarted.logger.logLevel = .warning
            do {
                try await configure(restarted, settings: app.settings)
                let gateway = RecordingSMSGateway()
                restarted.smsGateway = gateway
                let later = now.addingTimeInterval(JobQueue.lease + 1)
                restarted.clock.set(later)
                #expect(await restarted.jobWorker.runDue(restarted, now: later) >= pending)
                #expect(await restarted.jobWorker.runDue(restarted, now: later.addingTimeInterval(5)) == 0, "nothing left to run twice")
                let sentAgain = gateway.sent
                #expect(sentAgain.values.allSatisfy { $0 == 1 })
                #expect(sentAgain.count == pending - 1, "the message sent before the crash is not sent again")
                #expect(Set(sentAgain.keys).isDisjoint(with: crashed.sent.keys))
                let stillPending = try await Notification.query(on: restarted.db).filter(\.$channel == "sms").filter(\.$status == "pending").count()
                #expect(stillPending == 0)
            } catch {
                try? await restarted.asyncShutdown()
                throw error
            }
            try await restarted.asyncShutdown()
        }
    }

    @Test("a failing gateway is retried with back-off, then the message goes out once")
    func retriesWithBackoff() async throws {
        try await withTongban({ $0.runJobs = false }) { app in
            let now = beijing("2025-03-03T09:00:00")
            app.clock.set(now)
            let gateway = FlakySMSGateway(failures: 2)
            app.smsGateway = gateway
            let user = try #require(try await User.query(on: app.db).filter(\.$realName == "李四").first())
            try await NotificationService(db: app.db, now: now).notify(try user.requireID(), title: "测试", body: "重试测试")
            #expect(await app.jobWorker.runDue(app, now: now) >= 1)
            #expect(gateway.delivered == 0)
            #expect(await app.jobWorker.runDue(app, now: now.addingTimeInterval(5)) == 0 || gateway.delivered == 0, "not before the back-off")
            _ = await app.jobWorker.runDue(app, now: now.addingTimeInterval(11))
            _ = await app.jobWorker.runDue(app, now: now.addingTimeInterval(40))
            #expect(gateway.delivered == 1)
            let message = try #require(try await Notification.query(on: app.db).filter(\.$channel == "sms").first())
            #expect(message.status == "sent" && message.attempts == 3)
        }
    }

    @Test("the deadline scan reminds the department once when a task reaches 80%")
    func atRiskReminder() async throws {
        try await withTongban({ $0.runJobs = false }) { app in
            app.clock.set(beijing("2025-09-25T10:00:00"))
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let item = try #require(app.catalogCache.snapshot.items.values.first { $0.promisedLimitDays == 5 && $0.departmentCode == "gjj" })
            let created = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            _ = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk"))
            #expect(try await DeadlineScan.remind(app, now: beijing("2025-09-26T10:00:00")) == 0, "still on track")
            let late = beijing("2025-10-09T20:00:00")
            app.clock.set(late)
            _ = await app.jobWorker.runDue(app, now: late)
            _ = await app.jobWorker.runDue(app, now: late.addingTimeInterval(61))
            #expect(try await DeadlineScan.remind(app, now: late.addingTimeInterval(120)) == 0, "reminded once only")
            let reviewer = try await apiToken(app, "reviewer.gjj")
            let inbox = try await browser.send(.GET, "/api/v1/notifications", bearer: reviewer).content.decode([NotificationController.MessageView].self)
            #expect(inbox.filter { $0.title == "审批即将超期" }.count == 1)
            let view = try await browser.caseView(created.id, token: citizen)
            #expect(view.events.filter { $0.kind == "task_at_risk" }.count == 1)
            let scans = try await Job.query(on: app.db).filter(\.$kind == DeadlineScan.kind).all()
            #expect(scans.count == 1 && scans[0].status == "queued", "one scan row, always rescheduled")
        }
    }
}

/// Fails the first `failures` sends, then succeeds.
final class FlakySMSGateway: SMSGateway, Sendable {
    private let state: NIOLockedValueBox<(failures: Int, delivered: Int)>
    init(failures: Int) { state = .init((failures, 0)) }
    var delivered: Int { state.withLockedValue { $0.delivered } }

    func send(messageID: UUID, phone: String, text: String) async throws {
        let fail = state.withLockedValue { value -> Bool in
            if value.failures > 0 { value.failures -= 1; return true }
            value.delivered += 1
            return false
        }
        if fail { throw Abort(.serviceUnavailable, reason: "gateway down") }
    }
}
