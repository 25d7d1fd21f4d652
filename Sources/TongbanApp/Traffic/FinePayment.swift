import Fluent
import Foundation

/// One attempt to pay one violation's fine through the payment provider, the counterpart of the community's `Payment`.
/// It shares the provider, the callback URL and the statuses; its order numbers start with JT (`FineOrder`).
final class FinePayment: Model, @unchecked Sendable {
    static let schema = "traffic_fine_payments"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_number") var orderNumber: String
    @Field(key: "provider") var provider: String
    @OptionalField(key: "provider_order") var providerOrder: String?
    @Field(key: "violation_id") var violationID: UUID
    @Field(key: "payer_id") var payerID: UUID
    @Field(key: "payer_name") var payerName: String
    /// Whose licence takes the violation's points when the payment settles it.
    @Field(key: "payer_hash") var payerHash: String
    @Field(key: "amount_fen") var amountFen: Int
    @Field(key: "description") var description: String
    /// `Payment.Status`: pending, paid, cancelled, refund_due.
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "paid_at") var paidAt: Date?
    @OptionalField(key: "receipt_number") var receiptNumber: String?

    init() {}

    var state: Payment.Status { Payment.Status(rawValue: status) ?? .pending }
}

/// JT + the same date, time and random digits as a bill's TB order: the prefix lets the one callback URL of a provider
/// tell a fine from a bill.
enum FineOrder {
    static let prefix = "JT"

    static func number(_ now: Date) -> String { prefix + PaymentService.orderNumber(now).dropFirst(2) }

    static func owns(_ orderNumber: String) -> Bool { orderNumber.hasPrefix(prefix) }
}
