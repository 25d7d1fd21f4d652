import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("数据共享申请: departments ask each other for data, the owner answers by a deadline")
struct SharingTests {
    static let zhangSan = ExchangeTests.zhangSan

    static func request(purpose: String = "gjj-dk", fields: [String] = ["certificateNumber", "address"], registry: String = "realestate",
                        reason: String = "公积金贷款审核需核对房屋权属", expiresOn: String = "2026-12-31") -> SharingService.FileInput {
        SharingService.FileInput(department: nil, registry: registry, fields: fields, purpose: purpose, reason: reason, expiresOn: expiresOn)
    }

    @Test("公积金中心 asks 自然资源局 for 不动产 fields; only the owner answers; an approval lets the reads through at once")
    func askAndApprove() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-03T09:00:00"))
            let browser = Browser(app)
            let fund = try await apiToken(app, "reviewer.gjj")
            let read = "/api/v1/exchange/realestate/\(Self.zhangSan)?fields=address&purpose=gjj-dk"
            #expect(try await browser.send(.GET, read, bearer: fund).status == .forbidden, "no grant yet")

            // Bad input is named field by field; nothing is saved.
            let bad = try await browser.send(.POST, "/api/v1/sharing-requests",
                                             json: Self.request(purpose: "nope", fields: ["salary"], reason: "要", expiresOn: "2020-01-01"), bearer: fund)
            #expect(bad.status == .unprocessableEntity && bad.errorCode == "sharing.invalid")
            let details = try bad.content.decode(ErrorBody.self).details ?? [:]
            #expect(Set(details.keys) == ["fields", "purpose", "reason", "expiresOn"], "\(details)")
            let own = try await browser.send(.POST, "/api/v1/sharing-requests", json: Self.request(fields: ["accountStatus"], registry: "fund"), bearer: fund)
            #expect(own.status == .unprocessableEntity, "its own registry needs no request")
            let citizen = try await apiToken(app, "13800000001")
            #expect(try await browser.send(.POST, "/api/v1/sharing-requests", json: Self.request(), bearer: citizen).status == .forbidden)
            #expect(try await SharingRequest.query(on: app.db).count() == 0)

            let filed = try await browser.send(.POST, "/api/v1/sharing-requests", json: Self.request(), bearer: fund)
            #expect(filed.status == .created, "\(filed.body.string)")
            let request = try filed.content.decode(SharingView.self)
            #expect(request.owner == "zrzy" && request.requester == "gjj" && request.status == .pending)
            // 10 working days from Monday 3 November 2025: by the end of Monday 17 November.
            #expect(request.due == CalendarDay(year: 2025, month: 11, day: 18).startInstant)
            #expect(try await browser.send(.POST, "/api/v1/sharing-requests", json: Self.request(), bearer: fund).status == .conflict, "one pending at a time")

