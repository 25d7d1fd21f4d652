import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 好差评: who may rate what and when, the rectification a 差评 opens, and the department's answer.
/// The services rated belong to other features; they are looked up through those features' services.
struct ReviewService {
    let db: any Database
    let catalog: CatalogSnapshot
    let calendar: WorkdayCalendar
    let now: Date
    let settings: ReviewSettings
    var gate: WriteGate? = nil

    /// The service being rated, as its own feature describes it.
    struct Subject: Sendable {
        var kind: Review.Subject
        var key: String
        var title: String
        /// Departments answerable for it: one for a ticket or an item, several for a 一件事.
        var departments: [String]
        var itemCode: String
        var itemName: String
        var channel: String
        var districtCode: String
    }

    /// Only the person served rates, and only once the service is concluded. Anyone else gets "not found",
    /// as for the service itself.
    func subject(_ kind: Review.Subject, key: String, for person: Principal, cases: CaseService, tickets: TicketService) async throws -> Subject {
        switch kind {
        case .case:
            guard let id = UUID(uuidString: key) else { throw AppError.notFound("办件", code: "case.not_found") }
            let serviceCase = try await cases.visibleCase(id, to: person)
            guard serviceCase.$applicant.id == person.userID else { throw AppError.notFound("办件", code: "case.not_found") }
            guard let state = CaseState(rawValue: serviceCase.state), [.approved, .notApproved, .delivered, .refused].contains(state) else {
                throw AppError(.conflict, "review.not_concluded", "办件办结后才能评价")
            }
            let items = try cases.plan(item: serviceCase.itemCode, lifeEvent: serviceCase.lifeEventCode).items
            var departments: [String] = []
            for item in items where !departments.contains(item.departmentCode) { departments.append(item.departmentCode) }
            return Subject(kind: .case, key: id.uuidString, title: "\(serviceCase.title)（\(serviceCase.number)）", departments: departments,
                           itemCode: serviceCase.itemCode ?? serviceCase.lifeEventCode ?? "", itemName: serviceCase.title,
                           channel: serviceCase.channel, districtCode: serviceCase.districtCode)
        case .ticket:
            let (ticket, _) = try await tickets.visibleTicket(key, to: person)
            guard ticket.citizenID == person.userID else { throw AppError.notFound("工单", code: "ticket.not_found") }
            guard [TicketState.replied.rawValue, TicketState.closed.rawValue].contains(ticket.state) else {
                throw AppError(.conflict, "review.not_concluded", "诉求答复后才能评价")
            }
            // A community's own work order (社区报修) is answered for by the community: the rating and any
            // rectification go to it, under its code, as a department's do under the department's.
            if let community = ticket.handlingCommunity {
                let category = ticket.repairCategory ?? .other
                return Subject(kind: .ticket, key: ticket.number, title: "\(ticket.title)（\(ticket.number)）", departments: [community],
                               itemCode: "community-\(category.rawValue)", itemName: "社区报修·\(category.title)", channel: "community",
                               districtCode: ticket.districtCode ?? "")
            }
            guard let departmentID = ticket.departmentID,
                  let department = catalog.departments.first(where: { catalog.departmentIDs[$0.code] == departmentID }) else {
                throw AppError(.conflict, "review.not_concluded", "诉求答复后才能评价")
            }
            let type = TicketType(rawValue: ticket.type)
            return Subject(kind: .ticket, key: ticket.number, title: "\(ticket.title)（\(ticket.number)）", departments: [department.code],
                           itemCode: "12345-\(ticket.type)", itemName: "12345·\(type?.title ?? ticket.type)", channel: "hotline",
                           districtCode: ticket.districtCode ?? "")
        case .visit:
            guard let id = UUID(uuidString: key), let visit = try await CounterVisit.find(id, on: db), visit.visitorID == person.userID else {
                throw AppError.notFound("窗口服务记录", code: "visit.not_found")
            }
            return Subject(kind: .visit, key: id.uuidString, title: "\(visit.itemName)（\(visit.window)，\(TimeText.minute(visit.servedAt))）",
                           departments: [visit.departmentCode], itemCode: visit.itemCode, itemName: visit.itemName, channel: "counter",
                           districtCode: visit.districtCode)
        }
    }

