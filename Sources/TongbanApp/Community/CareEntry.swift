import Fluent
import Foundation
import SQLKit

/// One person on a community's 关爱名单: why they are on it, how often they are visited and by whom.
/// Entries are closed with a reason when the person no longer qualifies, never deleted, so the community's
/// record of whom it looked after (and the visits made) stays whole.
final class CareEntry: Model, @unchecked Sendable {
    static let schema = "care_entries"

    enum Level: String, CaseIterable, Codable, Sendable {
        case high = "高", medium = "中", low = "低"

        /// Days between visits: 高 weekly, 中 every two weeks, 低 monthly.
        var intervalDays: Int {
            switch self {
            case .high: 7
            case .medium: 14
            case .low: 30
            }
        }

        var frequency: String {
            switch self {
            case .high: "每周一次"
            case .medium: "每两周一次"
            case .low: "每月一次"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    /// The keyed hash of the ID number, as 人口库 knows the person.
    @Field(key: "person_hash") var personHash: String
    @Field(key: "id_number_cipher") var idNumberCipher: String
    @Field(key: "name") var name: String
    @Field(key: "address_cipher") var addressCipher: String
    @Field(key: "birth_date") var birthDate: String
    /// 独居, 空巢 and/or 残疾, comma-separated.
    @Field(key: "reasons") var reasons: String
    @OptionalField(key: "disability_level") var disabilityLevel: String?
    @Field(key: "level") var level: String
    @OptionalField(key: "visitor_id") var visitorID: UUID?
    @OptionalField(key: "visitor_name") var visitorName: String?
    /// The Beijing day by which the next visit is due (yyyy-MM-dd).
    @Field(key: "next_due_on") var nextDueOn: String
    @OptionalField(key: "last_visit_at") var lastVisitAt: Date?
    /// The due day the visitor was last told they missed, so each missed visit is told once.
    @OptionalField(key: "missed_notified_due") var missedNotifiedDue: String?
    @Field(key: "added_at") var addedAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_reason") var closedReason: String?

    init() {}

    var careLevel: Level { Level(rawValue: level) ?? .medium }
    var reasonList: [String] { reasons.split(separator: ",").map(String.init) }
}

/// A visit to someone on the care list, as recorded on the visitor's phone.
final class CareVisit: Model, @unchecked Sendable {
    static let schema = "care_visits"

    @ID(key: .id) var id: UUID?
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "visitor_id") var visitorID: UUID
    @Field(key: "visitor_name") var visitorName: String
    @Field(key: "visited_at") var visitedAt: Date
    /// Whether the visitor saw the person (not at home, in hospital … are visits too, and say so).
    @Field(key: "met") var met: Bool
    @Field(key: "findings") var findings: String
    @OptionalField(key: "systolic") var systolic: Int?
    @OptionalField(key: "diastolic") var diastolic: Int?
    @OptionalField(key: "heart_rate") var heartRate: Int?
    /// mmol/L.
    @OptionalField(key: "blood_sugar") var bloodSugar: Double?
    /// Needs raised (助餐, 维修 …), comma-separated, and the 12345 tickets filed for them.
    @Field(key: "needs") var needs: String
    @OptionalField(key: "need_note") var needNote: String?
    @Field(key: "ticket_numbers") var ticketNumbers: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

struct CreateCare: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CareEntry.schema)
            .id()
            .field("community_code", .string, .required)
            .field("person_hash", .string, .required)
            .field("id_number_cipher", .string, .required)
            .field("name", .string, .required)
            .field("address_cipher", .string, .required)
            .field("birth_date", .string, .required)
            .field("reasons", .string, .required)
            .field("disability_level", .string)
            .field("level", .string, .required)
            .field("visitor_id", .uuid, .references(User.schema, .id))
            .field("visitor_name", .string)
            .field("next_due_on", .string, .required)
            .field("last_visit_at", .datetime)
            .field("missed_notified_due", .string)
            .field("added_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("closed_reason", .string)
            .create()
        try await database.schema(CareVisit.schema)
            .id()
            .field("entry_id", .uuid, .required, .references(CareEntry.schema, .id))
            .field("visitor_id", .uuid, .required, .references(User.schema, .id))
            .field("visitor_name", .string, .required)
            .field("visited_at", .datetime, .required)
            .field("met", .bool, .required)
            .field("findings", .string, .required)
            .field("systolic", .int)
            .field("diastolic", .int)
            .field("heart_rate", .int)
            .field("blood_sugar", .double)
            .field("needs", .string, .required)
            .field("need_note", .string)
            .field("ticket_numbers", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "care_entries_community_idx").on(CareEntry.schema).column("community_code").column("closed_at").run()
            try await sql.create(index: "care_entries_due_idx").on(CareEntry.schema).column("next_due_on").run()
            try await sql.create(index: "care_visits_entry_idx").on(CareVisit.schema).column("entry_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CareVisit.schema).delete()
        try await database.schema(CareEntry.schema).delete()
    }
}
