import Fluent
import Foundation
import Vapor

/// A fine payment as its payer follows it, with the 缴款凭证 once it is paid.
struct FinePaymentView: Content {
    var id: UUID
    var orderNumber: String
    var violationId: UUID
    var amountFen: Int
    var amount: String
    var description: String
    var status: String
    var statusTitle: String
    /// Where to pay, while the payment is pending.
    var payURL: String?
    var receiptNumber: String?
    var paidAt: Date?

    init(_ payment: FinePayment, payURL: String? = nil) {
        id = payment.id ?? UUID()
        (orderNumber, violationId) = (payment.orderNumber, payment.violationID)
        (amountFen, amount) = (payment.amountFen, BillMoney.yuan(payment.amountFen))
        description = payment.description
        (status, statusTitle) = (payment.status, payment.state.title)
        self.payURL = payURL
        (receiptNumber, paidAt) = (payment.receiptNumber, payment.paidAt)
    }
}

/// 交通违法罚款缴款凭证: the payment, the violation it handled, and the decision number.
struct FineReceipt: Content {
    var receiptNumber: String
    var paymentId: UUID
    var orderNumber: String
    var provider: String
    var providerOrder: String?
    var payer: String
    var violation: ViolationView
    var amountFen: Int
    var amount: String
    var paidAt: Date

    static func load(_ payment: FinePayment, on db: any Database) async throws -> FineReceipt {
        guard payment.state == .paid, let number = payment.receiptNumber, let paidAt = payment.paidAt, let id = payment.id,
              let violation = try await Violation.find(payment.violationID, on: db) else {
            throw AppError.notFound("缴款凭证（该笔支付尚未完成）", code: "receipt.not_found")
        }
        return FineReceipt(receiptNumber: number, paymentId: id, orderNumber: payment.orderNumber, provider: payment.provider,
                           providerOrder: payment.providerOrder, payer: payment.payerName, violation: ViolationView(violation),
                           amountFen: payment.amountFen, amount: BillMoney.yuan(payment.amountFen), paidAt: paidAt)
    }
}

extension Request {
    /// Only its payer sees a fine payment; to anyone else it does not exist.
    func ownFinePayment(_ id: UUID?) async throws -> FinePayment {
        let person = try requirePrincipal()
        guard let id, let payment = try await FinePayment.find(id, on: db), payment.payerID == person.userID else {
            throw AppError.notFound("支付记录", code: "payment.not_found")
        }
        return payment
    }
}
