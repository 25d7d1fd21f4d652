import Fluent
import Vapor

/// Bills and payments over the JSON API: residents' bills and payments, staff issuing and arrears, the provider's callback.
struct BillController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("me", "community", "bills", use: mine)
        api.post("me", "community", "payments", use: pay)
        api.get("me", "community", "payments", ":id", use: payment)
        api.get("community", "payments", ":id", "receipt", use: receipt)
        api.post("communities", ":code", "bills", use: issue)
        api.get("communities", ":code", "arrears", use: arrears)
        api.post("payments", "callback", ":provider", use: callback)
        api.post("communities", ":code", "collections", use: collect)
        api.post("communities", ":code", "payments", ":id", "refunded", use: refunded)
    }

    @Sendable func collect(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let staff = try await request.requireBillIssuer(code)
        let payment = try await request.payments.collect(try request.content.decode(CounterCollection.self), community: code, by: staff)
        return try await PaymentView(payment).encodeResponse(status: .created, for: request)
    }

    @Sendable func refunded(_ request: Request) async throws -> PaymentView {
        let code = request.parameters.get("code") ?? ""
        let staff = try await request.requireBillIssuer(code)
        let input = try request.content.decode(PaymentService.RefundInput.self)
        return PaymentView(try await request.payments.markRefunded(request.parameters.get("id", as: UUID.self), community: code, input, by: staff))
    }

    @Sendable func mine(_ request: Request) async throws -> [BillService.View] {
        let household = try await request.requireBillHousehold()
        let service = request.bills
        return try await service.bills(household: household.number, community: household.community).map(service.view)
    }

    struct PayInput: Content {
        var bills: [UUID]?
    }

    @Sendable func pay(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(PayInput.self)
        let started = try await request.payments.start(input.bills ?? [], household: try await request.requireBillHousehold(), payer: person)
        return try await PaymentView(started.payment, payURL: started.payURL).encodeResponse(status: .created, for: request)
    }

    @Sendable func payment(_ request: Request) async throws -> PaymentView {
        PaymentView(try await request.visiblePayment(request.parameters.get("id", as: UUID.self), asStaff: false).payment)
    }

    @Sendable func receipt(_ request: Request) async throws -> Receipt {
        let found = try await request.visiblePayment(request.parameters.get("id", as: UUID.self), asStaff: true)
        return try await Receipt.load(found.payment, ownHousehold: found.ownHousehold, on: request)
    }

    @Sendable func issue(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let person = try await request.requireBillIssuer(code)
        let result = try await request.bills.issue(try request.content.decode(BillService.IssueInput.self), community: code, by: person)
        request.logger.info("bills issued", metadata: ["community": .string(code), "count": .stringConvertible(result.created)])
        return try await result.encodeResponse(status: .created, for: request)
    }

    @Sendable func arrears(_ request: Request) async throws -> BillService.Arrears {
        let code = request.parameters.get("code") ?? ""
        try await request.requireArrearsReader(code)
        return try await request.bills.arrears(community: code)
    }

    struct CallbackAnswer: Content {
        var result: PaymentService.Outcome
    }

    /// The provider's server calls this, signed; it retries until it gets a 2xx, so a repeat answers 200 as well.
    @Sendable func callback(_ request: Request) async throws -> CallbackAnswer {
        let provider = request.application.paymentProvider
        guard request.parameters.get("provider") == provider.name else { throw AppError.notFound("支付通道", code: "payment.unknown_provider") }
        let body = request.body.data.map { Data($0.readableBytesView) } ?? Data()
        let notice: PaymentNotice
        do { notice = try provider.verify(body: body, headers: request.headers) } catch {
            request.logger.warning("payment callback refused: \(error)", metadata: ["provider": .string(provider.name)])
            throw error
        }
        return CallbackAnswer(result: try await request.receivePayment(notice))
    }
}
