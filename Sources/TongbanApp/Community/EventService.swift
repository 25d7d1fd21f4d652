import Fluent
import Foundation
import SQLKit
import Vapor

/// Sign-ups with a capacity and a waiting list. Every sign-up and cancellation first touches the event's row inside its
/// transaction, so two people taking the last place at once are served one after the other: never more confirmed
/// places than the capacity, and the first on the waiting list moves up the moment a place frees.
struct EventService {
    let db: any Database
    let gate: WriteGate?
    let now: Date

    struct Input: Content {
        var title: String
        var kind: String
        var description: String?
        var place: String
        var startsAt: String
        var endsAt: String
        var capacity: Int?
    }

    static let kinds = ["活动", "助餐", "理发", "讲座", "义诊", "志愿服务", "开放日"]

    /// Checks and creates; every problem named under its field.
    func create(_ input: Input, community: String?, by author: String) async throws -> CommunityEvent {
        var problems: [String: String] = [:]
        let title = input.title.trimmed, place = input.place.trimmed
        if !(2...60).contains(title.count) { problems["title"] = "活动名称应为2–60字" }
        if !Self.kinds.contains(input.kind) { problems["kind"] = "请选择活动类型：\(Self.kinds.joined(separator: "、"))" }
        if !(2...100).contains(place.count) { problems["place"] = "请填写活动地点（2–100字）" }
        if (input.description ?? "").count > 1000 { problems["description"] = "活动说明不超过1000字" }
        let starts = TimeText.localInput(input.startsAt), ends = TimeText.localInput(input.endsAt)
        if let starts { if starts <= now { problems["startsAt"] = "开始时间应晚于现在" } } else { problems["startsAt"] = "请填写开始时间" }
        if let ends { if let starts, ends <= starts { problems["endsAt"] = "结束时间应晚于开始时间" } } else { problems["endsAt"] = "请填写结束时间" }
        let capacity = input.capacity ?? 0
        if !(1...10_000).contains(capacity) { problems["capacity"] = "名额应为1–10000人" }
        guard problems.isEmpty, let starts, let ends else {
            throw AppError.invalid("event.invalid", problems.count == 1 ? problems.values.first! : "活动信息有误，请按提示修改", details: problems)
        }
        let event = CommunityEvent()
        (event.communityCode, event.title, event.kind, event.description) = (community, title, input.kind, (input.description ?? "").trimmed)
        (event.place, event.startsAt, event.endsAt, event.capacity) = (place, starts, ends, capacity)
        (event.createdBy, event.updatedAt) = (author, now)
        try await event.create(on: db)
        return event
    }

    /// The person's place after signing up: confirmed while there is room, else at the end of the waiting list.
    /// Signing up again while already in is answered with the current place, not an error.
    func signUp(_ eventID: UUID, user: UUID, agent: String? = nil, consent: String? = nil) async throws -> EventSignup {
        try await locked(eventID) { db, event in
            guard event.cancelledAt == nil else { throw AppError(.conflict, "event.cancelled", "该活动已取消") }
            guard event.startsAt > self.now else { throw AppError(.conflict, "event.started", "活动已开始，报名已截止") }
            let existing = try await EventSignup.query(on: db).filter(\.$event.$id == eventID).filter(\.$userID == user).first()
            if let existing, existing.status != EventSignup.Status.cancelled.rawValue { return existing }
            let confirmed = try await EventSignup.query(on: db).filter(\.$event.$id == eventID)
                .filter(\.$status == EventSignup.Status.confirmed.rawValue).count()
            let signup = existing ?? EventSignup()
            signup.$event.id = eventID
            signup.userID = user
            signup.status = (confirmed < event.capacity ? EventSignup.Status.confirmed : .waitlisted).rawValue
            (signup.queuedAt, signup.agentName, signup.consent, signup.reminded, signup.attended) = (self.now, agent, consent, false, nil)
            try await signup.save(on: db)
            return signup
        }
    }

    /// Cancels the person's place; a confirmed place goes to the first on the waiting list, who is told.
    func cancel(_ eventID: UUID, user: UUID) async throws {
        try await locked(eventID) { db, event in
            guard let signup = try await EventSignup.query(on: db).filter(\.$event.$id == eventID).filter(\.$userID == user).first(),
                  signup.status != EventSignup.Status.cancelled.rawValue else {
                throw AppError.notFound("报名记录", code: "event.not_signed_up")
            }
            let freed = signup.status == EventSignup.Status.confirmed.rawValue
            signup.status = EventSignup.Status.cancelled.rawValue
            try await signup.save(on: db)
            guard freed, event.startsAt > self.now,
                  let next = try await EventSignup.query(on: db).filter(\.$event.$id == eventID)
                      .filter(\.$status == EventSignup.Status.waitlisted.rawValue).sort(\.$queuedAt).sort(\.$id).first() else { return }
            next.status = EventSignup.Status.confirmed.rawValue
            try await next.save(on: db)
            try await NotificationService(db: db, now: self.now).notify(
                next.userID, title: "候补成功：\(event.title)",
                body: "您候补的“\(event.title)”有了名额，已为您确认报名。时间：\(TimeText.minute(event.startsAt))，地点：\(event.place)。",
                link: EventURL.resident, sms: true)
        }
    }

    /// Staff record who came; everyone confirmed and not ticked is recorded as absent.
    func recordAttendance(_ eventID: UUID, attended: Set<UUID>) async throws {
        try await locked(eventID) { db, event in
            guard event.startsAt <= self.now else { throw AppError(.conflict, "event.not_started", "活动开始后才能登记签到") }
            for signup in try await EventSignup.query(on: db).filter(\.$event.$id == eventID)
                .filter(\.$status == EventSignup.Status.confirmed.rawValue).all() {
                signup.attended = attended.contains(try signup.requireID())
                try await signup.save(on: db)
            }
        }
    }

    private func locked<T: Sendable>(_ eventID: UUID, _ body: @escaping @Sendable (any Database, CommunityEvent) async throws -> T) async throws -> T {
        try await serializedTransaction(db, gate: gate) { db in
            if let sql = db as? any SQLDatabase {
                try await sql.update(CommunityEvent.schema).set("updated_at", to: SQLBind(self.now)).where("id", .equal, SQLBind(eventID)).run()
            }
            guard let event = try await CommunityEvent.find(eventID, on: db) else { throw AppError.notFound("活动", code: "event.not_found") }
            return try await body(db, event)
        }
    }
}

extension Request {
    var events: EventService { EventService(db: db, gate: application.writeGate, now: application.clock.now()) }
}

enum EventURL {
    static let resident = "/me/community/events"
    static func staff(_ code: String) -> String { "/community/\(code)/events" }
    static func roster(_ code: String, _ id: UUID) -> String { "/community/\(code)/events/\(id.uuidString)" }
}
