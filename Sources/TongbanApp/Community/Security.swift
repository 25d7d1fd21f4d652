import Fluent
import Foundation
import SQLKit

/// Community security (社区安防): door access readers (门禁) and cameras at a community's gates and buildings. They
/// report with a token of their own, like the sensors in elderly residents' homes, but belong to the community, not
/// to a resident. Face recognition itself is the camera maker's: a device that has it sends the resident it recognised.
final class SecurityDevice: Model, @unchecked Sendable {
    static let schema = "security_devices"

    enum Kind: String, Codable, CaseIterable, Sendable {
        case door, camera

        var title: String {
            switch self {
            case .door: "门禁"
            case .camera: "摄像头"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    @Field(key: "kind") var kind: String
    /// Where it is, e.g. "东门" or "3号楼单元门".
    @Field(key: "label") var label: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?
    @OptionalField(key: "retired_at") var retiredAt: Date?

    init() {}

    var deviceKind: Kind? { Kind(rawValue: kind) }
}

/// A resident's door card (门禁卡), issued by the community to someone 人口库 registers there; the card number is kept
/// only as a keyed hash, so a stolen table does not clone cards.
final class ResidentCard: Model, @unchecked Sendable {
    static let schema = "resident_cards"

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    @Field(key: "card_hash") var cardHash: String
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "resident_name") var residentName: String
    @Field(key: "issued_at") var issuedAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}

/// 访客通行证: a resident lets a named visitor in for a window of at most a day (`VisitorPassRules`); the door reads
/// its code from the QR code on the visitor's phone.
final class VisitorPass: Model, @unchecked Sendable {
    static let schema = "visitor_passes"

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    @Field(key: "host_id") var hostID: UUID
    @Field(key: "host_name") var hostName: String
    @Field(key: "visitor_name") var visitorName: String
    @Field(key: "code") var code: String
    @Field(key: "valid_from") var validFrom: Date
    @Field(key: "valid_until") var validUntil: Date
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Field(key: "entries") var entries: Int

    init() {}
}

/// Every time a door was asked to open, and what it was told: the day's entries for the staff, the refusals too.
final class AccessEvent: Model, @unchecked Sendable {
    static let schema = "access_events"

    enum Method: String, Codable, CaseIterable, Sendable {
        case card, visitorPass = "visitor_pass", recognized

        var title: String {
            switch self {
            case .card: "门禁卡"
            case .visitorPass: "访客通行证"
            case .recognized: "人脸识别"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "method") var method: String
    @Field(key: "allowed") var allowed: Bool
    @Field(key: "reason") var reason: String
    /// Who it was, as far as the door knows: a resident's masked name, or the visitor and whom they visit.
    @Field(key: "subject") var subject: String
    @OptionalField(key: "pass_id") var passID: UUID?
    @Field(key: "at") var at: Date

    init() {}
}

/// 安防告警 from a door or camera: a forced door, someone loitering, a blocked fire passage.
final class SecurityAlarm: Model, @unchecked Sendable {
    static let schema = "security_alarms"

    enum Kind: String, Codable, CaseIterable, Sendable {
        case forcedDoor = "forced_door", loitering, firePassageBlocked = "fire_passage_blocked"

        var title: String {
            switch self {
            case .forcedDoor: "门被强行打开"
            case .loitering: "可疑人员徘徊"
            case .firePassageBlocked: "消防通道被占用"
            }
        }

        /// A forced door is someone getting in now: staff are texted, not only told in the app.
        var urgent: Bool { self == .forcedDoor }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "message") var message: String
    @Field(key: "raised_at") var raisedAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by") var closedBy: String?
    @OptionalField(key: "outcome") var outcome: String?
    /// Set when a forced door was left open too long and went to 12345 (`SecurityAlarmEscalation`).
    @OptionalField(key: "escalated_at") var escalatedAt: Date?
    @OptionalField(key: "ticket_number") var ticketNumber: String?

    init() {}
}

struct CreateCommunitySecurity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SecurityDevice.schema)
            .id()
            .field("community_code", .string, .required)
            .field("kind", .string, .required)
            .field("label", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime)
            .field("retired_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(ResidentCard.schema)
            .id()
            .field("community_code", .string, .required)
            .field("card_hash", .string, .required)
            .field("resident_id", .uuid, .required)
            .field("resident_name", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "card_hash")
            .create()
        try await database.schema(VisitorPass.schema)
            .id()
            .field("community_code", .string, .required)
            .field("host_id", .uuid, .required)
            .field("host_name", .string, .required)
            .field("visitor_name", .string, .required)
            .field("code", .string, .required)
            .field("valid_from", .datetime, .required)
            .field("valid_until", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("entries", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(AccessEvent.schema)
            .id()
            .field("community_code", .string, .required)
            .field("device_id", .uuid, .required, .references(SecurityDevice.schema, .id))
            .field("method", .string, .required)
            .field("allowed", .bool, .required)
            .field("reason", .string, .required)
            .field("subject", .string, .required)
            .field("pass_id", .uuid)
            .field("at", .datetime, .required)
            .create()
        try await database.schema(SecurityAlarm.schema)
            .id()
            .field("community_code", .string, .required)
            .field("device_id", .uuid, .required, .references(SecurityDevice.schema, .id))
            .field("kind", .string, .required)
            .field("message", .string, .required)
            .field("raised_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("closed_by", .string)
            .field("outcome", .string)
            .create()
        if let sql = database as? any SQLDatabase {
            // The staff's list of the day's entries.
            try await sql.create(index: "access_events_day_idx").on(AccessEvent.schema).column("community_code").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [SecurityAlarm.schema, AccessEvent.schema, VisitorPass.schema, ResidentCard.schema, SecurityDevice.schema] {
            try await database.schema(schema).delete()
        }
    }
}
