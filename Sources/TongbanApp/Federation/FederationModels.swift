import Fluent
import Foundation
import TongbanCore

/// One request between cities, in either direction, with what became of it. Both sides keep one, so a
/// dispute ("we sent it" / "we never got it") is settled by comparing the two logs.
final class FederationMessage: Model, @unchecked Sendable {
    static let schema = "federation_messages"

    enum Direction: String { case incoming = "in", outgoing = "out" }

    /// Outgoing outcomes; incoming ones are `FederationVerdict` raw values.
    enum Outcome: String {
        case queued, delivered, retrying
        case refusedByPeer = "refused-by-peer"
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "direction") var direction: String
    @Field(key: "peer_code") var peerCode: String
    @Field(key: "path") var path: String
    @OptionalField(key: "nonce") var nonce: String?
    @Field(key: "outcome") var outcome: String
    /// The case or ticket the message is about, for reading the log from there.
    @OptionalField(key: "reference") var reference: String?
    @OptionalField(key: "detail") var detail: String?
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(direction: Direction, peerCode: String, path: String, nonce: String?, outcome: String, reference: String?, detail: String?, at: Date) {
        self.direction = direction.rawValue
        self.peerCode = peerCode
        self.path = path
        self.nonce = nonce
        self.outcome = outcome
        self.reference = reference
        self.detail = detail.map { String($0.prefix(500)) }
        attempts = 0
        createdAt = at
        updatedAt = at
    }
}

/// 跨域通办事项: an item of our catalogue that is decided by another city's departments.
final class FederationItem: Model, @unchecked Sendable {
    static let schema = "federation_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_code") var itemCode: String
    @Field(key: "deciding_city_code") var decidingCityCode: String
    @Field(key: "deciding_city_name") var decidingCityName: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// On the accepting city's side: a case of ours that another city decides, and what it last told us.
final class FederationCaseLink: Model, @unchecked Sendable {
    static let schema = "federation_case_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "peer_code") var peerCode: String
    @Field(key: "peer_name") var peerName: String
    /// `FederationCaseState` raw value; `forwarding` until the peer has acknowledged.
    @Field(key: "remote_state") var remoteState: String
    @OptionalField(key: "remote_number") var remoteNumber: String?
    @OptionalField(key: "remote_note") var remoteNote: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// On the deciding city's side: a case another city accepted for us, in our reviewers' queue.
final class FederationInboundCase: Model, @unchecked Sendable {
    static let schema = "federation_inbound_cases"

    @ID(key: .id) var id: UUID?
    @Field(key: "origin_code") var originCode: String
    @Field(key: "origin_name") var originName: String
    @Field(key: "origin_case_id") var originCaseID: UUID
    @Field(key: "origin_number") var originNumber: String
    @Field(key: "item_code") var itemCode: String
    @Field(key: "title") var title: String
    @OptionalField(key: "department_code") var departmentCode: String?
    /// The applicant's name and form answers, sealed with our field key: the form carries ID numbers.
    @Field(key: "applicant_sealed") var applicantSealed: String
    @Field(key: "form_sealed") var formSealed: String
    /// `[FederationMaterial]` as JSON: names and hashes; the files sit in our upload store.
    @Field(key: "materials") var materialsJSON: String
    @Field(key: "state") var state: String
    @OptionalField(key: "note") var note: String?
    /// When the applicant's 补正 files last arrived; the reviewer resumes the case after reading them.
    @OptionalField(key: "supplemented_at") var supplementedAt: Date?
    /// The deciding city's own clock: from 受理, the item's promised working days here, paused while 补正 is owed,
    /// stopped at the decision.
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "limit_days") var limitDays: Int?
    @OptionalField(key: "pauses") var pausesJSON: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var materials: [FederationMaterial] {
        get { (try? JSONDecoder().decode([FederationMaterial].self, from: Data(materialsJSON.utf8))) ?? [] }
        set { materialsJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }

    var pauses: [Pause] {
        get { pausesJSON.flatMap { try? JSONDecoder.iso.decode([Pause].self, from: Data($0.utf8)) } ?? [] }
        set { pausesJSON = String(decoding: (try? JSONEncoder.iso.encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }
}

/// Replay protection shared by every instance: a (sender, nonce) pair can be inserted once.
final class FederationNonce: Model, @unchecked Sendable {
    static let schema = "federation_nonces"

    @ID(key: .id) var id: UUID?
    @Field(key: "sender") var sender: String
    @Field(key: "nonce") var nonce: String
    @Field(key: "seen_at") var seenAt: Date

    init() {}
}
