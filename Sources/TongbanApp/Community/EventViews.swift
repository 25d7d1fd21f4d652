import Fluent
import Foundation
import Vapor

/// What residents and staff see of events: places taken, the waiting list, one's own place in it.
struct EventView: Content {
    var id: UUID
    var community: String?
    var title: String
    var kind: String
    var description: String
    var place: String
    var startsAt: Date
    var endsAt: Date
    var capacity: Int
    var confirmed: Int
    var waitlisted: Int
    var cancelled: Bool
    /// For the person asking: confirmed, waitlisted or nil; and their place on the waiting list (1 = next).
    var myStatus: String?
    var myWaitlistPosition: Int?

    /// One person's line on the roster (staff only).
    struct Entry: Content {
        var signupId: UUID
        var name: String
        var status: String
        var queuedAt: Date
        var agentName: String?
        var consent: String?
        var attended: Bool?
    }
}

extension EventService {
    func views(_ events: [CommunityEvent], for user: UUID?) async throws -> [EventView] {
        let ids = events.compactMap(\.id)
        let signups = ids.isEmpty ? [] : try await EventSignup.query(on: db).filter(\.$event.$id ~~ ids)
            .filter(\.$status != EventSignup.Status.cancelled.rawValue).sort(\.$queuedAt).sort(\.$id).all()
        let byEvent = Dictionary(grouping: signups, by: { $0.$event.id })
        return events.map { event in
            let mine = byEvent[event.id!] ?? []
            let waiting = mine.filter { $0.status == EventSignup.Status.waitlisted.rawValue }
            let own = user.flatMap { user in mine.first { $0.userID == user } }
            return EventView(
                id: event.id!, community: event.communityCode, title: event.title, kind: event.kind, description: event.description,
                place: event.place, startsAt: event.startsAt, endsAt: event.endsAt, capacity: event.capacity,
                confirmed: mine.count - waiting.count, waitlisted: waiting.count, cancelled: event.cancelledAt != nil,
                myStatus: own?.status, myWaitlistPosition: own.flatMap { own in waiting.firstIndex { $0.id == own.id }.map { $0 + 1 } })
        }
    }

    /// Events a resident of `community` may join that have not ended: their community's and those open to all.
    func upcoming(community: String?) async throws -> [CommunityEvent] {
        try await CommunityEvent.query(on: db).filter(\.$endsAt > now).filter(\.$cancelledAt == nil)
            .group(.or) { group in
                group.filter(\.$communityCode == nil)
                if let community { group.filter(\.$communityCode == community) }
            }
            .sort(\.$startsAt).all()
    }

    func roster(_ event: CommunityEvent) async throws -> [EventView.Entry] {
        let signups = try await EventSignup.query(on: db).filter(\.$event.$id == event.requireID())
            .filter(\.$status != EventSignup.Status.cancelled.rawValue).sort(\.$queuedAt).sort(\.$id).all()
        let names = Dictionary(try await User.query(on: db).filter(\.$id ~~ signups.map(\.userID)).all().map { ($0.id!, $0.realName) },
                               uniquingKeysWith: { a, _ in a })
        // Confirmed first, then the waiting list in its order.
        return signups.sorted { ($0.status == EventSignup.Status.confirmed.rawValue ? 0 : 1) < ($1.status == EventSignup.Status.confirmed.rawValue ? 0 : 1) }
            .map { EventView.Entry(signupId: $0.id!, name: names[$0.userID] ?? "", status: $0.status, queuedAt: $0.queuedAt,
                                   agentName: $0.agentName, consent: $0.consent, attended: $0.attended) }
    }
}
