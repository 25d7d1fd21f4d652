import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Paying a violation's fine handles it (处理): the provider's signed callback marks the payment paid, the violation
/// handled with a decision number, and the points scored to the payer's licence — once, however often or however
/// concurrently the callback arrives. Checks that need the money not to move yet (licence, 12 points) run at start.
struct FineService {
    let db: any Database
    let gate: WriteGate?
    let now: Date
    let provider: any PaymentProvider
    let traffic: TrafficService
    let logger: Logger

    func start(_ violationID: UUID?, payer: Principal, person: String) async throws -> (payment: FinePayment, payURL: String) {
        let violation = try await traffic.ownViolation(violationID, of: person)
        guard !violation.isHandled else { throw AppError(.conflict, "traffic.already_handled", "这条交通违法已经处理过了") }
        if violation.points > 0 {
            guard let licence = try await traffic.licence(of: person), licence.status == "正常" else {
                throw AppError(.conflict, "traffic.no_licence",
                               "这条交通违法需记\(violation.points)分，要由持有效驾驶证的驾驶人处理；您名下没有可记分的驾驶证，请实际驾驶人到交警窗口处理")
            }
            guard licence.pointsScored + violation.points < PointsCycle.limit else {
                throw AppError(.conflict, "traffic.points_full",
                               "本记分周期已记\(licence.pointsScored)分，处理后将达到\(PointsCycle.limit)分，不能网上处理，请到车管所接受满分教育后处理")
            }
        }
        let payment = FinePayment()
        payment.orderNumber = FineOrder.number(now)
        payment.provider = provider.name
        payment.violationID = try violation.requireID()
        (payment.payerID, payment.payerName, payment.payerHash) = (payer.userID, payer.realName, person)
        payment.amountFen = violation.fineFen
        payment.description = "\(Plate.display(violation.plate)) \(CalendarDay(violation.occurredAt).description) \(violation.offence)"
        payment.status = Payment.Status.pending.rawValue
        payment.createdAt = now
        let payments = PaymentService(db: db, gate: gate, now: now, provider: provider, logger: logger)
        let payURL = try await payments.place(payment, PaymentOrder(orderNumber: payment.orderNumber, amountFen: payment.amountFen,
                                                                    description: "六安通办交通违法罚款：" + payment.description), providerOrder: \.providerOrder)
        return (payment, payURL)
    }

    /// Acts on a notice the provider has signed, as `PaymentService.receive` does for bills.
    func receive(_ notice: PaymentNotice) async throws -> PaymentService.Outcome {
        guard let payment = try await FinePayment.query(on: db).filter(\.$orderNumber == notice.orderNumber).first(),
              payment.provider == provider.name, let id = payment.id else {
            logger.warning("fine payment callback refused: unknown order", metadata: ["order": .string(notice.orderNumber)])
            throw AppError.notFound("支付订单", code: "payment.unknown_order")
        }
        try PaymentService.check(notice, amountFen: payment.amountFen, providerOrder: payment.providerOrder, logger: logger)
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "payment.storage", "存储不支持") }
        let open = SQLBind.group([Payment.Status.pending.rawValue, Payment.Status.cancelled.rawValue])
        if notice.status == .cancelled {
            let rows = try await sql.update(FinePayment.schema).set("status", to: Payment.Status.cancelled.rawValue)
                .where("id", .equal, id).where("status", .equal, Payment.Status.pending.rawValue).returning("id").all()
            return rows.isEmpty ? .duplicate : .cancelled
        }
        struct Taken: Error {}
        let receipt = "FK" + PaymentService.receiptNumber(now, order: payment.orderNumber).dropFirst(2)
        do {
            return try await serializedTransaction(db, gate: gate) { db in
                guard let sql = db as? any SQLDatabase else { return .duplicate }
                // As for bills, the conditional updates are the locks: of two callbacks at once one changes the payment
                // row, and of two payments for one violation one changes the violation row.
                let claimed = try await sql.update(FinePayment.schema)
                    .set("status", to: Payment.Status.paid.rawValue).set("paid_at", to: now)
                    .set("provider_order", to: notice.providerOrder).set("receipt_number", to: receipt)
                    .where("id", .equal, id).where("status", .in, open).returning("id").all()
                guard !claimed.isEmpty else { return .duplicate }
                guard let violation = try await Violation.find(payment.violationID, on: db) else { throw Taken() }
                let handled = try await sql.update(Violation.schema).set("handled_at", to: now).set("payment_id", to: id)
                    .set("decision_number", to: Self.decisionNumber(now, order: payment.orderNumber))
                    .set("scored_hash", to: violation.points > 0 ? payment.payerHash : nil)
                    .where("id", .equal, payment.violationID).where("handled_at", .is, SQLLiteral.null).returning("id").all()
                guard !handled.isEmpty else { throw Taken() }
                try await NotificationService(db: db, now: now).notify(
                    payment.payerID, title: "交通违法已处理",
                    body: "\(payment.description)：罚款 \(BillMoney.yuan(payment.amountFen)) 元已缴纳\(violation.points > 0 ? "，驾驶证记\(violation.points)分" : "")。",
                    link: TrafficURL.receipt(id), sms: false)
                return .settled
            }
        } catch is Taken {
            // Only the callback that marks it says so: the same notice arriving twice at once answers once `refund_due`.
            let marked = try await serializedTransaction(db, gate: gate) { db in
                guard let sql = db as? any SQLDatabase else { return false }
                return try await !sql.update(FinePayment.schema).set("status", to: Payment.Status.refundDue.rawValue).set("paid_at", to: now)
                    .set("provider_order", to: notice.providerOrder).where("id", .equal, id).where("status", .in, open).returning("id").all().isEmpty
            }
            guard marked else { return .duplicate }
            logger.error("fine paid for a violation already handled: refund due", metadata: ["order": .string(notice.orderNumber)])
            return .refundDue
        }
    }

    /// The 模拟支付 page's view of a fine order, for its payer only.
    func testOrder(_ orderNumber: String, payer: UUID) async throws -> TestPaymentOrder? {
        guard let payment = try await FinePayment.query(on: db).filter(\.$orderNumber == orderNumber).filter(\.$provider == provider.name).first(),
              payment.payerID == payer, let id = payment.id else { return nil }
        return TestPaymentOrder(orderNumber: payment.orderNumber, description: payment.description, amountFen: payment.amountFen,
                                pending: payment.state == .pending, resultURL: TrafficURL.result(id))
    }

    /// 处罚决定书编号: 3415 (六安) + the day + the order's last 8 digits.
    static func decisionNumber(_ handledAt: Date, order: String) -> String {
        "3415" + CalendarDay(handledAt).description.replacingOccurrences(of: "-", with: "") + String(order.suffix(8))
    }
}

extension Request {
    var fines: FineService {
        FineService(db: db, gate: application.writeGate, now: application.clock.now(), provider: application.paymentProvider,
                    traffic: traffic, logger: logger)
    }
}

enum TrafficURL {
    static let mine = "/me/traffic"
    static let query = "/traffic/query"
    static func pay(_ violation: UUID) -> String { "/me/traffic/violations/\(violation)/pay" }
    static func result(_ payment: UUID) -> String { "/me/traffic/payments/\(payment)" }
    static func receipt(_ payment: UUID) -> String { "/me/traffic/receipts/\(payment)" }
}
