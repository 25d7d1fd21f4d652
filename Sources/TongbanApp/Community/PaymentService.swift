import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Paying bills: an order for the provider, then the provider's signed word settles it. A bill is paid once however
/// often or however concurrently the callback arrives; a notice that does not match the order is refused and logged.
struct PaymentService {
    let db: any Database
    let gate: WriteGate?
    let now: Date
    let provider: any PaymentProvider
    let logger: Logger

    /// The household that pays, as 人口库 has it.
    struct Household: Sendable {
        var community: String
        var number: String
    }

    func start(_ billIDs: [UUID], household: Household, payer: Principal) async throws -> (payment: Payment, payURL: String) {
        let wanted = Array(Set(billIDs))
        guard !wanted.isEmpty else {
            throw AppError.invalid("payment.no_bills", "请选择要缴纳的账单", details: ["bills": "请至少选择一笔账单"])
        }
        let bills = try await Bill.query(on: db).filter(\.$id ~~ wanted).filter(\.$communityCode == household.community)
            .filter(\.$householdNumber == household.number).sort(\.$dueOn).all()
        // Another household's bill is as good as no bill.
        guard bills.count == wanted.count else { throw AppError.notFound("账单", code: "bill.not_found") }
        let paid = bills.filter { $0.paidAt != nil }
        guard paid.isEmpty else {
            throw AppError(.conflict, "bill.already_paid", "\(paid.map { "\($0.period)\($0.kind)" }.joined(separator: "、"))已经缴过了")
        }
        let payment = Payment()
        payment.orderNumber = Self.orderNumber(now)
        payment.provider = provider.name
        (payment.communityCode, payment.householdNumber) = (household.community, household.number)
        (payment.payerID, payment.payerName) = (payer.userID, payer.realName)
        payment.amountFen = bills.reduce(0) { $0 + $1.amountFen }
        payment.description = bills.map { "\($0.period)\($0.kind)" }.joined(separator: "、")
        payment.billIDs = bills.compactMap { $0.id?.uuidString }.joined(separator: ",")
        payment.status = Payment.Status.pending.rawValue
        payment.createdAt = now
        let payURL = try await place(payment, PaymentOrder(orderNumber: payment.orderNumber, amountFen: payment.amountFen,
                                                          description: "六安通办缴费：" + payment.description), providerOrder: \.providerOrder)
        return (payment, payURL)
    }

    /// Stores a new order, asks the provider where to pay it, and keeps the provider's transaction number when it gives
    /// one up front (the callback must then name the same). Fines (`FineService`) place their orders the same way.
    func place<Order: Model>(_ record: Order, _ order: PaymentOrder, providerOrder: ReferenceWritableKeyPath<Order, String?>) async throws -> String {
        try await serializedTransaction(db, gate: gate) { db in try await record.create(on: db) }
        let started = try await provider.start(order)
        if let number = started.providerOrder {
            record[keyPath: providerOrder] = number
            try await serializedTransaction(db, gate: gate) { db in try await record.save(on: db) }
        }
        return started.payURL
    }

    enum Outcome: String, Content { case settled, duplicate, cancelled, refundDue = "refund_due" }

