import Fluent
import Foundation
import Vapor

/// 12345 across cities: a ticket about another city goes to that city's platform, and its reply comes back
/// onto our ticket, where the caller sees it and our operators close it as usual.
struct FederationTickets {
    let db: any Database
    let now: Date
    let context: FederationContext

    static let transferPath = "/api/v1/federation/inbox/tickets"
    static let replyPath = "/api/v1/federation/inbox/ticket-replies"

    func transfer(_ number: String, to city: String, reason: String?, by person: Principal) async throws -> FederationTicketLink {
        guard let ticket = try await Ticket.query(on: db).filter(\.$number == number).first() else {
            throw AppError.notFound("工单", code: "ticket.not_found")
        }
        guard let peer = context.directory.peer(named: city) else {
            throw AppError.invalid("federation.peer_not_configured", "城市“\(city)”未配置为跨域通办的对方城市", details: ["city": "未配置"])
        }
        let ticketID = try ticket.requireID()
        guard try await FederationTicketLink.query(on: db).filter(\.$ticketID == ticketID).count() == 0 else {
            throw AppError(.conflict, "federation.ticket_already_transferred", "该工单已转交其他城市")
        }
        let reason = reason.map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300)) }
        let payload = FederationTicketPayload(ticketId: ticketID, number: ticket.number, type: ticket.type, title: ticket.title,
                                              body: ticket.body, reason: reason)
        let link = FederationTicketLink()
        (link.ticketID, link.peerCode, link.peerName, link.state, link.updatedAt) = (ticketID, peer.code, peer.name, "transferred", now)
        try await db.transaction { db in
            try await link.create(on: db)
            try await event(ticketID, actor: person.realName, kind: "federation.transferred",
                            message: "诉求涉及\(peer.name)，已转交\(peer.name) 12345 平台办理\(reason.map { $0.isEmpty ? "" : "（\($0)）" } ?? "")", on: db)
            try await FederationOutbox.enqueue(payload, to: peer, path: Self.transferPath, reference: ticketID.uuidString, on: db, now: now)
        }
        return link
    }

    /// A ticket another city transferred to us; acknowledged at once so its caller knows it arrived.
    func receive(_ payload: FederationTicketPayload, from peer: FederationPeer) async throws -> FederationTicketReceivedView {
        if try await FederationInboundTicket.query(on: db).filter(\.$originCode == peer.code).filter(\.$originTicketID == payload.ticketId).count() > 0 {
            return FederationTicketReceivedView(received: true)
        }
        let ticket = FederationInboundTicket()
        (ticket.originCode, ticket.originName, ticket.originTicketID, ticket.originNumber) = (peer.code, peer.name, payload.ticketId, payload.number)
        (ticket.type, ticket.title, ticket.body, ticket.reason) = (payload.type, String(payload.title.prefix(200)), String(payload.body.prefix(5000)), payload.reason)
        (ticket.state, ticket.receivedAt) = ("received", now)
        try await db.transaction { db in
            try await ticket.create(on: db)
            try await FederationOutbox.enqueue(FederationTicketReplyPayload(ticketId: payload.ticketId, state: "received", reply: nil),
                                               to: peer, path: Self.replyPath, reference: payload.ticketId.uuidString, on: db, now: now)
        }
        return FederationTicketReceivedView(received: true)
    }

    func reply(_ id: UUID, text: String) async throws -> FederationInboundTicket {
        guard let ticket = try await FederationInboundTicket.find(id, on: db) else { throw AppError.notFound("转来的工单", code: "federation.ticket_not_found") }
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AppError.invalid("federation.reply_required", "请填写答复内容", details: ["reply": "必填"]) }
        guard ticket.state != "replied" else { throw AppError(.conflict, "federation.ticket_replied", "该工单已答复") }
        guard let peer = context.directory.peer(ticket.originCode) else {
            throw AppError(.conflict, "federation.peer_not_configured", "来件城市 \(ticket.originName) 已不在跨域通办配置中，无法回传")
        }
        (ticket.state, ticket.reply, ticket.repliedAt) = ("replied", String(text.prefix(2000)), now)
        try await db.transaction { db in
            try await ticket.save(on: db)
            try await FederationOutbox.enqueue(FederationTicketReplyPayload(ticketId: ticket.originTicketID, state: "replied", reply: ticket.reply),
                                               to: peer, path: Self.replyPath, reference: ticket.originTicketID.uuidString, on: db, now: now)
        }
        return ticket
    }

    /// The other city acknowledged or answered: on our ticket's record, and to the caller if they have an account.
    func applyReply(_ reply: FederationTicketReplyPayload, from peer: FederationPeer) async throws {
        guard let link = try await FederationTicketLink.query(on: db).filter(\.$ticketID == reply.ticketId).first(), link.peerCode == peer.code else {
            throw AppError.notFound("转交的工单", code: "federation.ticket_not_found")
        }
        guard ["received", "replied"].contains(reply.state) else { throw AppError.invalid("federation.invalid_state", "未知的工单状态") }
        if link.state == reply.state { return }
        guard let ticket = try await Ticket.find(reply.ticketId, on: db) else { throw AppError.notFound("工单", code: "ticket.not_found") }
        let message = reply.state == "replied" ? "\(peer.name)答复：\(reply.reply ?? "")" : "\(peer.name) 12345 平台已接收，正在办理"
        try await db.transaction { db in
            (link.state, link.reply, link.updatedAt) = (reply.state, reply.reply, now)
            try await link.save(on: db)
            try await event(reply.ticketId, actor: peer.name, kind: "federation.\(reply.state)", message: message, on: db)
            if let citizen = ticket.citizenID, reply.state == "replied" {
                try await NotificationService(db: db, now: now).notify(citizen, title: "\(peer.name)已答复您的诉求",
                                                                       body: "工单 \(ticket.number)：\(message)", link: TicketURL.mine(ticket.number))
            }
        }
    }

    private func event(_ ticketID: UUID, actor: String, kind: String, message: String, on db: any Database) async throws {
        let last = try await TicketEvent.query(on: db).filter(\.$ticketID == ticketID).max(\.$seq) ?? 0
        let event = TicketEvent()
        (event.ticketID, event.at, event.seq, event.actorName) = (ticketID, now, last + 1, actor)
        (event.kind, event.message, event.isPublic) = (kind, message, true)
        try await event.create(on: db)
    }
}

extension Request {
    var federationTickets: FederationTickets {
        FederationTickets(db: db, now: application.clock.now(), context: application.federation)
    }
}