            // Another department neither sees nor answers it; the owner does.
            let tax = try await apiToken(app, "reviewer.sw")
            #expect(try await browser.send(.GET, "/api/v1/sharing-requests", bearer: tax).content.decode([SharingView].self).isEmpty)
            #expect(try await browser.send(.POST, "/api/v1/sharing-requests/\(request.id)/answer", json: SharingService.AnswerInput(approve: true, answer: nil),
                                           bearer: tax).status == .notFound)
            #expect(try await browser.send(.POST, "/api/v1/sharing-requests/\(request.id)/answer", json: SharingService.AnswerInput(approve: true, answer: nil),
                                           bearer: fund).status == .notFound, "the asking department cannot approve itself")
            let land = try await apiToken(app, "reviewer.zrzy")
            let incoming = try await browser.send(.GET, "/api/v1/sharing-requests", bearer: land).content.decode([SharingView].self)
            #expect(incoming.map(\.id) == [request.id])
            let refusal = try await browser.send(.POST, "/api/v1/sharing-requests/\(request.id)/answer",
                                                 json: SharingService.AnswerInput(approve: false, answer: nil), bearer: land)
            #expect(refusal.status == .unprocessableEntity, "a refusal needs its reason")

            app.clock.set(beijing("2025-11-05T10:00:00"))
            let approved = try await browser.send(.POST, "/api/v1/sharing-requests/\(request.id)/answer",
                                                  json: SharingService.AnswerInput(approve: true, answer: "同意，限贷款审核使用"), bearer: land)
            #expect(approved.status == .ok)
            let answer = try approved.content.decode(SharingView.self)
            #expect(answer.status == .approved && !answer.late && answer.grantID != nil)
            #expect(try await browser.send(.GET, read, bearer: fund).status == .ok, "the grant holds at once")
            #expect(try await browser.send(.POST, "/api/v1/sharing-requests/\(request.id)/answer",
                                           json: SharingService.AnswerInput(approve: false, answer: "撤回同意意见"), bearer: land).status == .conflict)
        }
    }

    @Test("answers after the deadline, and requests left unanswered past it, lower the owner's 数据共享响应及时率")
    func responsiveness() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-03T09:00:00"))
            let browser = Browser(app)
            let fund = try await apiToken(app, "reviewer.gjj")
            let tax = try await apiToken(app, "reviewer.sw")
            let land = try await apiToken(app, "reviewer.zrzy")
            let first = try await browser.send(.POST, "/api/v1/sharing-requests", json: Self.request(), bearer: fund).content.decode(SharingView.self)
            let second = try await browser.send(.POST, "/api/v1/sharing-requests", json: Self.request(purpose: "*"), bearer: tax).content.decode(SharingView.self)
            _ = try await browser.send(.POST, "/api/v1/sharing-requests", json: Self.request(purpose: "*", fields: ["status"], registry: "socialInsurance"), bearer: tax)

            app.clock.set(beijing("2025-11-04T09:00:00"))
            _ = try await browser.send(.POST, "/api/v1/sharing-requests/\(first.id)/answer", json: SharingService.AnswerInput(approve: true, answer: nil), bearer: land)
            app.clock.set(beijing("2025-11-20T09:00:00"))
            let late = try await browser.send(.POST, "/api/v1/sharing-requests/\(second.id)/answer",
                                              json: SharingService.AnswerInput(approve: false, answer: "该用途无法律依据"), bearer: land).content.decode(SharingView.self)
            #expect(late.late && late.status == .refused)

            let month = CalendarDay(year: 2025, month: 11, day: 1)
            let rates = try await Assessment.rates(app, from: month.startInstant, to: CalendarDay(year: 2025, month: 12, day: 1).startInstant)
            #expect(rates["zrzy"]?[.sharingResponse] == 0.5, "one on time, one late")
            #expect(rates["rs"]?[.sharingResponse] == 0, "人社局 left its request unanswered past the deadline")
            #expect(rates["gjj"]?[.sharingResponse] == nil, "nobody asked 公积金中心 for anything")
        }
    }

    @Test("in the browser: ask with a form, answer with a button, errors shown on the page; citizens are kept out")
    func pages() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2025-11-03T09:00:00"))
            let fund = Browser(app)
            try await fund.signIn("reviewer.gjj")
            let page = try await fund.send(.GET, SharingPages.path).body.string
            #expect(page.contains("提出新申请") && page.contains("不动产登记库") && !page.contains("住房公积金缴存库（"), "its own registry is not offered")
            let bad = try await fund.submit(SharingPages.path, ["fields[]": "realestate.address", "purpose": "gjj-dk", "reason": "", "expiresOn": "2026-01-01"], from: SharingPages.path)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("请写明共享理由"))
            let nothingPicked = try await fund.submit(SharingPages.path, ["purpose": "gjj-dk", "reason": "短", "expiresOn": "2020-01-01"], from: SharingPages.path)
            #expect(nothingPicked.status == .unprocessableEntity && nothingPicked.body.string.contains("至少一个字段")
                    && nothingPicked.body.string.contains("请写明共享理由") && nothingPicked.body.string.contains("到期日期"), "every problem at once")
            let filed = try await fund.submit(SharingPages.path, ["fields[]": "realestate.address", "purpose": "gjj-dk",
                                                                  "reason": "贷款审核核对房屋坐落", "expiresOn": "2026-01-01"], from: SharingPages.path)
            #expect(filed.status == .seeOther)
            let request = try #require(try await SharingRequest.query(on: app.db).first())

            let land = Browser(app)
            try await land.signIn("reviewer.zrzy")
            let incoming = try await land.send(.GET, SharingPages.path).body.string
            #expect(incoming.contains("待本部门答复") && incoming.contains("贷款审核核对房屋坐落") && incoming.contains("同意共享"))
            let refused = try await land.submit("\(SharingPages.path)/\(request.id!.uuidString)/answer", ["decision": "refuse", "answer": ""], from: SharingPages.path)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("不予共享时请写明理由"))
            let approved = try await land.submit("\(SharingPages.path)/\(request.id!.uuidString)/answer", ["decision": "approve", "answer": ""], from: SharingPages.path)
            #expect(approved.status == .seeOther)
            #expect(try await SharingRequest.find(request.id, on: app.db)?.status == SharingRequest.Status.approved.rawValue)

            let citizen = Browser(app)
            try await citizen.signIn("13800000001")
            #expect(try await citizen.send(.GET, SharingPages.path).status == .forbidden)
        }
    }
}
