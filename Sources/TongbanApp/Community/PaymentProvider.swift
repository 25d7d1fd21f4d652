import Crypto
import Foundation
import TongbanCore
import Vapor

/// What we ask a provider to collect.
struct PaymentOrder: Sendable {
    var orderNumber: String
    var amountFen: Int
    var description: String
}

/// Where the payer goes to pay, and the provider's transaction number when it gives one up front.
struct PaymentStart: Sendable {
    var payURL: String
    var providerOrder: String?
}

/// The provider's word on an order, as its signed callback carries it.
struct PaymentNotice: Content, Sendable {
    enum Outcome: String, Codable, Sendable { case paid, cancelled }

    var orderNumber: String
    var providerOrder: String
    var amountFen: Int
    var status: Outcome
}

/// Where a real payment system plugs in (聚合支付, a bank's gateway). The platform never trusts the payer's
/// browser about money: only a callback the provider signed with the shared secret settles a bill.
protocol PaymentProvider: Sendable {
    var name: String { get }
    func start(_ order: PaymentOrder) async throws -> PaymentStart
    /// The callback's notice, or `payment.bad_signature` when the provider did not sign this body.
    func verify(body: Data, headers: HTTPHeaders) throws -> PaymentNotice
}

/// HMAC-SHA256 of the exact body bytes, hex, in `X-Payment-Signature`: the scheme both providers share.
struct PaymentSignature: Sendable {
    static let header = "X-Payment-Signature"
    let secret: String

    func sign(_ body: Data) -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8))).hexLower
    }

    func notice(body: Data, headers: HTTPHeaders) throws -> PaymentNotice {
        guard let sent = headers.first(name: Self.header), Token.constantTimeEquals(sent.lowercased(), sign(body)) else {
            throw AppError(.unauthorized, "payment.bad_signature", "支付通知签名无效")
        }
        guard let notice = try? JSONDecoder().decode(PaymentNotice.self, from: body) else {
            throw AppError.invalid("payment.bad_notice", "支付通知格式错误")
        }
        return notice
    }
}

/// The default: a 模拟支付 page on this server stands in for the provider, and its buttons send the same signed
/// callback a real provider would, through the same verification. No money moves.
struct TestPaymentProvider: PaymentProvider {
    let signature: PaymentSignature
    var name: String { "test" }

    func start(_ order: PaymentOrder) async throws -> PaymentStart {
        PaymentStart(payURL: PaymentURL.testPage(order.orderNumber), providerOrder: nil)
    }

    func verify(body: Data, headers: HTTPHeaders) throws -> PaymentNotice {
        try signature.notice(body: body, headers: headers)
    }

    /// What the provider would post to our callback: the body and its signature header.
    func callback(_ notice: PaymentNotice) throws -> (body: Data, headers: HTTPHeaders) {
        let body = try JSONEncoder().encode(notice)
        return (body, HTTPHeaders([(PaymentSignature.header, signature.sign(body)), ("Content-Type", "application/json")]))
    }
}

/// A real provider behind an HTTP gateway: we post the order (signed), it answers with the page to pay on and its
/// transaction number, and later calls `notifyURL` with a signed notice.
struct GatewayPaymentProvider: PaymentProvider {
    let url: URI
    let notifyURL: String
    let signature: PaymentSignature
    let client: any Client
    var name: String { "gateway" }

    struct Request: Content {
        var orderNumber: String
        var amountFen: Int
        var description: String
        var notifyURL: String
    }

    struct Answer: Content {
        var payURL: String
        var providerOrder: String?
    }

    func start(_ order: PaymentOrder) async throws -> PaymentStart {
        let body = try JSONEncoder().encode(Request(orderNumber: order.orderNumber, amountFen: order.amountFen,
                                                    description: order.description, notifyURL: notifyURL))
        let response = try await client.post(url, headers: HTTPHeaders([(PaymentSignature.header, signature.sign(body)),
                                                                        ("Content-Type", "application/json")])) { request in
            request.body = ByteBuffer(data: body)
        }
        guard (200..<300).contains(response.status.code), let answer = try? response.content.decode(Answer.self) else {
            throw AppError(.badGateway, "payment.gateway_error", "支付通道暂时不可用（\(response.status.code)），请稍后再试")
        }
        return PaymentStart(payURL: answer.payURL, providerOrder: answer.providerOrder)
    }

    func verify(body: Data, headers: HTTPHeaders) throws -> PaymentNotice {
        try signature.notice(body: body, headers: headers)
    }
}

enum PaymentProviders {
    /// The configured provider; a misconfigured real one stops the start-up rather than taking payments it cannot confirm.
    static func make(_ settings: BillSettings, app: Application) throws -> any PaymentProvider {
        switch settings.paymentProvider {
        case "test":
            let secret = settings.paymentSecret ?? app.fieldCipher.lookupHash("payment:test-provider")
            return TestPaymentProvider(signature: PaymentSignature(secret: secret))
        case "gateway":
            guard let secret = settings.paymentSecret, let url = settings.paymentGatewayURL, let notify = settings.paymentNotifyURL else {
                throw AppError(.internalServerError, "config.payment",
                               "TONGBAN_PAYMENT_PROVIDER=gateway 需要 TONGBAN_PAYMENT_SECRET、TONGBAN_PAYMENT_GATEWAY_URL 和 TONGBAN_PAYMENT_NOTIFY_URL")
            }
            return GatewayPaymentProvider(url: URI(string: url), notifyURL: notify, signature: PaymentSignature(secret: secret), client: app.client)
        default:
            throw AppError(.internalServerError, "config.payment", "未知的支付通道 TONGBAN_PAYMENT_PROVIDER=\(settings.paymentProvider)（可用：test、gateway）")
        }
    }
}

extension Application {
    private struct PaymentProviderKey: StorageKey { typealias Value = any PaymentProvider }

    var paymentProvider: any PaymentProvider {
        get {
            if let provider = storage[PaymentProviderKey.self] { return provider }
            return TestPaymentProvider(signature: PaymentSignature(secret: fieldCipher.lookupHash("payment:test-provider")))
        }
        set { storage[PaymentProviderKey.self] = newValue }
    }
}

enum PaymentURL {
    static func testPage(_ order: String) -> String { "/payments/test/\(order)" }
    static func result(_ id: UUID) -> String { "/me/community/payments/\(id)" }
    static func receipt(_ id: UUID) -> String { "/community/receipts/\(id)" }
    static func callback(_ provider: String) -> String { "/api/v1/payments/callback/\(provider)" }
}
