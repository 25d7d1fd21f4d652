import Crypto
import Fluent
import Foundation
import Vapor

/// 异地代收代办: our window accepts a case another city decides, sends it there with its materials,
/// and shows the applicant every change that comes back.
struct FederationCases {
    let db: any Database
    let now: Date
    let context: FederationContext
    let uploads: UploadStore
    let cipher: FieldCipher

    static let forwardPath = "/api/v1/federation/inbox/cases"
    static let statusPath = "/api/v1/federation/inbox/case-status"

    // MARK: Accepting city

    /// Called after 受理: if the item is decided elsewhere, queue the case for that city and tell the applicant.
    @discardableResult
    func forwardIfCrossRegion(_ caseID: UUID) async throws -> Bool {
        guard let serviceCase = try await Case.find(caseID, on: db), let itemCode = serviceCase.itemCode,
              let item = try await FederationItem.query(on: db).filter(\.$itemCode == itemCode).first() else { return false }
        guard try await FederationCaseLink.query(on: db).filter(\.$caseID == caseID).count() == 0 else { return false }
        guard let peer = context.directory.peer(item.decidingCityCode) else {
            throw AppError(.conflict, "federation.peer_not_configured", "\(item.decidingCityName) 未配置为跨域通办的对方城市，无法转交")
        }
        let applicant = try await User.find(serviceCase.$applicant.id, on: db)
        var materials: [FederationMaterial] = []
        for material in try await CaseMaterial.query(on: db).filter(\.$serviceCase.$id == caseID).with(\.$upload).all() {
            // 免提交: shared data or an e-certificate stood in for it here; the peer learns which, not the data.
            guard let upload = material.upload else {
                materials.append(FederationMaterial(name: material.name, fileName: material.source, sha256: "", size: 0, content: nil))
                continue
            }
            materials.append(FederationMaterial(name: material.name, fileName: upload.fileName, sha256: upload.sha256, size: upload.size,
                                                content: try uploads.read(upload).base64EncodedString()))
        }
        let payload = FederationCasePayload(caseId: caseID, number: serviceCase.number, itemCode: itemCode, title: serviceCase.title,
                                            applicantName: applicant?.realName ?? "", form: serviceCase.form, materials: materials)
        try await db.transaction { db in
            let link = FederationCaseLink()
            (link.caseID, link.peerCode, link.peerName) = (caseID, peer.code, peer.name)
            (link.remoteState, link.updatedAt) = (FederationCaseState.forwarding.rawValue, now)
            try await link.create(on: db)
            try await CaseEvent(caseID: caseID, at: now, actorName: context.cityName, kind: "federation.forwarding",
                                message: "跨域通办：已转交\(peer.name)审批，等待对方受理；结果在本地窗口领取").create(on: db)
            try await NotificationService(db: db, now: now).notify(
                serviceCase.$applicant.id, title: "已转交\(peer.name)",
                body: "您的“\(serviceCase.title)”（\(serviceCase.number)）由\(peer.name)审批，已转交，等待对方受理。", link: CaseURL.mine(caseID), sms: false)
            try await FederationOutbox.enqueue(payload, to: peer, path: Self.forwardPath, reference: caseID.uuidString, on: db, now: now)
        }
        return true
    }

    /// A change reported by the deciding city: on the timeline, and to the applicant.
    func applyStatus(_ status: FederationStatusPayload, from peer: FederationPeer) async throws {
        guard let link = try await FederationCaseLink.query(on: db).filter(\.$caseID == status.caseId).first(),
              link.peerCode == peer.code else {
            throw AppError.notFound("转交的办件", code: "federation.case_not_found")
        }
        // The same report delivered twice (an answer lost on the way back) changes nothing the second time.
        if link.remoteState == status.state.rawValue, link.remoteNote == status.note { return }
        guard let serviceCase = try await Case.find(status.caseId, on: db) else { throw AppError.notFound("办件", code: "case.not_found") }
        let note = status.note.map { $0.isEmpty ? "" : "：\($0)" } ?? ""
        try await db.transaction { db in
            (link.remoteState, link.remoteNumber, link.remoteNote, link.updatedAt) = (status.state.rawValue, status.remoteNumber, status.note, now)
            try await link.save(on: db)
            try await CaseEvent(caseID: status.caseId, at: now, actorName: peer.name, kind: "federation.\(status.state.rawValue)",
                                message: "\(peer.name)：\(status.state.title)\(note)").create(on: db)
            try await NotificationService(db: db, now: now).notify(
                serviceCase.$applicant.id, title: "\(peer.name)：\(status.state.title)",
                body: "您的“\(serviceCase.title)”（\(serviceCase.number)）\(status.state.title)\(note)。", link: CaseURL.mine(status.caseId),
                sms: [.supplement, .approved, .rejected, .concluded].contains(status.state))
        }
    }

    // MARK: Deciding city

