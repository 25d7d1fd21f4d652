import Foundation
import Vapor

/// 交通违章 over the JSON API: the owner's licence, vehicles and violations, paying a fine, and the plate query.
struct TrafficController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("me", "traffic", use: mine)
        api.post("me", "traffic", "violations", ":id", "payments", use: pay)
        api.get("me", "traffic", "payments", ":id", use: payment)
        api.get("me", "traffic", "payments", ":id", "receipt", use: receipt)
        api.post("traffic", "plate-queries", use: plateQuery)
    }

    @Sendable func mine(_ request: Request) async throws -> TrafficOverview {
        try await request.ownTraffic()
    }

    @Sendable func pay(_ request: Request) async throws -> Response {
        let person = try await request.ownTrafficPerson(purpose: "交通违法处理缴款")
        let started = try await request.fines.start(request.parameters.get("id", as: UUID.self), payer: try request.requirePrincipal(), person: person)
        request.logger.info("fine payment started", metadata: ["order": .string(started.payment.orderNumber)])
        return try await FinePaymentView(started.payment, payURL: started.payURL).encodeResponse(status: .created, for: request)
    }

    @Sendable func payment(_ request: Request) async throws -> FinePaymentView {
        FinePaymentView(try await request.ownFinePayment(request.parameters.get("id", as: UUID.self)))
    }

    @Sendable func receipt(_ request: Request) async throws -> FineReceipt {
        try await FineReceipt.load(try await request.ownFinePayment(request.parameters.get("id", as: UUID.self)), on: request.db)
    }

    /// POST, so the VIN does not end up in URLs and access logs.
    @Sendable func plateQuery(_ request: Request) async throws -> PlateQueryView {
        try await request.plateQuery.run(try request.content.decode(PlateQueryInput.self), client: request.clientAddress)
    }
}
