import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Applications: who must not see or act, and transitions that are refused")
struct CaseAuthorizationTests {
    /// 李四's 二手房 application, accepted: tasks for 住建 (open), 税务 and 自然资源 (waiting).
    func acceptedHomeTransfer(_ app: Application) async throws -> (browser: Browser, owner: String, view: CaseView) {
        let browser = Browser(app)
        let owner = try await apiToken(app, "13800000002")
        let created = try await browser.apply(try await browser.application(lifeEvent: "eshgh", token: owner), token: owner)
        let view = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk")).content.decode(CaseView.self)
        return (browser, owner, view)
    }

    @Test("another citizen gets 404 for the case, its materials and its actions")
    func otherCitizen() async throws {
        try await withTongban { app in
            let (browser, _, view) = try await acceptedHomeTransfer(app)
            let stranger = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.GET, "/api/v1/cases/\(view.id)", bearer: stranger).status == .notFound)
            #expect(try await browser.send(.POST, "/api/v1/cases/\(view.id)/withdraw", json: ["reason": "x"], bearer: stranger).status == .notFound)
            let upload = try #require(view.materials.compactMap(\.uploadId).first)
            #expect(try await browser.send(.GET, "/api/v1/uploads/\(upload)", bearer: stranger).status == .notFound)
            let mine = try await browser.send(.GET, "/api/v1/cases", bearer: stranger).content.decode([CaseSummaryView].self)
            #expect(mine.isEmpty)
        }
    }

    @Test("a reviewer of another department cannot read the case, its files, or decide its tasks")
    func otherDepartment() async throws {
        try await withTongban { app in
            let (browser, owner, view) = try await acceptedHomeTransfer(app)
            let fund = try await apiToken(app, "reviewer.gjj")
            #expect(try await browser.send(.GET, "/api/v1/cases/\(view.id)", bearer: fund).status == .notFound)
            let upload = try #require(view.materials.compactMap(\.uploadId).first)
            #expect(try await browser.send(.GET, "/api/v1/uploads/\(upload)", bearer: fund).status == .notFound)
            let task = try #require(view.tasks.first { $0.state == "open" })
            #expect(try await browser.decide(task.id, "approve", token: fund).status == .notFound)
            let queue = try await browser.send(.GET, "/api/v1/tasks", bearer: fund).content.decode([TaskQueueEntry].self)
            #expect(queue.isEmpty)
            // The department that has a task sees the case and its files; the owner too.
            let housing = try await reviewerToken(app, department: "zj")
            #expect(try await browser.send(.GET, "/api/v1/cases/\(view.id)", bearer: housing).status == .ok)
            #expect(try await browser.send(.GET, "/api/v1/uploads/\(upload)", bearer: housing).status == .ok)
            #expect(try await browser.send(.GET, "/api/v1/uploads/\(upload)", bearer: owner).status == .ok)
            // A citizen cannot decide, and a reviewer cannot accept.
            #expect(try await browser.decide(task.id, "approve", token: owner).status == .forbidden)
            #expect(try await browser.send(.POST, "/api/v1/cases/\(view.id)/accept", bearer: housing).status == .forbidden)
        }
    }

    @Test("illegal transitions are refused with 409 and change nothing")
    func illegalTransitions() async throws {
        try await withTongban { app in
            let (browser, owner, view) = try await acceptedHomeTransfer(app)
            let clerk = try await apiToken(app, "clerk")
            let again = try await browser.send(.POST, "/api/v1/cases/\(view.id)/accept", bearer: clerk)
            #expect(again.status == .conflict && again.errorCode == "workflow.illegal_transition")
            #expect(try await browser.send(.POST, "/api/v1/cases/\(view.id)/deliver", bearer: clerk).status == .conflict, "not approved yet")
            let waiting = try #require(view.tasks.first { $0.state == "waiting" && $0.department == "zrzy" })
            let land = try await apiToken(app, "reviewer.zrzy")
            #expect(try await browser.decide(waiting.id, "approve", token: land).status == .conflict, "its prerequisite is not done")
            #expect(try await browser.send(.POST, "/api/v1/cases/\(view.id)/supplement",
                                           json: SupplementInput(materials: [MaterialUpload(name: "x", uploadId: try await browser.uploadPDF(owner))], note: nil),
                                           bearer: owner).status == .conflict, "nothing was asked")
            let withdrawn = try await browser.send(.POST, "/api/v1/cases/\(view.id)/withdraw", json: ["reason": "不办了"], bearer: owner)
            #expect(withdrawn.status == .ok)
            let after = try withdrawn.content.decode(CaseView.self)
            #expect(after.state == "withdrawn" && after.tasks.allSatisfy { $0.state == "cancelled" })
            #expect(try await browser.send(.POST, "/api/v1/cases/\(view.id)/withdraw", json: ["reason": "x"], bearer: owner).status == .conflict)
            let housing = try await reviewerToken(app, department: "zj")
            let open = try #require(view.tasks.first { $0.state == "open" })
            #expect(try await browser.decide(open.id, "approve", token: housing).status == .conflict, "the case was withdrawn")
        }
    }

    @Test("bad decisions and bad applications get clear 4xx errors")
    func badInput() async throws {
        try await withTongban { app in
            let (browser, owner, view) = try await acceptedHomeTransfer(app)
            let housing = try await reviewerToken(app, department: "zj")
            let open = try #require(view.tasks.first { $0.state == "open" })
            #expect(try await browser.decide(open.id, "maybe", token: housing).errorCode == "task.invalid_decision")
            #expect(try await browser.decide(open.id, "reject", token: housing).errorCode == "case.reason_required")
            #expect(try await browser.decide(open.id, "supplement", token: housing).errorCode == "case.supplement_empty")
            #expect(try await browser.decide(UUID(), "approve", token: housing).status == .notFound)
            let both = try await browser.send(.POST, "/api/v1/cases", json: ApplicationInput(item: "x", lifeEvent: "y", form: [:]), bearer: owner)
            #expect(both.errorCode == "case.invalid_target")
            let missing = try await browser.send(.POST, "/api/v1/cases", json: ApplicationInput(item: nil, lifeEvent: "eshgh", form: [:]), bearer: owner)
            #expect(missing.status == .unprocessableEntity && missing.errorCode == "case.invalid_application")
            let draft = try await browser.send(.GET, "/api/v1/cases/draft?lifeEvent=eshgh", bearer: owner).content.decode(CaseDraft.self)
            #expect(draft.fields.contains { $0.value == "李四" && $0.prefilledFrom == "profile.realName" })
        }
    }
}
