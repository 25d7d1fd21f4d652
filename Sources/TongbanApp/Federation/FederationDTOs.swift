import Foundation
import TongbanCore
import Vapor

struct FederationPeerView: Content { var code: String; var name: String }

struct FederationIdentityView: Content {
    var cityCode: String
    var cityName: String
    var algorithm: String
    var publicKey: String
    var ledgerPublicKey: String
    var windowSeconds: Int
    var peers: [FederationPeerView]
}

/// 跨域通办事项: accepted at our windows, decided by `decidingCityName`.
struct FederationItemView: Content {
    var itemCode: String
    var itemName: String
    var departmentName: String?
    var decidingCityCode: String
    var decidingCityName: String
    var acceptedHere: Bool
    var note: String?
}

struct FederationItemInput: Content {
    var decidingCityCode: String
    var note: String?
}

struct FederationDecisionInput: Content {
    var decision: String
    var note: String?
}

struct FederationInboundView: Content {
    var id: UUID
    var number: String
    var originCityName: String
    var originNumber: String
    var itemCode: String
    var title: String
    var departmentCode: String?
    var applicantName: String
    var form: [String: String]
    var materials: [FederationMaterial]
    var state: String
    var stateTitle: String
    var note: String?
    /// When the applicant's 补正 files arrived; the reviewer resumes the case (accept) after reading them.
    var supplementedAt: Date?
    var receivedAt: Date
    /// From 受理 on this city's calendar (paused during 补正); nil before 受理.
    var deadline: Date?
    var deadlineStatus: String?
    var deadlineStatusTitle: String?

    init(_ inbound: FederationInboundCase, cipher: FieldCipher, city: String, calendar: WorkdayCalendar, now: Date) throws {
        id = try inbound.requireID()
        number = FederationCases.number(id, city: city)
        originCityName = inbound.originName
        originNumber = inbound.originNumber
        itemCode = inbound.itemCode
        title = inbound.title
        departmentCode = inbound.departmentCode
        applicantName = try cipher.open(inbound.applicantSealed)
        form = (try? JSONDecoder().decode([String: String].self, from: Data(try cipher.open(inbound.formSealed).utf8))) ?? [:]
        materials = inbound.materials
        state = inbound.state
        stateTitle = FederationCaseState(rawValue: inbound.state)?.title ?? inbound.state
        note = inbound.note
        supplementedAt = inbound.supplementedAt
        receivedAt = inbound.receivedAt
        if let clock = inbound.clock(calendar: calendar) {
            deadline = try? clock.deadline(now: now)
            let status = try? clock.status(now: now)
            (deadlineStatus, deadlineStatusTitle) = (status?.rawValue, status?.title)
        }
    }
}

struct FederationMessageView: Content {
    var id: UUID?
    var direction: String
    var peerCode: String
    var path: String
    var nonce: String?
    var outcome: String
    var reference: String?
    var detail: String?
    var attempts: Int
    var createdAt: Date
    var updatedAt: Date

    init(_ message: FederationMessage) {
        (id, direction, peerCode, path, nonce) = (message.id, message.direction, message.peerCode, message.path, message.nonce)
        (outcome, reference, detail, attempts) = (message.outcome, message.reference, message.detail, message.attempts)
        (createdAt, updatedAt) = (message.createdAt, message.updatedAt)
    }
}
