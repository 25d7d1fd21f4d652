import Fluent
import Foundation
import Vapor

/// Records a visit served at a counter and invites the visitor to rate it (in-app and by SMS).
struct CounterVisitService {
    let request: Request

    struct Input: Content {
        /// The visitor's ID number; with a name (and phone) an unregistered visitor gets an account, as for 代办.
        var visitorIdNumber: String
        var visitorName: String?
        var visitorPhone: String?
        var item: String
        var window: String?
        var district: String?
    }

    struct View: Content {
        var id: UUID
        var itemName: String
        var window: String
        var servedAt: Date
        var ratingURL: String
    }

    func record(_ input: Input) async throws -> View {
        let clerk = try request.require(anyOf: [.clerk])
        let snapshot = request.catalog.snapshot
        var problems: [String: String] = [:]
        let item = snapshot.items[input.item.trimmed]
        if item == nil { problems["item"] = "请选择办理的事项" }
        let window = input.window?.trimmed.nilIfEmpty ?? "六安市政务服务中心综合窗口"
        if window.count > 60 { problems["window"] = "窗口名称不超过60字" }
        let district = input.district?.trimmed.nilIfEmpty ?? snapshot.districts.first?.code ?? ""
        if !snapshot.districts.isEmpty, !snapshot.districts.contains(where: { $0.code == district }) { problems["district"] = "没有这个区县" }
        guard problems.isEmpty, let item else { throw AppError.invalid("visit.invalid", "窗口服务记录有误，请按提示修改", details: problems) }
        let visitor: User
        do {
            visitor = try await request.identity.findOrRegisterAtCounter(idNumber: input.visitorIdNumber, name: input.visitorName, phone: input.visitorPhone)
        } catch let error as AppError where error.status == .unprocessableEntity {
            // The counter form names the visitor's fields as such.
            throw AppError.invalid(error.code, error.message, details: Dictionary(uniqueKeysWithValues: error.details.map { key, value in
                (key.replacingOccurrences(of: "applicant", with: "visitor"), value)
            }))
        }
        let visit = CounterVisit()
        let now = request.application.clock.now()
        (visit.visitorID, visit.departmentCode, visit.itemCode, visit.itemName) = (try visitor.requireID(), item.departmentCode, item.code, item.name)
        (visit.window, visit.districtCode, visit.clerkName, visit.servedAt) = (window, district, clerk.realName, now)
        visit.id = UUID()
        let link = ReviewURL.new(.visit, visit.id!.uuidString)
        try await request.db.transaction { db in
            try await visit.create(on: db)
            try await NotificationService(db: db, now: now).notify(
                visit.visitorID, title: "请评价本次窗口服务",
                body: "您在\(window)办理的“\(item.name)”已完成，欢迎对本次服务作出评价（非常满意至非常不满意），5天内可修改。",
                link: link, sms: true)
        }
        return View(id: visit.id!, itemName: item.name, window: window, servedAt: now, ratingURL: link)
    }
}

extension Request {
    var counterVisits: CounterVisitService { CounterVisitService(request: self) }
}
