import Fluent
import Foundation
import SQLKit

/// A sensor in an elderly resident's home (智能水表, 门磁, 紧急呼叫按钮): it reports with a token of its own, and its
/// silence or its button becomes an alarm for the community and a call to the family.
final class Device: Model, @unchecked Sendable {
    static let schema = "community_devices"

    enum Kind: String, Codable, CaseIterable, Sendable {
        case waterMeter = "water_meter", doorSensor = "door_sensor", emergencyButton = "emergency_button"

        var title: String {
            switch self {
            case .waterMeter: "智能水表"
            case .doorSensor: "门磁"
            case .emergencyButton: "紧急呼叫按钮"
            }
        }

        /// What each kind may report; a heartbeat says only "still here".
        var events: Set<String> {
            switch self {
            case .waterMeter: ["water_usage", "heartbeat"]
            case .doorSensor: ["door_opened", "heartbeat"]
            case .emergencyButton: ["button_pressed", "heartbeat"]
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    @Field(key: "kind") var kind: String
    /// Where it is, e.g. "厨房水表".
    @Field(key: "label") var label: String
    /// The resident it watches over (人口库 row) and their name as registered, for the alarm list.
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "resident_name") var residentName: String
    @Field(key: "family_name") var familyName: String
    @Field(key: "family_phone_cipher") var familyPhoneCipher: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?
    @OptionalField(key: "retired_at") var retiredAt: Date?

    init() {}

    var deviceKind: Kind? { Kind(rawValue: kind) }
}

/// What a device reported, kept as received.
final class DeviceEvent: Model, @unchecked Sendable {
    static let schema = "device_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "value") var value: Double?
    @Field(key: "at") var at: Date
    @Field(key: "received_at") var receivedAt: Date

    init() {}
}

/// 告警: an urgent task for the community, acknowledged and then closed with what was found.
final class Alarm: Model, @unchecked Sendable {
    static let schema = "community_alarms"

    @ID(key: .id) var id: UUID?
    @Field(key: "community_code") var communityCode: String
    @Field(key: "device_id") var deviceID: UUID
    /// `AlarmRules.Rule` raw value.
    @Field(key: "rule") var rule: String
    @Field(key: "urgent") var urgent: Bool
    @Field(key: "message") var message: String
    @Field(key: "raised_at") var raisedAt: Date
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by") var closedBy: String?
    @OptionalField(key: "outcome") var outcome: String?
    /// Set when nobody took an urgent alarm in time and it went to 12345 (`AlarmEscalation`), with that ticket's number.
    @OptionalField(key: "escalated_at") var escalatedAt: Date?
    @OptionalField(key: "ticket_number") var ticketNumber: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// The text to the family contact, through the SMS gateway (a voice gateway would take the same outbox row).
final class AlarmCall: Model, @unchecked Sendable {
    static let schema = "alarm_calls"

    @ID(key: .id) var id: UUID?
    @Field(key: "alarm_id") var alarmID: UUID
    @Field(key: "body") var body: String
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension AlarmCall: OutboundSMS {}

struct CreateDevices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Device.schema)
            .id()
            .field("community_code", .string, .required)
            .field("kind", .string, .required)
            .field("label", .string, .required)
            .field("resident_id", .uuid, .required)
            .field("resident_name", .string, .required)
            .field("family_name", .string, .required)
            .field("family_phone_cipher", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime)
            .field("retired_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(DeviceEvent.schema)
            .id()
            .field("device_id", .uuid, .required, .references(Device.schema, .id))
            .field("kind", .string, .required)
            .field("value", .double)
            .field("at", .datetime, .required)
            .field("received_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            // The watch asks, per device, when it last saw water used or the door opened.
            try await sql.create(index: "device_events_latest_idx").on(DeviceEvent.schema).column("device_id").column("kind").column("at").run()
        }
        try await database.schema(Alarm.schema)
            .id()
            .field("community_code", .string, .required)
            .field("device_id", .uuid, .required, .references(Device.schema, .id))
            .field("rule", .string, .required)
            .field("urgent", .bool, .required)
            .field("message", .string, .required)
            .field("raised_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .string)
            .field("closed_at", .datetime)
            .field("closed_by", .string)
            .field("outcome", .string)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(AlarmCall.schema)
            .id()
            .field("alarm_id", .uuid, .required, .references(Alarm.schema, .id))
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [AlarmCall.schema, Alarm.schema, DeviceEvent.schema, Device.schema] { try await database.schema(schema).delete() }
    }
}

struct AlarmAddEscalation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Alarm.schema).field("escalated_at", .datetime).update()
        try await database.schema(Alarm.schema).field("ticket_number", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Alarm.schema).deleteField("escalated_at").update()
        try await database.schema(Alarm.schema).deleteField("ticket_number").update()
    }
}
