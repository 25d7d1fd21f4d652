import Fluent
import Foundation
import SQLKit
import Vapor

/// 退款: a payment taken for bills a relative had already paid (`refund_due`) is returned by staff through the
/// provider's merchant service, or in cash for a counter collection, and recorded here with the provider's refund
/// number, so the arrears page no longer lists it and the payer is told. The platform itself never moves money.
extension PaymentService {
    struct RefundInput: Content {
        /// The provider's refund number (退款单号), or the cash receipt's number for a counter payment.
        var reference: String?
    }

    func markRefunded(_ id: UUID?, community code: String, _ input: RefundInput, by staff: Principal) async throws -> Payment {
        let reference = (input.reference ?? "").trimmed
        guard (4...64).contains(reference.count) else {
            throw AppError.invalid("payment.refund_reference", "请填写支付机构的退款单号（4–64位）", details: ["reference": "请填写退款单号"])
        }
        guard let id, let payment = try await Payment.find(id, on: db), payment.communityCode == code else {
            throw AppError.notFound("支付记录", code: "payment.not_found")
        }
        let now = self.now
        let done = try await serializedTransaction(db, gate: gate) { db -> Bool in
            guard let sql = db as? any SQLDatabase else { return false }
            let claimed = try await sql.update(Payment.schema).set("status", to: Payment.Status.refunded.rawValue).set("refunded_at", to: now)
                .set("refund_reference", to: reference).set("refunded_by", to: staff.realName)
                .where("id", .equal, id).where("status", .equal, Payment.Status.refundDue.rawValue).returning("id").all()
            guard !claimed.isEmpty else { return false }
            try await NotificationService(db: db, now: now).notify(
                payment.payerID, title: "重复缴费已退款",
                body: "您为\(payment.description)重复支付的 \(BillMoney.yuan(payment.amountFen)) 元已原路退回，退款单号 \(reference)。",
                link: PaymentURL.result(id), sms: true)
            return true
        }
        guard done else {
            throw AppError(.conflict, "payment.not_refund_due", payment.state == .refunded ? "这笔付款已登记退款" : "这笔付款不需要退款")
        }
        logger.info("payment refunded", metadata: ["payment": .string(id.uuidString), "by": .string(staff.realName)])
        return try await Payment.find(id, on: db) ?? payment
    }
}
