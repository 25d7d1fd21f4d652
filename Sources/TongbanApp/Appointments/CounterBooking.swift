import Fluent
import Foundation
import SQLKit

/// 预约办事: a half-hour slot at a hall for one item. Shown as a code (and its QR code) at the hall's kiosk to take a
/// number that is called in its slot's order.
final class CounterBooking: Model, @unchecked Sendable {
    static let schema = "counter_bookings"

    enum Status: String, Codable, Sendable {
        case booked, cancelled, arrived
        case noShow = "no_show"

        var title: String {
            switch self {
            case .booked: "已预约"
            case .cancelled: "已取消"
            case .arrived: "已取号"
            case .noShow: "爽约"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "hall_id") var hallID: UUID
    @Field(key: "item_code") var itemCode: String
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "slot_start") var slotStart: Date
    @Field(key: "user_id") var userID: UUID
    @Field(key: "code") var code: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: Status { Status(rawValue: status) ?? .cancelled }
}

/// The places of one slot for one department's business at one hall: as many as the hall's windows serving it.
/// Made on first booking; `booked < capacity` in one conditional update is the guard against overbooking.
final class CounterSlot: Model, @unchecked Sendable {
    static let schema = "counter_slots"

    @ID(key: .id) var id: UUID?
    @Field(key: "hall_id") var hallID: UUID
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "slot_start") var slotStart: Date
    @Field(key: "capacity") var capacity: Int
    @Field(key: "booked") var booked: Int

    init() {}
}

struct CreateCounterBookings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CounterSlot.schema)
            .id()
            .field("hall_id", .uuid, .required, .references(ServiceHall.schema, .id))
            .field("department_code", .string, .required)
            .field("slot_start", .datetime, .required)
            .field("capacity", .int, .required)
            .field("booked", .int, .required)
            .unique(on: "hall_id", "department_code", "slot_start")
            .create()
        try await database.schema(CounterBooking.schema)
            .id()
            .field("hall_id", .uuid, .required, .references(ServiceHall.schema, .id))
            .field("item_code", .string, .required)
            .field("department_code", .string, .required)
            .field("slot_start", .datetime, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("code", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "counter_bookings_user_idx").on(CounterBooking.schema).column("user_id").column("status").run()
            try await sql.create(index: "counter_bookings_slot_idx").on(CounterBooking.schema).column("status").column("slot_start").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CounterBooking.schema).delete()
        try await database.schema(CounterSlot.schema).delete()
    }
}
