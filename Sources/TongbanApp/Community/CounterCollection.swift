import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 社区代收: an elderly resident pays at the community service station, in cash, by card or with the station's own
/// collection code, and the staff member records it: the bills are paid at once, the household gets the same
/// receipt as online (naming who collected it and how), and how the person asked for it is written down. Only the
/// community's staff and its property company collect, as only they issue bills.
struct CounterCollection: Content {
    enum Method: String, Codable, CaseIterable {
        case cash, card, code

        var title: String {
            switch self {
            case .cash: "现金"
            case .card: "银行卡（POS机）"
            case .code: "扫码（社区收款码）"
            }
        }
    }

    var household: String?
    var bills: [UUID]?
    var method: String?
    /// Who handed over the money, as they say it (the resident, or a relative paying for them).
    var payerName: String?
    var consent: String?
}

extension PaymentService {
    static let counterProvider = "counter"

    func collect(_ input: CounterCollection, community code: String, by staff: Principal) async throws -> Payment {
        var problems: [String: String] = [:]
        let household = (input.household ?? "").trimmed
        if household.isEmpty { problems["household"] = "请填写户号" }
        let wanted = Array(Set(input.bills ?? []))
        if wanted.isEmpty { problems["bills"] = "请勾选要代收的账单" }
        let method = input.method.flatMap(CounterCollection.Method.init(rawValue:))
        if method == nil { problems["method"] = "请选择收款方式：" + CounterCollection.Method.allCases.map(\.title).joined(separator: "、") }
        let payer = (input.payerName ?? "").trimmed, consent = (input.consent ?? "").trimmed
        if !(2...20).contains(payer.count) { problems["payerName"] = "请填写交款人姓名" }
        if !(2...100).contains(consent.count) { problems["consent"] = "请写明本人如何委托代缴（如“本人到社区服务站当面交现金”）" }
        guard problems.isEmpty, let method else {
            throw AppError.invalid("payment.invalid_collection", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        let bills = try await Bill.query(on: db).filter(\.$id ~~ wanted).filter(\.$communityCode == code)
            .filter(\.$householdNumber == household).sort(\.$dueOn).all()
        guard bills.count == wanted.count else { throw AppError.notFound("账单", code: "bill.not_found") }

        let payment = Payment()
        payment.id = UUID()
        payment.orderNumber = Self.orderNumber(now)
        payment.provider = Self.counterProvider
        (payment.communityCode, payment.householdNumber) = (code, household)
        (payment.payerID, payment.payerName) = (staff.userID, payer)
        payment.amountFen = bills.reduce(0) { $0 + $1.amountFen }
        payment.description = bills.map { "\($0.period)\($0.kind)" }.joined(separator: "、")
        payment.billIDs = bills.compactMap { $0.id?.uuidString }.joined(separator: ",")
        (payment.status, payment.createdAt, payment.paidAt) = (Payment.Status.paid.rawValue, now, now)
        payment.receiptNumber = Self.receiptNumber(now, order: payment.orderNumber)
        (payment.method, payment.collectedBy, payment.consent) = (method.rawValue, staff.realName, consent)
        let members = try await householdAccounts(community: code, household: household)
        let (id, ids, now) = (payment.id!, bills.compactMap(\.id), now)
        try await serializedTransaction(db, gate: gate) { db in
            try await payment.create(on: db)
            guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "payment.storage", "存储不支持") }
            // Paid online a moment ago by a relative: nothing is collected twice, the staff member is told which.
            let settled = try await sql.update(Bill.schema).set("paid_at", to: now).set("payment_id", to: id)
                .where("id", .in, SQLBind.group(ids)).where("paid_at", .is, SQLLiteral.null).returning("id").all()
            guard settled.count == ids.count else {
                throw AppError(.conflict, "bill.already_paid", "所选账单中有已缴清的，请刷新后重新勾选，不要重复收款")
            }
            for member in members {
                try await NotificationService(db: db, now: now).notify(
                    member, title: "社区已代收缴费",
                    body: "\(payer)在社区服务站以\(method.title)缴纳了\(payment.description)，共 \(BillMoney.yuan(payment.amountFen)) 元，经办人\(staff.realName)。",
                    link: PaymentURL.receipt(id), sms: true)
            }
        }
        logger.info("counter collection", metadata: ["community": .string(code), "payment": .string(id.uuidString), "by": .string(staff.realName)])
        return payment
    }

    /// The accounts of a household's living members, as 人口库 lists them.
    func householdAccounts(community: String, household: String) async throws -> [UUID] {
        let members = try await PopulationRecord.query(on: db).filter(\.$householdNumber == household).filter(\.$communityCode == community)
            .filter(\.$alive == true).all()
        guard !members.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$idNumberHash ~~ members.map(\.personHash)).all().compactMap(\.id)
    }
}

struct PaymentAddCounter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for field in ["method", "collected_by", "consent", "refund_reference", "refunded_by"] {
            try await database.schema(Payment.schema).field(.definition(name: .key(.string(field)), dataType: .string, constraints: [])).update()
        }
        try await database.schema(Payment.schema).field("refunded_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["method", "collected_by", "consent", "refund_reference", "refunded_by", "refunded_at"] {
            try await database.schema(Payment.schema).deleteField(.string(field)).update()
        }
    }
}
