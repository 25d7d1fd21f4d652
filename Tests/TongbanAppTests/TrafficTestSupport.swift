import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// The demo registry of `TrafficSeed`: 张三 (13800000001) 1 point scored, a red light (6 points) and a parking fine open;
/// 李四 (…02) 9 points scored and a speeding (3) open; 王奶奶 (…03) no licence, a parking fine and a crossing (3) open.
enum TrafficFixture {
    static let secret = "traffic-test-secret"
    static let zhang = "13800000001", li = "13800000002", wang = "13800000003"

    static func withTraffic<T>(_ test: (Application) async throws -> T) async throws -> T {
        try await withTongban({ $0.bills.paymentSecret = secret }) { app in try await test(app) }
    }

    static func overview(_ app: Application, _ login: String) async throws -> TrafficOverview {
        let response = try await Browser(app).send(.GET, "/api/v1/me/traffic", bearer: try await apiToken(app, login))
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(TrafficOverview.self)
    }

    static func violation(_ app: Application, _ login: String, code: String) async throws -> ViolationView {
        try #require(try await overview(app, login).violations.first { $0.offenceCode == code && !$0.handled })
    }

    static func startPayment(_ app: Application, _ login: String, violation: UUID) async throws -> TestingHTTPResponse {
        try await Browser(app).send(.POST, "/api/v1/me/traffic/violations/\(violation)/payments", bearer: try await apiToken(app, login))
    }

    static func started(_ app: Application, _ login: String, violation: UUID) async throws -> FinePaymentView {
        let response = try await startPayment(app, login, violation: violation)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(FinePaymentView.self)
    }

    /// What the provider's server posts: the notice, signed over the exact bytes.
    static func callback(_ app: Application, _ payment: FinePaymentView, providerOrder: String = "WX-FINE-1", amountFen: Int? = nil) async throws -> TestingHTTPResponse {
        let notice = PaymentNotice(orderNumber: payment.orderNumber, providerOrder: providerOrder, amountFen: amountFen ?? payment.amountFen, status: .paid)
        let body = try JSONEncoder().encode(notice)
        var headers = HTTPHeaders([(PaymentSignature.header, PaymentSignature(secret: secret).sign(body))])
        headers.contentType = .json
        return try await Browser(app).send(.POST, "/api/v1/payments/callback/test", headers: headers, raw: String(decoding: body, as: UTF8.self))
    }

    static func outcome(_ response: TestingHTTPResponse) throws -> PaymentService.Outcome {
        try response.content.decode(BillController.CallbackAnswer.self).result
    }

    static func plateQuery(_ app: Application, plate: String, vin: String, client: String = "10.1.1.1") async throws -> TestingHTTPResponse {
        try await Browser(app).send(.POST, "/api/v1/traffic/plate-queries", headers: ["X-Forwarded-For": client],
                                    json: PlateQueryInput(plate: plate, vinSuffix: vin))
    }
}
