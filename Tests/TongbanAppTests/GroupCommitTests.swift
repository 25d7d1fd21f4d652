import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Submissions and acceptances that arrive together are committed together (see `CaseCommits`). On a
/// SQLite file that happens on the writer's own thread, so these tests use a file, not memory.
@Suite("Group commit: many applications at the same moment")
struct GroupCommitTests {
    static func onFile(_ settings: inout Settings) {
        if case .sqliteMemory = settings.storage { settings.storage = .sqliteFile(settings.dataDirectory + "/tongban.sqlite") }
    }

    @Test("Thirty applications submitted and accepted at once: each answer is its own case, and everything is saved")
    func concurrentApplications() async throws {
        try await withTongban(Self.onFile) { app in
            let agent = try await apiToken(app, "13800000002")
            let clerk = try await apiToken(app, "clerk")
            let input = try await Browser(app).application(lifeEvent: "qykb", token: agent, company: DemoAccounts.company.creditCode)

            let submitted = try await withThrowingTaskGroup(of: CaseView.self) { group in
                for _ in 0..<30 { group.addTask { try await Browser(app).apply(input, token: agent) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(submitted.map(\.id)).count == 30 && Set(submitted.map(\.number)).count == 30)
            #expect(submitted.allSatisfy { $0.state == "submitted" && $0.events.map(\.kind) == ["submitted"] && $0.applicantName == "李四" })
            #expect(submitted.allSatisfy { $0.materials.count == submitted[0].materials.count && $0.materials.contains { $0.fileName != nil } })

            // Every case accepted, the first one twice at the same moment: exactly one of those two wins.
            let first = submitted[0].id
            let answers = try await withThrowingTaskGroup(of: (UUID, HTTPStatus, CaseView?).self) { group in
                for id in submitted.map(\.id) + [first] {
                    group.addTask {
                        let response = try await Browser(app).send(.POST, "/api/v1/cases/\(id)/accept", bearer: clerk)
                        return (id, response.status, response.status == .ok ? try response.content.decode(CaseView.self) : nil)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.1 == .ok }.count == 30)
            #expect(answers.filter { $0.0 == first }.map(\.1).sorted { $0.code < $1.code } == [.ok, .conflict])
            for (id, _, view) in answers {
                guard let view else { continue }
                #expect(view.id == id && view.state == "inReview" && view.tasks.count == 6 && view.deadline != nil)
                #expect(view.events.map(\.kind) == ["submitted", "accepted"])
            }

            // Read back afresh: the pages say the same, and nothing was written twice.
            let browser = Browser(app)
            for id in submitted.map(\.id) {
                let view = try await browser.caseView(id, token: agent)
                #expect(view.state == "inReview" && view.tasks.count == 6 && view.events.map(\.kind) == ["submitted", "accepted"])
            }
            let notices = try await Notification.query(on: app.db).filter(\.$title == "申请已受理").all()
            #expect(notices.filter { $0.channel == "inapp" }.count == 30 && notices.filter { $0.channel == "sms" }.count == 30)
            let smsJobs = try await Job.query(on: app.db).filter(\.$kind == NotificationService.smsJob).all()
            #expect(Set(notices.filter { $0.channel == "sms" }.compactMap(\.id?.uuidString)).isSubset(of: Set(smsJobs.map(\.payload))))
        }
    }

    @Test("A refused acceptance leaves its neighbours in the batch untouched")
    func refusalInBatch() async throws {
        try await withTongban(Self.onFile) { app in
            let agent = try await apiToken(app, "13800000002")
            let clerk = try await apiToken(app, "clerk")
            let input = try await Browser(app).application(lifeEvent: "qykb", token: agent, company: DemoAccounts.company.creditCode)
            let good = try await Browser(app).apply(input, token: agent)
            let missing = UUID()
            let statuses = try await withThrowingTaskGroup(of: (UUID, HTTPStatus).self) { group in
                for id in [good.id, missing] {
                    group.addTask { (id, try await Browser(app).send(.POST, "/api/v1/cases/\(id)/accept", bearer: clerk).status) }
                }
                return try await group.reduce(into: [UUID: HTTPStatus]()) { $0[$1.0] = $1.1 }
            }
            #expect(statuses[good.id] == .ok && statuses[missing] == .notFound)
            #expect(try await Browser(app).caseView(good.id, token: agent).tasks.count == 6)
        }
    }

    @Test("PostgreSQL drops the writer's connection (a restart, an administrator): the next application is saved on a new one",
          .enabled(if: ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] != nil, "the writer's own connection exists on PostgreSQL"))
    func writerReconnects() async throws {
        try await withTongban { app in
            let writer = try #require(app.dedicatedWriter as? PostgresWriter)
            let agent = try await apiToken(app, "13800000002")
            let clerk = try await apiToken(app, "clerk")
            let input = try await Browser(app).application(lifeEvent: "qykb", token: agent, company: DemoAccounts.company.creditCode)
            _ = try await Browser(app).apply(input, token: agent)
            let dropped = try #require(writer.backendPID)
            let sql = try #require(app.db as? any SQLDatabase)
            let named = try await sql.raw("SELECT application_name FROM pg_stat_activity WHERE pid = \(bind: dropped)").first()?
                .decode(column: "application_name", as: String.self)
            #expect(named == "tongban group commit", "operators find the writer in pg_stat_activity")
            _ = try await sql.raw("SELECT pg_terminate_backend(CAST(\(bind: dropped) AS integer))").run()

            let after = try await Browser(app).send(.POST, "/api/v1/cases", json: input, bearer: agent)
            #expect(after.status == .created, "\(after.status) \(after.body.string.prefix(300))")
            let id = try after.content.decode(CaseView.self).id
            let accepted = try await Browser(app).send(.POST, "/api/v1/cases/\(id)/accept", bearer: clerk)
            #expect(accepted.status == .ok && (try? accepted.content.decode(CaseView.self).tasks.count) == 6)
            #expect(writer.backendPID != nil && writer.backendPID != dropped)
        }
    }
}
