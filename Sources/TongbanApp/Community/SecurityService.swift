import Fluent
import Foundation
import TongbanCore
import Vapor

/// Doors and cameras: registered by the community's staff (the token shown once), asking whether to open for a card,
/// a visitor pass or a recognised resident, and raising alarms. Every question a door asks is kept with its answer.
struct SecurityService {
    let db: any Database
    let gate: WriteGate?
    let cipher: FieldCipher
    let now: Date

    struct DeviceInput: Content {
        var kind: String
        var label: String
    }

    struct Registered: Content {
        var id: UUID
        var kind: String
        var label: String
        /// Shown once: only its hash is kept.
        var token: String
    }

    func register(_ input: DeviceInput, community: String) async throws -> Registered {
        var problems: [String: String] = [:]
        let kind = SecurityDevice.Kind(rawValue: input.kind)
        if kind == nil { problems["kind"] = "请选择设备类型：door（门禁）、camera（摄像头）" }
        let label = input.label.trimmed
        if !(2...40).contains(label.count) { problems["label"] = "请写明安装位置（2–40字）" }
        guard problems.isEmpty, let kind else { throw AppError.invalid("security.invalid_device", "设备信息有误，请按提示修改", details: problems) }
        let token = "sec_" + Token.random()
        let device = SecurityDevice()
        (device.communityCode, device.kind, device.label, device.tokenHash, device.createdAt) = (community, kind.rawValue, label, Token.hash(token), now)
        try await serializedTransaction(db, gate: gate) { db in try await device.create(on: db) }
        return Registered(id: try device.requireID(), kind: kind.rawValue, label: label, token: token)
    }

    struct CardInput: Content {
        var residentIdNumber: String
        var cardNumber: String
    }

    /// A door card for a resident 人口库 registers in this community; a card number already in use is refused.
    func issueCard(_ input: CardInput, community: String) async throws -> ResidentCard {
        var problems: [String: String] = [:]
        let number = input.cardNumber.trimmed.uppercased()
        if number.range(of: "^[0-9A-F]{8,20}$", options: .regularExpression) == nil { problems["cardNumber"] = "卡号应为 8–20 位数字或 A–F 字母" }
        let resident = try await PopulationRecord.resident(input.residentIdNumber, of: community, db: db, cipher: cipher, problems: &problems)
        guard problems.isEmpty, let resident else { throw AppError.invalid("security.invalid_card", "门禁卡信息有误，请按提示修改", details: problems) }
        let card = ResidentCard()
        (card.communityCode, card.cardHash, card.residentID) = (community, Self.cardHash(number, cipher), try resident.requireID())
        (card.residentName, card.issuedAt) = (resident.name, now)
        do {
            try await serializedTransaction(db, gate: gate) { db in try await card.create(on: db) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError(.conflict, "security.card_in_use", "该卡号已登记，请先注销原卡")
        }
        return card
    }

    static func cardHash(_ number: String, _ cipher: FieldCipher) -> String { cipher.lookupHash("card:" + number) }

    /// The device behind a token, or 401: a door that cannot say who it is opens for nobody.
    func device(token: String?) async throws -> SecurityDevice {
        guard let token, !token.isEmpty,
              let device = try await SecurityDevice.query(on: db).filter(\.$tokenHash == Token.hash(token)).filter(\.$retiredAt == nil).first() else {
            throw AppError(.unauthorized, "device.unknown", "设备令牌无效或设备已停用")
        }
        return device
    }
}

extension Request {
    var security: SecurityService {
        SecurityService(db: db, gate: application.writeGate, cipher: application.fieldCipher, now: application.clock.now())
    }
}

extension PopulationRecord {
    /// The 人口库 record of an ID number registered in `community`; otherwise nil, with the reason under
    /// `residentIdNumber` in `problems` — what a community asks before it registers a device or a card for someone.
    static func resident(_ idNumber: String, of community: String, db: any Database, cipher: FieldCipher,
                         problems: inout [String: String]) async throws -> PopulationRecord? {
        switch ResidentID.result(idNumber.trimmed.uppercased()) {
        case .failure(let error):
            problems["residentIdNumber"] = error.message
            return nil
        case .success(let id):
            let record = try await PopulationRecord.query(on: db).filter(\.$personHash == cipher.lookupHash("rid:" + id.value)).first()
            guard let record, record.communityCode == community else {
                problems["residentIdNumber"] = "人口库中该居民不在本社区"
                return nil
            }
            return record
        }
    }
}
