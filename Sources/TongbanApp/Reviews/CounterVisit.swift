import Fluent
import Foundation
import SQLKit

/// 窗口服务记录: one visit served at a counter, recorded by the clerk who served it, so the visitor can rate it
/// (好差评 covers every window as well as every online service). The queue (取号/叫号) records one when a number is
/// served; until then the clerk records it from the workbench.
final class CounterVisit: Model, @unchecked Sendable {
    static let schema = "counter_visits"

    @ID(key: .id) var id: UUID?
    @Field(key: "visitor_id") var visitorID: UUID
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "item_code") var itemCode: String
    @Field(key: "item_name") var itemName: String
    /// Where: the hall and window, as the clerk names it ("市政务服务中心 3号窗口").
    @Field(key: "window") var window: String
    @Field(key: "district_code") var districtCode: String
    @Field(key: "clerk_name") var clerkName: String
    @Field(key: "served_at") var servedAt: Date

    init() {}
}

struct CreateCounterVisits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CounterVisit.schema)
            .id()
            .field("visitor_id", .uuid, .required, .references(User.schema, .id))
            .field("department_code", .string, .required)
            .field("item_code", .string, .required)
            .field("item_name", .string, .required)
            .field("window", .string, .required)
            .field("district_code", .string, .required)
            .field("clerk_name", .string, .required)
            .field("served_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "counter_visits_visitor_idx").on(CounterVisit.schema).column("visitor_id").column("served_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CounterVisit.schema).delete()
    }
}
