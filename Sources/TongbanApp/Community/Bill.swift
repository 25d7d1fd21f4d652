import Fluent
import Foundation
import SQLKit

/// 物业费, 水费 …: one household's charge for one period. Money in fen. Overdue (逾期) is not stored: a bill is overdue
/// when it is unpaid and its due date has passed, so it can never disagree with the calendar.
final class Bill: Model, @unchecked Sendable {
    static let schema = "community_bills"

    static let kinds = ["物业费", "水费", "电费", "燃气费", "停车费", "垃圾处理费"]

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    /// 人口库's 户号: the household pays, whoever of it signs in.
    @Field(key: "household_number") var householdNumber: String
    @OptionalField(key: "building") var building: String?
    @Field(key: "kind") var kind: String
    /// As people say it: 2026年11月, 2026年第4季度.
    @Field(key: "period") var period: String
    @Field(key: "amount_fen") var amountFen: Int
    /// Last day to pay (Beijing), YYYY-MM-DD.
    @Field(key: "due_on") var dueOn: String
    @Field(key: "issued_by") var issuedBy: UUID
    @Field(key: "issued_by_name") var issuedByName: String
    @Field(key: "issued_at") var issuedAt: Date
    @OptionalField(key: "paid_at") var paidAt: Date?
    @OptionalField(key: "payment_id") var paymentID: UUID?
    /// When the household was told the due date is near, and when that it has passed: once each.
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    @OptionalField(key: "overdue_notified_at") var overdueNotifiedAt: Date?

    init() {}

    func isOverdue(today: String) -> Bool { paidAt == nil && dueOn < today }

    func status(today: String) -> String { paidAt != nil ? "已缴" : isOverdue(today: today) ? "逾期" : "待缴" }
}

/// One attempt to pay one or several bills of a household through the payment provider.
final class Payment: Model, @unchecked Sendable {
    static let schema = "community_payments"

    enum Status: String, Codable, Sendable {
        case pending, paid, cancelled
        /// The provider took the money, but another payment had already settled a bill: the money goes back.
        case refundDue = "refund_due"
        /// That money returned.
        case refunded

        var title: String {
            switch self {
            case .pending: "待支付"
            case .paid: "已支付"
            case .cancelled: "已取消"
            case .refundDue: "重复支付，待退款"
            case .refunded: "重复支付，已退款"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    /// Our order number, sent to the provider and echoed in its callback.
    @Field(key: "order_number") var orderNumber: String
    @Field(key: "provider") var provider: String
    /// The provider's own transaction number, known once it confirms.
    @OptionalField(key: "provider_order") var providerOrder: String?
    @Field(key: "community_code") var communityCode: String
    @Field(key: "household_number") var householdNumber: String
    @Field(key: "payer_id") var payerID: UUID
    @Field(key: "payer_name") var payerName: String
    @Field(key: "amount_fen") var amountFen: Int
    @Field(key: "description") var description: String
    /// The bills paid, comma-separated ids.
    @Field(key: "bill_ids") var billIDs: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "paid_at") var paidAt: Date?
    @OptionalField(key: "receipt_number") var receiptNumber: String?
    /// 社区代收 (`CounterCollection`): how it was paid at the station, who took it, and how the person asked.
    @OptionalField(key: "method") var method: String?
    @OptionalField(key: "collected_by") var collectedBy: String?
    @OptionalField(key: "consent") var consent: String?
    /// A duplicate payment returned through the provider (`PaymentRefund`).
    @OptionalField(key: "refunded_at") var refundedAt: Date?
    @OptionalField(key: "refund_reference") var refundReference: String?
    @OptionalField(key: "refunded_by") var refundedBy: String?

    init() {}

    var bills: [UUID] { billIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    var state: Status { Status(rawValue: status) ?? .pending }
}

struct CreateBills: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Bill.schema)
            .id()
            .field("community_code", .string, .required)
            .field("household_number", .string, .required)
            .field("building", .string)
            .field("kind", .string, .required)
            .field("period", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("due_on", .string, .required)
            .field("issued_by", .uuid, .required)
            .field("issued_by_name", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("paid_at", .datetime)
            .field("payment_id", .uuid)
            .field("reminded_at", .datetime)
            .field("overdue_notified_at", .datetime)
            // One household is charged once for a kind and period, however often staff press the button.
            .unique(on: "community_code", "household_number", "kind", "period")
            .create()
        try await database.schema(Payment.schema)
            .id()
            .field("order_number", .string, .required)
            .field("provider", .string, .required)
            .field("provider_order", .string)
            .field("community_code", .string, .required)
            .field("household_number", .string, .required)
            .field("payer_id", .uuid, .required, .references(User.schema, .id))
            .field("payer_name", .string, .required)
            .field("amount_fen", .int64, .required)
            .field("description", .string, .required)
            .field("bill_ids", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("paid_at", .datetime)
            .field("receipt_number", .string)
            .unique(on: "order_number")
            .unique(on: "receipt_number")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "community_bills_household_idx").on(Bill.schema).column("household_number").run()
            try await sql.create(index: "community_bills_due_idx").on(Bill.schema).column("due_on").column("paid_at").run()
            try await sql.create(index: "community_payments_household_idx").on(Payment.schema).column("household_number").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Payment.schema).delete()
        try await database.schema(Bill.schema).delete()
    }
}
