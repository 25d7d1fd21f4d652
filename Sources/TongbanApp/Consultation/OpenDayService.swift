import Fluent
import Foundation
import Vapor

/// 政府开放日 on top of `EventService`: a department's staff publish one as an event open to everyone; sign-up,
/// the waiting list, cancellation and reminders are the community events' own.
struct OpenDayService {
    let request: Request

    func create(_ input: OpenDayInput, by person: Principal) async throws -> OpenDayView {
        let code = (input.department ?? "").trimmed
        guard let department = request.catalog.snapshot.department(code) else {
            throw AppError.invalid("event.invalid", "请选择举办部门", details: ["department": "没有这个部门"])
        }
        _ = try ConsultationService.requireManager(person, department: code)
        let event = EventService.Input(title: input.title ?? "", kind: "开放日", description: input.description, place: input.place ?? "",
                                       startsAt: input.startsAt ?? "", endsAt: input.endsAt ?? "", capacity: input.capacity)
        let now = request.application.clock.now()
        let created = try await serializedTransaction(request.db, gate: request.application.writeGate) { db in
            let created = try await EventService(db: db, gate: nil, now: now).create(event, community: nil, by: department.name)
            let openDay = OpenDay()
            (openDay.$event.id, openDay.departmentCode) = (try created.requireID(), code)
            try await openDay.create(on: db)
            return created
        }
        return OpenDayView(department: code, departmentName: department.name, event: try await request.events.views([created], for: nil)[0])
    }

    /// Open days that have not ended, soonest first, with the asking person's place on each.
    func upcoming(for user: UUID?) async throws -> [OpenDayView] {
        let now = request.application.clock.now()
        let rows = try await OpenDay.query(on: request.db).join(CommunityEvent.self, on: \OpenDay.$event.$id == \CommunityEvent.$id)
            .filter(CommunityEvent.self, \.$endsAt > now).filter(CommunityEvent.self, \.$cancelledAt == nil)
            .sort(CommunityEvent.self, \.$startsAt).all()
        let events = try rows.map { try $0.joined(CommunityEvent.self) }
        let views = try await request.events.views(events, for: user)
        return zip(rows, views).map { row, view in
            OpenDayView(department: row.departmentCode, departmentName: request.catalog.snapshot.department(row.departmentCode)?.name ?? row.departmentCode,
                        event: view)
        }
    }

    /// The open day behind an event id, for signing up and cancelling through these pages.
    func event(_ id: UUID?) async throws -> CommunityEvent {
        guard let id, try await OpenDay.query(on: request.db).filter(\.$event.$id == id).count() > 0,
              let event = try await CommunityEvent.find(id, on: request.db) else {
            throw AppError.notFound("开放日活动", code: "event.not_found")
        }
        return event
    }
}

extension Request {
    var openDays: OpenDayService { OpenDayService(request: self) }
}