    /// A case another city accepted for us; a repeat of the same case returns what we already have.
    func receive(_ payload: FederationCasePayload, from peer: FederationPeer, departmentCode: String?) async throws -> FederationInboundCase {
        if let existing = try await FederationInboundCase.query(on: db).filter(\.$originCode == peer.code)
            .filter(\.$originCaseID == payload.caseId).first() { return existing }
        var stored: [FederationMaterial] = []
        for material in payload.materials {
            if material.content == nil, material.sha256.isEmpty {
                stored.append(material)
                continue
            }
            guard let content = material.content.flatMap({ Data(base64Encoded: $0) }) else {
                throw AppError.invalid("federation.material_invalid", "材料“\(material.name)”的内容无法读取")
            }
            let hash = SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined()
            guard hash == material.sha256 else {
                throw AppError.invalid("federation.material_hash", "材料“\(material.name)”与其摘要不符，可能在传输中损坏")
            }
            try uploads.store(content, sha256: hash)
            stored.append(FederationMaterial(name: material.name, fileName: material.fileName, sha256: hash, size: content.count, content: nil))
        }
        let inbound = FederationInboundCase()
        (inbound.originCode, inbound.originName, inbound.originCaseID, inbound.originNumber) = (peer.code, peer.name, payload.caseId, payload.number)
        (inbound.itemCode, inbound.title, inbound.departmentCode) = (payload.itemCode, payload.title, departmentCode)
        inbound.applicantSealed = try cipher.seal(payload.applicantName)
        inbound.formSealed = try cipher.seal(String(decoding: try JSONEncoder().encode(payload.form), as: UTF8.self))
        inbound.materialsJSON = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        (inbound.state, inbound.receivedAt, inbound.updatedAt) = (FederationCaseState.received.rawValue, now, now)
        try await db.transaction { db in
            try await inbound.create(on: db)
            try await FederationOutbox.enqueue(try status(inbound, note: nil), to: peer, path: Self.statusPath,
                                               reference: payload.caseId.uuidString, on: db, now: now)
        }
        return inbound
    }

    /// A reviewer's decision; the accepting city hears of it through the outbox.
    func decide(_ id: UUID, decision: String, note: String?, by principal: Principal) async throws -> FederationInboundCase {
        guard let inbound = try await FederationInboundCase.find(id, on: db) else { throw AppError.notFound("跨域办件", code: "federation.case_not_found") }
        try Self.authorize(principal, inbound)
        let current = FederationCaseState(rawValue: inbound.state) ?? .received
        guard let next = current.after(decision) else {
            throw AppError(.conflict, "federation.invalid_decision", "当前状态“\(current.title)”下不能执行该操作")
        }
        if [.supplement, .rejected].contains(next), (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw AppError.invalid("federation.note_required", next == .supplement ? "请写明需补正的材料" : "请写明不予许可的理由")
        }
        guard let peer = context.directory.peer(inbound.originCode) else {
            throw AppError(.conflict, "federation.peer_not_configured", "来件城市 \(inbound.originName) 已不在跨域通办配置中，无法回传")
        }
        (inbound.state, inbound.note, inbound.updatedAt) = (next.rawValue, note.map { String($0.prefix(500)) }, now)
        try await db.transaction { db in
            try await inbound.save(on: db)
            try await FederationOutbox.enqueue(try status(inbound, note: inbound.note), to: peer, path: Self.statusPath,
                                               reference: inbound.originCaseID.uuidString, on: db, now: now)
        }
        return inbound
    }

    static func authorize(_ principal: Principal, _ inbound: FederationInboundCase) throws {
        if principal.isAdmin || principal.has(.clerk) { return }
        guard let department = inbound.departmentCode, principal.has(.reviewer, inDepartment: department) else { throw AppError.forbidden }
    }

    private func status(_ inbound: FederationInboundCase, note: String?) throws -> FederationStatusPayload {
        FederationStatusPayload(caseId: inbound.originCaseID, state: FederationCaseState(rawValue: inbound.state) ?? .received,
                                remoteNumber: Self.number(try inbound.requireID(), city: context.cityCode), note: note)
    }

    /// Our number for a case received from elsewhere: city code and the start of its id.
    static func number(_ id: UUID, city: String) -> String { "KY\(city)-" + id.uuidString.prefix(8) }
}

extension UploadStore {
    /// Keeps a file received from another city under its hash, as an upload of our own would be.
    func store(_ data: Data, sha256 hash: String) throws {
        let folder = "\(directory)/\(hash.prefix(2))"
        let path = "\(folder)/\(hash)"
        guard !FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".tmp-" + UUID().uuidString
        try data.write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }
}

extension Request {
    var federationCases: FederationCases {
        FederationCases(db: db, now: application.clock.now(), context: application.federation, uploads: application.uploadStore,
                        cipher: application.fieldCipher)
    }
}
