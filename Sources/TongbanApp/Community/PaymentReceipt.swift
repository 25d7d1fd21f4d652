import Fluent
import Foundation
import Vapor

/// A payment as its payer follows it, and the 电子收据 once it is paid.
struct PaymentView: Content {
    var id: UUID
    var orderNumber: String
    var amountFen: Int
    var amount: String
    var description: String
    var status: String
    var statusTitle: String
    /// Where to pay, while the payment is pending.
    var payURL: String?
    var receiptNumber: String?

    init(_ payment: Payment, payURL: String? = nil) {
        id = payment.id ?? UUID()
        orderNumber = payment.orderNumber
        (amountFen, amount) = (payment.amountFen, BillMoney.yuan(payment.amountFen))
        description = payment.description
        (status, statusTitle) = (payment.status, payment.state.title)
        self.payURL = payURL
        receiptNumber = payment.receiptNumber
    }
}

struct Receipt: Content {
    var receiptNumber: String
    var paymentId: UUID
    var orderNumber: String
    var provider: String
    var providerOrder: String?
    /// In full for the household, masked (张*) for staff.
    var payer: String
    var community: String
    var communityName: String
    var household: String
    var building: String?
    var bills: [BillService.View]
    var amountFen: Int
    var amount: String
    var paidAt: Date
    /// For 社区代收: how it was paid and who collected it, e.g. "现金，社区服务站陈红代收".
    var collection: String?

    static func load(_ payment: Payment, ownHousehold: Bool, on request: Request) async throws -> Receipt {
        guard payment.state == .paid, let receipt = payment.receiptNumber, let paidAt = payment.paidAt, let id = payment.id else {
            throw AppError.notFound("电子收据（该笔支付尚未完成）", code: "receipt.not_found")
        }
        let service = request.bills
        let bills = try await Bill.query(on: request.db).filter(\.$id ~~ payment.bills).sort(\.$dueOn).all()
        let community = try await Community.query(on: request.db).filter(\.$code == payment.communityCode).first()
        return Receipt(receiptNumber: receipt, paymentId: id, orderNumber: payment.orderNumber, provider: payment.provider,
                       providerOrder: payment.providerOrder, payer: ownHousehold ? payment.payerName : NameMasking.mask(payment.payerName),
                       community: payment.communityCode, communityName: community?.name ?? payment.communityCode,
                       household: payment.householdNumber, building: bills.first?.building, bills: bills.map(service.view),
                       amountFen: payment.amountFen, amount: BillMoney.yuan(payment.amountFen), paidAt: paidAt,
                       collection: payment.method.flatMap(CounterCollection.Method.init(rawValue:)).map { "\($0.title)，社区服务站\(payment.collectedBy ?? "")代收" })
    }
}
