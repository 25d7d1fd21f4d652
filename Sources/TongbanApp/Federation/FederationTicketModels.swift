import Fluent
import Foundation
import Vapor

/// On the transferring city's side: a 12345 ticket of ours that concerns another city.
final class FederationTicketLink: Model, @unchecked Sendable {
    static let schema = "federation_ticket_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "peer_code") var peerCode: String
    @Field(key: "peer_name") var peerName: String
    /// `transferred` until the peer acknowledges, then `received`, then `replied`.
    @Field(key: "state") var state: String
    @OptionalField(key: "reply") var reply: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// On the receiving city's side: a ticket another city's 12345 transferred to us, waiting for our reply.
final class FederationInboundTicket: Model, @unchecked Sendable {
    static let schema = "federation_inbound_tickets"

    @ID(key: .id) var id: UUID?
    @Field(key: "origin_code") var originCode: String
    @Field(key: "origin_name") var originName: String
    @Field(key: "origin_ticket_id") var originTicketID: UUID
    @Field(key: "origin_number") var originNumber: String
    @Field(key: "type") var type: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "state") var state: String
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "replied_at") var repliedAt: Date?
    @Field(key: "received_at") var receivedAt: Date

    init() {}
}

/// The ticket as sent: what the caller asked, never who called — the reply goes back through the city
/// that took the call, which keeps the contact.
struct FederationTicketPayload: Content {
    var ticketId: UUID
    var number: String
    var type: String
    var title: String
    var body: String
    var reason: String?
}

struct FederationTicketReplyPayload: Content {
    var ticketId: UUID
    /// `received` (acknowledged) or `replied`.
    var state: String
    var reply: String?
}

struct FederationTicketReceivedView: Content {
    var received: Bool
}

struct FederationTransferInput: Content {
    /// The ticket's number (工单编号).
    var ticket: String
    var city: String
    var reason: String?
}

struct FederationReplyInput: Content {
    var reply: String
}

struct FederationInboundTicketView: Content {
    var id: UUID
    var originCityName: String
    var originNumber: String
    var type: String
    var title: String
    var body: String
    var reason: String?
    var state: String
    var reply: String?
    var receivedAt: Date

    init(_ ticket: FederationInboundTicket) throws {
        (id, originCityName, originNumber, type) = (try ticket.requireID(), ticket.originName, ticket.originNumber, ticket.type)
        (title, body, reason, state, reply, receivedAt) = (ticket.title, ticket.body, ticket.reason, ticket.state, ticket.reply, ticket.receivedAt)
    }
}

/// Part of `CreateFederation` (one migration for the feature, landed together).
struct FederationTicketTables {
    func prepare(on database: any Database) async throws {
        try await database.schema(FederationTicketLink.schema)
            .id()
            .field("ticket_id", .uuid, .required)
            .field("peer_code", .string, .required)
            .field("peer_name", .string, .required)
            .field("state", .string, .required)
            .field("reply", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "ticket_id")
            .create()
        try await database.schema(FederationInboundTicket.schema)
            .id()
            .field("origin_code", .string, .required)
            .field("origin_name", .string, .required)
            .field("origin_ticket_id", .uuid, .required)
            .field("origin_number", .string, .required)
            .field("type", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("reason", .string)
            .field("state", .string, .required)
            .field("reply", .string)
            .field("replied_at", .datetime)
            .field("received_at", .datetime, .required)
            .unique(on: "origin_code", "origin_ticket_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FederationInboundTicket.schema).delete()
        try await database.schema(FederationTicketLink.schema).delete()
    }
}