    /// Acts on a notice the provider has signed (checked by the caller through `provider.verify`).
    func receive(_ notice: PaymentNotice) async throws -> Outcome {
        let log: Logger.Metadata = ["order": .string(notice.orderNumber), "provider": .string(provider.name)]
        guard let payment = try await Payment.query(on: db).filter(\.$orderNumber == notice.orderNumber).first(),
              payment.provider == provider.name, let id = payment.id else {
            logger.warning("payment callback refused: unknown order", metadata: log)
            throw AppError.notFound("支付订单", code: "payment.unknown_order")
        }
        try Self.check(notice, amountFen: payment.amountFen, providerOrder: payment.providerOrder, logger: logger)
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "payment.storage", "存储不支持") }
        if notice.status == .cancelled {
            let rows = try await sql.update(Payment.schema).set("status", to: Payment.Status.cancelled.rawValue)
                .where("id", .equal, id).where("status", .equal, Payment.Status.pending.rawValue).returning("id").all()
            return rows.isEmpty ? .duplicate : .cancelled
        }
        struct Taken: Error {}
        let receipt = Self.receiptNumber(now, order: payment.orderNumber)
        do {
            return try await serializedTransaction(db, gate: gate) { db in
                guard let sql = db as? any SQLDatabase else { return .duplicate }
                // The conditional update is the lock: of two callbacks at once, one changes the row and the other finds it changed.
                let claimed = try await sql.update(Payment.schema)
                    .set("status", to: Payment.Status.paid.rawValue).set("paid_at", to: now)
                    .set("provider_order", to: notice.providerOrder).set("receipt_number", to: receipt)
                    .where("id", .equal, id)
                    .where("status", .in, SQLBind.group([Payment.Status.pending.rawValue, Payment.Status.cancelled.rawValue]))
                    .returning("id").all()
                guard !claimed.isEmpty else { return .duplicate }
                let bills = payment.bills
                let settled = try await sql.update(Bill.schema).set("paid_at", to: now).set("payment_id", to: id)
                    .where("id", .in, SQLBind.group(bills)).where("paid_at", .is, SQLLiteral.null).returning("id").all()
                guard settled.count == bills.count else { throw Taken() }
                try await NotificationService(db: db, now: now).notify(
                    payment.payerID, title: "缴费成功", body: "您已缴纳\(payment.description)，共 \(BillMoney.yuan(payment.amountFen)) 元，电子收据已生成。",
                    link: PaymentURL.receipt(id), sms: false)
                return .settled
            }
        } catch is Taken {
            // Paid twice for the same bill (two members at once): the money goes back, the bills stay paid by the first.
            logger.error("payment received for bills already paid: refund due", metadata: log)
            // Only the callback that marks it says so; the same notice arriving twice at once answers "duplicate".
            let marked = try await serializedTransaction(db, gate: gate) { db -> Bool in
                guard let sql = db as? any SQLDatabase else { return false }
                return !(try await sql.update(Payment.schema).set("status", to: Payment.Status.refundDue.rawValue).set("paid_at", to: now)
                    .set("provider_order", to: notice.providerOrder)
                    .where("id", .equal, id).where("status", .in, SQLBind.group([Payment.Status.pending.rawValue, Payment.Status.cancelled.rawValue]))
                    .returning("id").all()).isEmpty
            }
            return marked ? .refundDue : .duplicate
        }
    }

    /// A notice must name the amount ordered and, once the provider gave one, its transaction number: anything else
    /// is refused and logged. Shared with fines (`FineService`), which use the same provider and callback.
    static func check(_ notice: PaymentNotice, amountFen: Int, providerOrder: String?, logger: Logger) throws {
        let log: Logger.Metadata = ["order": .string(notice.orderNumber)]
        guard notice.amountFen == amountFen else {
            logger.error("payment callback refused: amount mismatch",
                         metadata: log.merging(["expected": .stringConvertible(amountFen), "got": .stringConvertible(notice.amountFen)]) { a, _ in a })
            throw AppError.invalid("payment.amount_mismatch", "支付金额与订单不符", details: ["amountFen": "订单金额为 \(amountFen) 分"])
        }
        if let known = providerOrder, known != notice.providerOrder {
            logger.error("payment callback refused: provider order mismatch", metadata: log)
            throw AppError.invalid("payment.order_mismatch", "支付流水号与订单不符", details: ["providerOrder": "与下单时通道返回的流水号不一致"])
        }
    }

    /// SJ + the payment's date + the order's last 8 digits.
    static func receiptNumber(_ paidAt: Date, order: String) -> String {
        "SJ" + CalendarDay(paidAt).description.replacingOccurrences(of: "-", with: "") + String(order.suffix(8))
    }

    /// TB + Beijing date and time to the second + 6 random digits: readable on a bank statement, and unique in practice
    /// (the unique index settles the rest).
    static func orderNumber(_ now: Date) -> String {
        let seconds = (Int(now.timeIntervalSince1970.rounded(.down)) + 8 * 3600) % 86_400
        let time = String(format: "%02d%02d%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
        return "TB" + CalendarDay(now).description.replacingOccurrences(of: "-", with: "") + time + String(format: "%06d", Int.random(in: 0..<1_000_000))
    }
}

extension Request {
    /// A provider calls one URL for every order; the order number's prefix says what was paid: JT a traffic fine
    /// (`FineOrder`), anything else a community bill.
    func receivePayment(_ notice: PaymentNotice) async throws -> PaymentService.Outcome {
        FineOrder.owns(notice.orderNumber) ? try await fines.receive(notice) : try await payments.receive(notice)
    }

    var payments: PaymentService {
        PaymentService(db: db, gate: application.writeGate, now: application.clock.now(), provider: application.paymentProvider, logger: logger)
    }
}
