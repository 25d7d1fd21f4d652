import Fluent
import Foundation
import SQLKit

/// 政务服务中心 of the city and of each district: halls with numbered windows, each window serving some departments'
/// items (none listed: a 综合受理 window, serving every item). From `Resources/seed/halls.json`.
final class ServiceHall: Model, @unchecked Sendable {
    static let schema = "service_halls"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "district_code") var districtCode: String
    @Field(key: "address") var address: String
    @Field(key: "hours") var hours: String

    init() {}
}

final class HallWindow: Model, @unchecked Sendable {
    static let schema = "hall_windows"

    @ID(key: .id) var id: UUID?
    @Field(key: "hall_id") var hallID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "name") var name: String
    /// Department codes, comma-separated; empty for a 综合受理 window.
    @Field(key: "departments") var departments: String

    init() {}

    var departmentCodes: Set<String> { Set(departments.split(separator: ",").map(String.init)) }
    func serves(_ department: String) -> Bool { departments.isEmpty || departmentCodes.contains(department) }
}

/// 排队号: a number taken in a hall for one department's business, called to a window, then served or passed.
/// Its times are the waiting-time record (取号 → 叫号 → 办结).
final class QueueTicket: Model, @unchecked Sendable {
    static let schema = "queue_tickets"

    enum Status: String, Codable, Sendable {
        case waiting, called, served, skipped

        var title: String {
            switch self {
            case .waiting: "等候中"
            case .called: "请到窗口"
            case .served: "已办理"
            case .skipped: "已过号"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "hall_id") var hallID: UUID
    /// Beijing date: numbers start again each day.
    @Field(key: "day") var day: String
    /// "A012" (普通), "V003" (绿色通道), "B007" (预约).
    @Field(key: "number") var number: String
    @Field(key: "department_code") var departmentCode: String
    @OptionalField(key: "item_code") var itemCode: String?
    @OptionalField(key: "priority_reason") var priorityReason: String?
    @OptionalField(key: "appointment_at") var appointmentAt: Date?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "issued_at") var issuedAt: Date
    @OptionalField(key: "called_at") var calledAt: Date?
    @OptionalField(key: "window_number") var windowNumber: Int?
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    var state: Status { Status(rawValue: status) ?? .waiting }
}

struct CreateServiceHalls: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ServiceHall.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("district_code", .string, .required)
            .field("address", .string, .required)
            .field("hours", .string, .required)
            .unique(on: "code")
            .create()
        try await database.schema(HallWindow.schema)
            .id()
            .field("hall_id", .uuid, .required, .references(ServiceHall.schema, .id))
            .field("number", .int, .required)
            .field("name", .string, .required)
            .field("departments", .string, .required)
            .unique(on: "hall_id", "number")
            .create()
        try await database.schema(QueueTicket.schema)
            .id()
            .field("hall_id", .uuid, .required, .references(ServiceHall.schema, .id))
            .field("day", .string, .required)
            .field("number", .string, .required)
            .field("department_code", .string, .required)
            .field("item_code", .string)
            .field("priority_reason", .string)
            .field("appointment_at", .datetime)
            .field("user_id", .uuid)
            .field("status", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("called_at", .datetime)
            .field("window_number", .int)
            .field("finished_at", .datetime)
            // Two kiosks issuing at once cannot hand out the same number.
            .unique(on: "hall_id", "day", "number")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "queue_tickets_waiting_idx").on(QueueTicket.schema).column("hall_id").column("day").column("status").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [QueueTicket.schema, HallWindow.schema, ServiceHall.schema] { try await database.schema(schema).delete() }
    }
}

enum HallSeed {
    struct File: Decodable {
        struct Hall: Decodable {
            var code: String
            var name: String
            var district: String
            var address: String
            var hours: String
            var windows: [Window]
        }
        struct Window: Decodable {
            var number: Int
            var name: String
            var departments: [String]
        }
        var halls: [Hall]
    }

    static func load(on db: any Database) async throws -> Bool {
        guard try await ServiceHall.query(on: db).count() == 0 else { return false }
        guard let url = Bundle.module.url(forResource: "halls", withExtension: "json", subdirectory: "Resources/seed") else {
            throw AppError(.internalServerError, "seed.missing", "缺少政务服务中心数据 halls.json")
        }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        try await db.transaction { db in
            for entry in file.halls {
                let hall = ServiceHall()
                (hall.code, hall.name, hall.districtCode, hall.address, hall.hours) = (entry.code, entry.name, entry.district, entry.address, entry.hours)
                try await hall.create(on: db)
                for item in entry.windows {
                    let window = HallWindow()
                    (window.hallID, window.number, window.name, window.departments) = (try hall.requireID(), item.number, item.name,
                                                                                       item.departments.joined(separator: ","))
                    try await window.create(on: db)
                }
            }
        }
        return true
    }
}
