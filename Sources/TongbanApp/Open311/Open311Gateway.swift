import Fluent
import Foundation
import TongbanCore
import Vapor

/// The Open311 side of the hotline: who may file, filing through `TicketService`, and reading back
/// the tickets filed this way. No HTTP in here.
struct Open311Gateway {
    let db: any Database
    let tickets: TicketService
    let gate: WriteGate?

    func client(apiKey: String?) async throws -> Open311Client {
        guard let apiKey else { throw Open311Error.missingKey }
        guard let client = try await Open311Client.query(on: db).filter(\.$keyHash == Token.hash(apiKey)).first() else {
            throw Open311Error.invalidKey
        }
        return client
    }

    func category(_ code: String?) throws -> Open311Category {
        guard let code else { throw Open311Error.missing("service_code", "服务代码（见 services.json）") }
        guard let category = Open311Services.find(code) else {
            throw Open311Error.notFound("service_code \(code) not found：没有这个服务代码")
        }
        return category
    }

    /// Files the ticket (dispatched straight to the service's department, or left to the classifier) and
    /// records, in the same transaction, that it came through Open311, under which service and client.
    func file(_ parameters: Open311Parameters, by client: Open311Client) async throws -> (Ticket, Open311Submission) {
        let category = try category(parameters["service_code"])
        let input = try Open311Filing.input(parameters, category: category)
        let submission = Open311Submission()
        submission.serviceCode = category.code
        submission.clientID = try client.requireID()
        submission.token = Token.random(bytes: 12)
        submission.addressID = parameters["address_id"]
        let ticket = try await tickets.file(input, by: .client(client.name)) { db, ticket in
            submission.ticketID = try ticket.requireID()
            submission.ticketNumber = ticket.number
            submission.createdAt = ticket.createdAt
            try await submission.create(on: db)
        }
        return (ticket, submission)
    }

    func submission(token: String) async throws -> Open311Submission {
        guard let submission = try await Open311Submission.query(on: db).filter(\.$token == token).first() else {
            throw Open311Error.notFound("token \(token) not found：没有这个令牌")
        }
        return submission
    }
}

extension Request {
    var open311: Open311Gateway {
        Open311Gateway(db: db, tickets: tickets, gate: application.writeGate)
    }
}
