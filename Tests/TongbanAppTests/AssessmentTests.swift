import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("部门考核: scorecard with the administrator's weights")
struct AssessmentTests {
    @Test("a department's month: on time and a 差评 weighed as set; weights changed by the administrator only")
    func scorecard() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-03T09:00:00"))
            let browser = Browser(app)
            let citizen = try await apiToken(app, "13800000001")
            let item = try #require(app.catalogCache.snapshot.items.values.sorted { $0.code < $1.code }
                .first { $0.audience.contains("个人") && $0.guide.autoApproval == nil && $0.promisedLimitDays >= 3 })
            let created = try await browser.apply(try await browser.application(item: item.code, token: citizen), token: citizen)
            let accepted = try await browser.send(.POST, "/api/v1/cases/\(created.id)/accept", bearer: try await apiToken(app, "clerk")).content.decode(CaseView.self)
            let task = try #require(accepted.tasks.first)
            try await browser.decide(task.id, "approve", token: try await reviewerToken(app, department: task.department))
            let departmentName = try #require(app.catalogCache.snapshot.department(task.department)).name

            let leader = Browser(app)
            try await leader.signIn("leader")
            var page = try await leader.send(.GET, "\(AssessmentPages.path)?month=2025-11").body.string
            #expect(page.contains(departmentName) && page.contains("<strong>100.0</strong>"), "on time, nothing else measured")

            let rated = try await browser.send(.POST, "/api/v1/reviews", json: ReviewInput(subject: "case", id: created.id.uuidString, level: 1), bearer: citizen)
            #expect(rated.status == .created)
            page = try await leader.send(.GET, "\(AssessmentPages.path)?month=2025-11").body.string
            #expect(page.contains("<strong>50.0</strong>"), "25 × 100% and 25 × 0% over 50")
            #expect(try await leader.send(.GET, "\(AssessmentPages.path)?month=2025-13").status == .unprocessableEntity)
            let csv = try await leader.send(.GET, "\(AssessmentPages.path)?month=2025-11&export=csv")
            #expect(Array(csv.body.readableBytesView).starts(with: [0xEF, 0xBB, 0xBF]))

            // Only the administrator sets weights; nonsense is refused and nothing saved.
            #expect(try await leader.send(.GET, AssessmentPages.weightsPath).status == .forbidden)
            let admin = Browser(app)
            try await admin.signIn("admin")
            _ = try await admin.send(.GET, AssessmentPages.weightsPath)
            var form = Dictionary(uniqueKeysWithValues: Scorecard.Measure.allCases.map { ($0.rawValue, "0") })
            form["_csrf"] = admin.csrf
            form[Scorecard.Measure.caseOnTime.rawValue] = "150"
            #expect(try await admin.send(.POST, AssessmentPages.weightsPath, form: form).status == .unprocessableEntity)
            form[Scorecard.Measure.caseOnTime.rawValue] = "0"
            #expect(try await admin.send(.POST, AssessmentPages.weightsPath, form: form).status == .unprocessableEntity, "all zero")
            #expect(try await Assessment.weights(app.db) == Scorecard.defaultWeights)
            form[Scorecard.Measure.caseOnTime.rawValue] = "100"
            #expect(try await admin.send(.POST, AssessmentPages.weightsPath, form: form).status == .seeOther)
            page = try await leader.send(.GET, "\(AssessmentPages.path)?month=2025-11").body.string
            #expect(page.contains("<strong>100.0</strong>") && !page.contains("好评率（权重"), "only the weighted measure counts and shows")

            let citizenPage = Browser(app)
            try await citizenPage.signIn("13800000001")
            #expect(try await citizenPage.send(.GET, AssessmentPages.path).status == .forbidden)
        }
    }
}