    /// Gives, changes or (after a rectification reply) renews the rating; opens, keeps or withdraws the rectification.
    func rate(_ input: ReviewInput, subject: Subject, by person: Principal) async throws -> ReviewView {
        guard let level = ReviewLevel(rawValue: input.level) else {
            throw AppError.invalid("review.invalid_level", "请选择评价等级：非常满意、满意、基本满意、不满意或非常不满意", details: ["level": "请选择评价等级"])
        }
        let tags = ReviewTag.normalized(input.tags ?? [])
        guard tags.unknown.isEmpty else {
            throw AppError.invalid("review.invalid_tags", "不认识的标签：\(tags.unknown.joined(separator: "、"))", details: ["tags": "请从列出的标签中选择"])
        }
        let comment = input.comment?.trimmed.nilIfEmpty
        guard (comment?.count ?? 0) <= 500 else {
            throw AppError.invalid("review.comment_too_long", "评价内容请不超过500字", details: ["comment": "请不超过500字"])
        }
        let department = input.department?.trimmed.nilIfEmpty ?? subject.departments.first ?? ""
        guard subject.departments.contains(department) else {
            throw AppError.invalid("review.invalid_department", "请选择本次服务涉及的部门", details: ["department": "请选择本次服务涉及的部门"])
        }
        let rules = ReviewRules(changeDays: settings.changeDays)
        let deadline = try rectificationDeadline()
        let reviewID = try await serializedTransaction(db, gate: gate) { db -> UUID in
            let existing = try await Review.query(on: db).filter(\.$subject == subject.kind.rawValue).filter(\.$subjectKey == subject.key).first()
            let rectification = try await existing.asyncMap { review in
                try await Rectification.query(on: db).filter(\.$reviewID == review.requireID()).sort(\.$openedAt, .descending).first()
            } ?? nil
            let decision = rules.decide(firstRatedAt: existing?.createdAt,
                                        rectificationReplied: rectification?.status == Rectification.Status.replied.rawValue,
                                        alreadyRerated: existing?.reratedAt != nil, now: now)
            if let existing, existing.raterID != person.userID { throw AppError.notFound("评价", code: "review.not_found") }
            let review = existing ?? Review()
            switch decision {
            case .refused(let code, let message):
                throw AppError(.conflict, code, message)
            case .create:
                review.id = UUID()
                (review.subject, review.subjectKey, review.subjectTitle, review.raterID) = (subject.kind.rawValue, subject.key, subject.title, person.userID)
                (review.itemCode, review.itemName, review.channel, review.districtCode) = (subject.itemCode, subject.itemName, subject.channel, subject.districtCode)
                (review.firstLevel, review.createdAt) = (level.rawValue, now)
            case .change:
                review.firstLevel = level.rawValue
            case .rerate:
                review.reratedAt = now
            }
            (review.level, review.tags, review.comment, review.departmentCode, review.updatedAt) =
                (level.rawValue, tags.tags.joined(separator: ","), comment, department, now)
            try await review.save(on: db)
            let id = try review.requireID()

            // A 差评 asks the department to act; changing it to a good one in time withdraws the request.
            if decision != .rerate {
                if level.isBad, rectification?.status != Rectification.Status.open.rawValue {
                    let opened = Rectification()
                    (opened.reviewID, opened.departmentCode, opened.status, opened.openedAt, opened.deadlineAt) =
                        (id, department, Rectification.Status.open.rawValue, now, deadline)
                    try await opened.create(on: db)
                } else if let open = rectification, open.status == Rectification.Status.open.rawValue {
                    if level.isBad {
                        open.departmentCode = department
                    } else {
                        open.status = Rectification.Status.withdrawn.rawValue
                    }
                    try await open.save(on: db)
                }
            }
            return id
        }
        return try await view(reviewID)
    }

    func rectificationDeadline() throws -> Date {
        do throws(WorkdayError) { return try calendar.deadline(addingWorkdays: settings.rectificationDays, to: now) } catch {
            throw AppError(.unprocessableEntity, error.code, error.message)
        }
    }

    /// The department's answer to a rectification: what it did. Only that department's staff answer; the rater is told.
    func reply(_ rectificationID: UUID, text: String, by person: Principal) async throws -> RectificationView {
        let reply = text.trimmed
        guard reply.count >= 5, reply.count <= 2000 else {
            throw AppError.invalid("rectification.reply_required", "请写明整改情况（5–2000字），评价人会看到它", details: ["reply": "请写明整改情况"])
        }
        try await serializedTransaction(db, gate: gate) { db in
            guard let rectification = try await Rectification.find(rectificationID, on: db), person.answersFor(rectification.departmentCode) else {
                throw AppError.notFound("整改", code: "rectification.not_found")
            }
            guard rectification.status == Rectification.Status.open.rawValue else {
                throw AppError(.conflict, "rectification.not_open", "该整改已答复或已撤销")
            }
            let unit = try await self.unitNames([rectification.departmentCode], on: db)[rectification.departmentCode] ?? "承办部门"
            (rectification.status, rectification.reply, rectification.repliedAt, rectification.repliedBy) =
                (Rectification.Status.replied.rawValue, reply, now, "\(unit) \(person.realName)")
            try await rectification.save(on: db)
            guard let review = try await Review.find(rectification.reviewID, on: db) else { throw AppError.notFound("评价", code: "review.not_found") }
            try await NotificationService(db: db, now: now).notify(
                review.raterID, title: "您的评价已收到整改答复",
                body: "您对“\(review.subjectTitle)”的评价，\(unit)已答复整改情况，欢迎再次评价。",
                link: ReviewURL.mine, sms: false)
        }
        return try await rectificationViews(ids: [rectificationID]).first!
    }
}

extension Principal {
    /// Whether this person answers for the unit a rating is charged to: their department, or for a community's work
    /// order their community (its staff and its property service).
    func answersFor(_ unit: String) -> Bool {
        grants.contains { $0.departmentCode == unit || ($0.communityCode == unit && [.communityStaff, .propertyStaff].contains($0.role)) }
    }
}

extension Request {
    var reviews: ReviewService {
        ReviewService(db: db, catalog: application.catalogCache.snapshot, calendar: application.workdays, now: application.clock.now(),
                      settings: application.settings.reviews, gate: application.writeGate)
    }
}
