import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Applications through the pages, as people click them")
struct CasePagesTests {
    @Test("二手房转移登记 in the browser: apply, accept with receipt, parallel review, 补正, delivery")
    func homeTransferThroughPages() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-03-03T09:00:00"))
            let citizen = Browser(app)
            try await citizen.signIn("13800000002")
            let formPage = try await citizen.send(.GET, "/apply?event=eshgh")
            #expect(formPage.status == .ok)
            #expect(formPage.body.string.contains("value=\"李四\""), "the form is pre-filled from the profile")
            #expect(formPage.body.string.contains("免提交"), "shared data stands in for some materials")

            let (fields, files) = citizen.applicationForm(lifeEvent: "eshgh")
            let submitted = try await citizen.submitMultipart("/apply", fields: fields, files: files)
            #expect(submitted.status == .seeOther, "\(submitted.body.string.prefix(2000))")
            let id = try #require(citizen.caseID(from: submitted))
            let mine = try await citizen.send(.GET, "/me/cases/\(id)")
            #expect(mine.body.string.contains("已提交") && mine.body.string.contains("提交了申请"))

            let clerk = Browser(app)
            try await clerk.signIn("clerk")
            let window = try await clerk.send(.GET, "/workbench/window")
            #expect(window.body.string.contains(id.uuidString))
            let accepted = try await clerk.submit("/workbench/cases/\(id)/accept", [:], from: "/workbench/cases/\(id)")
            #expect(accepted.headers.first(name: .location) == "/workbench/cases/\(id.uuidString)/receipt")
            let receipt = try await clerk.send(.GET, "/workbench/cases/\(id.uuidString)/receipt")
            #expect(receipt.body.string.contains("受理回执") && receipt.body.string.contains("承诺办结"))

            _ = try await reviewerToken(app, department: "zj")
            let housing = Browser(app)
            try await housing.signIn("test.reviewer.zj")
            var view = try await citizen.caseView(id, token: try await apiToken(app, "13800000002"))
            let filing = try #require(view.tasks.first { $0.item == "zj-clfwq" })
            let queue = try await housing.send(.GET, "/workbench/tasks")
            #expect(queue.body.string.contains(filing.id.uuidString))
            let approved = try await housing.submit("/workbench/tasks/\(filing.id)/decision", ["decision": "approve"], from: "/workbench/tasks")
            #expect(approved.status == .seeOther)

            let land = Browser(app)
            try await land.signIn("reviewer.zrzy")
            view = try await citizen.caseView(id, token: try await apiToken(app, "13800000002"))
            let registration = try #require(view.tasks.first { $0.item == "zrzy-zydj" })
            let asked = try await land.submit("/workbench/tasks/\(registration.id)/decision",
                                              ["decision": "supplement", "note": "合同页不清晰", "missing": "存量房买卖合同（清晰扫描件）"])
            #expect(asked.status == .seeOther)
            let tax = Browser(app)
            try await tax.signIn("reviewer.sw")
            let taxTask = try #require(view.tasks.first { $0.item == "sw-qs" })
            #expect(try await tax.submit("/workbench/tasks/\(taxTask.id)/decision", ["decision": "approve"]).status == .seeOther)

            let owed = try await citizen.send(.GET, "/me/cases/\(id)")
            #expect(owed.body.string.contains("请补正材料") && owed.body.string.contains("存量房买卖合同（清晰扫描件）"))
            let answered = try await citizen.submitMultipart("/me/cases/\(id)/supplement", fields: [("names[m0]", "存量房买卖合同（清晰扫描件）")],
                                                             files: [(field: "file[m0]", fileName: "合同.pdf", data: samplePDF)])
            #expect(answered.status == .seeOther, "\(answered.body.string.prefix(1500))")
            #expect(try await land.submit("/workbench/tasks/\(registration.id)/decision", ["decision": "approve"]).status == .seeOther)

            let delivered = try await clerk.submit("/workbench/cases/\(id)/deliver", [:])
            #expect(delivered.status == .seeOther)
            let final = try await citizen.send(.GET, "/me/cases/\(id)")
            #expect(final.body.string.contains("已出件"))
            let messages = try await citizen.send(.GET, "/me/messages")
            for title in ["申请已受理", "请补正材料", "已办结", "已出件"] {
                #expect(messages.body.string.contains(title), "inbox shows \(title)")
            }
        }
    }

    @Test("a failed submission keeps what was typed and uploaded; a bad file is named, the others kept")
    func failedSubmissionKeepsWork() async throws {
        try await withTongban { app in
            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            let item = try #require(app.catalogCache.snapshot.items.values.first { item in
                item.audience.contains("个人") && FormValidation.mergedMaterials([item]).filter { $0.replaceableBy == nil && $0.required }.count >= 2
            })
            var (fields, files) = citizen.applicationForm(item: item.code)
            let good = files[0]
            files[1].data = Data("not a pdf".utf8)
            let key = try #require(FormValidation.mergedFields([item]).first { $0.required && $0.type == "text" }?.key)
            fields.removeAll { $0.0 == "form[\(key)]" }
            let first = try await citizen.submitMultipart("/apply", fields: fields, files: files)
            #expect(first.status == .unprocessableEntity)
            let page = first.body.string
            #expect(page.contains("只能上传 PDF、JPG 或 PNG 文件"))
            #expect(page.contains("已上传：\(good.fileName)"), "the good file is kept")
            let keptID = try #require(page.range(of: "name=\"kept\\[m[0-9]+\\]\" value=\"[0-9A-F-]{36}\"", options: .regularExpression).map { String(page[$0]) })
            let keptField = String(keptID.split(separator: "\"")[1])
            let keptValue = String(keptID.split(separator: "\"")[3])
            #expect(try await Case.query(on: app.db).count() == 0, "nothing saved as a case yet")

            fields.append(("form[\(key)]", "六安测试内容"))
            fields.append((keptField, keptValue))
            let second = try await citizen.submitMultipart("/apply", fields: fields, files: Array(files.dropFirst(2)) + [(field: files[1].field, fileName: "ok.pdf", data: samplePDF)])
            #expect(second.status == .seeOther, "\(second.body.string.prefix(1500))")
        }
    }

    @Test("pages of others' cases are not found; staff pages refuse citizens")
    func pageAuthorization() async throws {
        try await withTongban { app in
            let owner = Browser(app)
            try await owner.signIn("13800000002")
            let (fields, files) = owner.applicationForm(lifeEvent: "eshgh")
            let id = try #require(owner.caseID(from: try await owner.submitMultipart("/apply", fields: fields, files: files)))
            let other = Browser(app)
            try await other.signIn("13800000001")
            #expect(try await other.send(.GET, "/me/cases/\(id)").status == .notFound)
            #expect(try await other.send(.GET, "/workbench/cases/\(id)").status == .forbidden)
            #expect(try await other.send(.GET, "/workbench/window").status == .forbidden)
            #expect(try await other.submit("/me/cases/\(id)/withdraw", [:]).status == .notFound)

            let fund = Browser(app)
            try await fund.signIn("reviewer.gjj")
            #expect(try await fund.send(.GET, "/workbench/cases/\(id)").status == .notFound, "no task for 公积金 in this case")
            let clerk = Browser(app)
            try await clerk.signIn("clerk")
            #expect(try await clerk.send(.GET, "/workbench/cases/\(id)").status == .ok)
            #expect(try await clerk.send(.GET, "/workbench/cases/\(id)/receipt").status == .conflict, "no receipt before acceptance")
            let refused = try await clerk.submit("/workbench/cases/\(id)/refuse", ["reason": ""])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("请填写原因"))
        }
    }
}
