import Fluent
import Foundation
import Vapor

/// 跨域通办 over HTTP: our public key and catalogue for anyone, the signed inbox for peers, the queue of
/// cases received from other cities for our reviewers, and the message log and item settings for admins.
struct FederationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("federation", "public-key", use: publicKey)
        api.get("federation", "items", use: items)
        api.get("federation", "certificates", "verify", use: verifyCertificate)
        let inbox = api.grouped("federation", "inbox").grouped(FederationGate())
        inbox.on(.POST, "cases", body: .collect(maxSize: ByteCount(value: FederationGate.maxBody)), use: receiveCase)
        inbox.post("case-status", use: receiveStatus)
        inbox.post("case-withdrawals", use: receiveWithdrawal)
        inbox.on(.POST, "case-supplements", body: .collect(maxSize: ByteCount(value: FederationGate.maxBody)), use: receiveSupplement)
        inbox.post("tickets", use: receiveTicket)
        inbox.post("ticket-replies", use: receiveTicketReply)
        api.post("federation", "ticket-transfers", use: transferTicket)
        api.get("federation", "tickets", use: ticketQueue)
        api.post("federation", "tickets", ":id", "reply", use: replyTicket)
        api.get("federation", "cases", use: queue)
        api.post("federation", "cases", ":id", "decision", use: decide)
        api.get("admin", "federation", "messages", use: messages)
        api.post("admin", "federation", "messages", ":id", "resend", use: resend)
        api.put("admin", "federation", "items", ":code", use: setItem)
        api.delete("admin", "federation", "items", ":code", use: removeItem)
    }

    @Sendable func publicKey(_ request: Request) async throws -> FederationIdentityView {
        let context = request.application.federation
        return FederationIdentityView(cityCode: context.cityCode, cityName: context.cityName, algorithm: "Ed25519",
                                      publicKey: context.publicKeyBase64,
                                      ledgerPublicKey: request.application.ledgerKey.publicKey.rawRepresentation.base64EncodedString(),
                                      windowSeconds: Int(context.windowSeconds),
                                      peers: context.directory.all.map { FederationPeerView(code: $0.code, name: $0.name) })
    }

    @Sendable func items(_ request: Request) async throws -> [FederationItemView] {
        let snapshot = request.application.catalogCache.snapshot
        return try await FederationItem.query(on: request.db).sort(\.$itemCode).all().map { item in
            let record = snapshot.items[item.itemCode]
            return FederationItemView(itemCode: item.itemCode, itemName: record?.name ?? item.itemCode, departmentName: record?.departmentName,
                                      decidingCityCode: item.decidingCityCode, decidingCityName: item.decidingCityName,
                                      acceptedHere: true, note: item.note)
        }
    }

    /// Anyone, with the city, number and code printed on the certificate, as for our own certificates.
    @Sendable func verifyCertificate(_ request: Request) async throws -> FederationCertificates.Result {
        let number = request.query[String.self, at: "number"] ?? "", code = request.query[String.self, at: "code"] ?? ""
        guard !number.isEmpty, !code.isEmpty else {
            throw AppError.invalid("certificate.verify_incomplete", "请填写城市、证照编号和核验码", details: ["number": "请填写证照编号", "code": "请填写核验码"])
        }
        return try await FederationCertificates(client: request.client, directory: request.application.federation.directory)
            .verify(city: request.query[String.self, at: "city"] ?? "", number: number, code: code)
    }

    @Sendable func receiveCase(_ request: Request) async throws -> FederationReceivedView {
        let peer = try request.federationSender()
        let payload = try request.content.decode(FederationCasePayload.self)
        let department = request.application.catalogCache.snapshot.items[payload.itemCode]?.departmentCode
        let inbound = try await request.federationCases.receive(payload, from: peer, departmentCode: department)
        return FederationReceivedView(received: true, remoteNumber: FederationCases.number(try inbound.requireID(), city: request.application.federation.cityCode))
    }

    @Sendable func receiveStatus(_ request: Request) async throws -> HTTPStatus {
        let peer = try request.federationSender()
        try await request.federationCases.applyStatus(try request.content.decode(FederationStatusPayload.self), from: peer, cases: request.cases)
        return .noContent
    }

    @Sendable func receiveWithdrawal(_ request: Request) async throws -> HTTPStatus {
        let peer = try request.federationSender()
        try await request.federationCases.receiveWithdrawal(try request.content.decode(FederationWithdrawalPayload.self), from: peer)
        return .noContent
    }

    @Sendable func receiveSupplement(_ request: Request) async throws -> HTTPStatus {
        let peer = try request.federationSender()
        try await request.federationCases.receiveSupplement(try request.content.decode(FederationSupplementPayload.self), from: peer)
        return .noContent
    }

    @Sendable func receiveTicket(_ request: Request) async throws -> FederationTicketReceivedView {
        let peer = try request.federationSender()
        return try await request.federationTickets.receive(try request.content.decode(FederationTicketPayload.self), from: peer)
    }

    @Sendable func receiveTicketReply(_ request: Request) async throws -> HTTPStatus {
        let peer = try request.federationSender()
        try await request.federationTickets.applyReply(try request.content.decode(FederationTicketReplyPayload.self), from: peer)
        return .noContent
    }

    static let hotlineStaff: Set<Role> = [.hotlineOperator, .dispatcher, .supervisor, .admin]

    @Sendable func transferTicket(_ request: Request) async throws -> HTTPStatus {
        let person = try request.require(anyOf: Self.hotlineStaff)
        let input = try request.content.decode(FederationTransferInput.self)
        _ = try await request.federationTickets.transfer(input.ticket, to: input.city, reason: input.reason, by: person)
        return .accepted
    }

    @Sendable func ticketQueue(_ request: Request) async throws -> [FederationInboundTicketView] {
        _ = try request.require(anyOf: Self.hotlineStaff)
        return try await FederationInboundTicket.query(on: request.db).sort(\.$receivedAt, .descending).limit(200).all()
            .map(FederationInboundTicketView.init)
    }

    @Sendable func replyTicket(_ request: Request) async throws -> FederationInboundTicketView {
        _ = try request.require(anyOf: Self.hotlineStaff)
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("转来的工单", code: "federation.ticket_not_found") }
        let input = try request.content.decode(FederationReplyInput.self)
        return try FederationInboundTicketView(try await request.federationTickets.reply(id, text: input.reply))
    }

    @Sendable func queue(_ request: Request) async throws -> [FederationInboundView] {
        let principal = try request.require(anyOf: [.reviewer, .clerk, .admin])
        var query = FederationInboundCase.query(on: request.db).sort(\.$receivedAt, .descending).limit(200)
        if !principal.isAdmin, !principal.has(.clerk) {
            query = query.filter(\.$departmentCode ~~ principal.grants.compactMap(\.departmentCode))
        }
        let cipher = request.application.fieldCipher
        let city = request.application.federation.cityCode
        let (calendar, now) = (request.application.workdays, request.application.clock.now())
        return try await query.all().map { try FederationInboundView($0, cipher: cipher, city: city, calendar: calendar, now: now) }
    }

    @Sendable func decide(_ request: Request) async throws -> FederationInboundView {
        let principal = try request.require(anyOf: [.reviewer, .clerk, .admin])
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("跨域办件", code: "federation.case_not_found") }
        let input = try request.content.decode(FederationDecisionInput.self)
        let inbound = try await request.federationCases.decide(id, decision: input.decision, note: input.note, by: principal)
        return try FederationInboundView(inbound, cipher: request.application.fieldCipher, city: request.application.federation.cityCode,
                                         calendar: request.application.workdays, now: request.application.clock.now())
    }

    @Sendable func messages(_ request: Request) async throws -> [FederationMessageView] {
        _ = try request.requireAdmin()
        var query = FederationMessage.query(on: request.db).sort(\.$createdAt, .descending).limit(500)
        if let reference = request.query[String.self, at: "reference"] { query = query.filter(\.$reference == reference) }
        return try await query.all().map(FederationMessageView.init)
    }

    @Sendable func resend(_ request: Request) async throws -> FederationMessageView {
        _ = try request.requireAdmin()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("跨域消息", code: "federation.message_not_found") }
        return FederationMessageView(try await FederationOutbox.resend(id, on: request.db, gate: request.application.writeGate,
                                                                       now: request.application.clock.now()))
    }

    @Sendable func setItem(_ request: Request) async throws -> FederationItemView {
        _ = try request.requireAdmin()
        let input = try request.content.decode(FederationItemInput.self)
        let item = try await request.federationItems.set(request.parameters.get("code") ?? "", decidingCity: input.decidingCityCode, note: input.note)
        let record = request.application.catalogCache.snapshot.items[item.itemCode]
        return FederationItemView(itemCode: item.itemCode, itemName: record?.name ?? item.itemCode, departmentName: record?.departmentName,
                                  decidingCityCode: item.decidingCityCode, decidingCityName: item.decidingCityName, acceptedHere: true, note: item.note)
    }

    @Sendable func removeItem(_ request: Request) async throws -> HTTPStatus {
        _ = try request.requireAdmin()
        try await request.federationItems.remove(request.parameters.get("code") ?? "")
        return .noContent
    }
}
