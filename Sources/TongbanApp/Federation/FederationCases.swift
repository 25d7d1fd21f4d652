import Crypto
import Fluent
import Foundation
import TongbanCore
import Vapor

/// 异地代收代办: our window accepts a case another city decides, sends it there with its materials,
/// and shows the applicant every change that comes back.
struct FederationCases {
    let db: any Database
    let now: Date
    let context: FederationContext
    let uploads: UploadStore
    let cipher: FieldCipher
    /// The item's limit here, for the deciding city's clock: the promised working days, or for an item promised on the
    /// spot (0) its legal limit, since a case sent from another city cannot be decided at the counter.
    var promisedLimitDays: @Sendable (String) -> Int? = { _ in nil }
    /// SQLite's one-writer-at-a-time (see `WriteGate`); nil on PostgreSQL.
    var gate: WriteGate? = nil

    static let forwardPath = "/api/v1/federation/inbox/cases"
    static let statusPath = "/api/v1/federation/inbox/case-status"
    static let supplementPath = "/api/v1/federation/inbox/case-supplements"
    static let withdrawalPath = "/api/v1/federation/inbox/case-withdrawals"

    // MARK: Accepting city

    /// 受理 of a case another city decides. The case is accepted and queued for that city in one transaction, so an
    /// acknowledged acceptance is never left unsent; it gets no review tasks here (the other city's reviewers decide),
    /// and its state follows what that city reports back.
    func acceptAndForward(_ serviceCase: Case, to city: CatalogSnapshot.DecidingCity, by clerk: Principal, cases: CaseService) async throws -> Case {
        let caseID = try serviceCase.requireID()
        guard let itemCode = serviceCase.itemCode, let peer = context.directory.peer(city.code) else {
            throw AppError(.conflict, "federation.peer_not_configured", "\(city.name) 未配置为跨域通办的对方城市，无法转交")
        }
        let applicant = try await User.find(serviceCase.$applicant.id, on: db)
        let payload = FederationCasePayload(caseId: caseID, number: serviceCase.number, itemCode: itemCode, title: serviceCase.title,
                                            applicantName: applicant?.realName ?? "", form: serviceCase.form,
                                            materials: try await materials(caseID))
        return try await cases.locked(caseID) { db, serviceCase in
            try CaseService.transition(serviceCase, .accept)
            serviceCase.acceptedAt = now
            serviceCase.deadlineAt = try cases.deadline(cases.clock(start: now, limit: serviceCase.promisedLimitDays, pausesJSON: "[]"))
            try await serviceCase.save(on: db)
            let promised = serviceCase.deadlineAt.map { CalendarDay($0.addingTimeInterval(-1)).chinese } ?? ""
            try await cases.record(db, serviceCase, actor: "窗口 \(clerk.realName)", kind: "accepted",
                                   "已受理（跨域通办），由\(peer.name)审批，承诺 \(promised) 前办结")
            let link = FederationCaseLink()
            (link.caseID, link.peerCode, link.peerName) = (caseID, peer.code, peer.name)
            (link.remoteState, link.updatedAt) = (FederationCaseState.forwarding.rawValue, now)
            try await link.create(on: db)
            try await cases.record(db, serviceCase, actor: context.cityName, kind: "federation.forwarding",
                                   "跨域通办：已转交\(peer.name)审批，等待对方受理；结果在本地窗口领取")
            try await NotificationService(db: db, now: now).notify(
                serviceCase.$applicant.id, title: "申请已受理，已转交\(peer.name)",
                body: "您的“\(serviceCase.title)”（\(serviceCase.number)）已受理，由\(peer.name)审批，已转交，结果在本地窗口领取。",
                link: CaseURL.mine(caseID), sms: false)
            try await FederationOutbox.enqueue(payload, to: peer, path: Self.forwardPath, reference: caseID.uuidString, on: db, now: now)
            return serviceCase
        }
    }

    /// `acceptAndForward` as the window's acceptance takes it.
    func forward(by clerk: Principal, cases: CaseService) -> (Case, CatalogSnapshot.DecidingCity) async throws -> Case {
        { serviceCase, city in try await acceptAndForward(serviceCase, to: city, by: clerk, cases: cases) }
    }

    /// The case's files as they travel: uploads with their content, 免提交 materials by name only (shared data or an
    /// e-certificate stood in for them here; the peer learns which, not the data).
    private func materials(_ caseID: UUID) async throws -> [FederationMaterial] {
        var materials: [FederationMaterial] = []
        for material in try await CaseMaterial.query(on: db).filter(\.$serviceCase.$id == caseID).with(\.$upload).all() {
            guard let upload = material.upload else {
                materials.append(FederationMaterial(name: material.name, fileName: material.source, sha256: "", size: 0, content: nil))
                continue
            }
            materials.append(FederationMaterial(name: material.name, fileName: upload.fileName, sha256: upload.sha256, size: upload.size,
                                                content: try uploads.read(upload).base64EncodedString()))
        }
        return materials
    }

    /// 补正 of a case decided elsewhere: what the supplement's transaction then queues for that city, or nil for a
    /// case decided here. The files are read and encoded first, so the write gate is not held while they are.
    func supplementForwarding(_ caseID: UUID, _ input: SupplementInput) async throws -> (@Sendable (any Database, Case, SupplementInput) async throws -> Void)? {
        guard let link = try await FederationCaseLink.query(on: db).filter(\.$caseID == caseID).first() else { return nil }
        guard let peer = context.directory.peer(link.peerCode) else {
            throw AppError(.conflict, "federation.peer_not_configured", "\(link.peerName) 已不在跨域通办配置中，补正材料无法转交")
        }
        var files: [FederationMaterial] = []
        for entry in input.materials {
            guard let upload = try await Upload.find(entry.uploadId, on: db) else { continue }
            files.append(FederationMaterial(name: entry.name.trimmed.nilIfEmpty ?? "补正材料", fileName: upload.fileName, sha256: upload.sha256,
                                            size: upload.size, content: try uploads.read(upload).base64EncodedString()))
        }
        let payload = FederationSupplementPayload(caseId: caseID, materials: files)
        let (cityName, now) = (context.cityName, now)
        return { db, _, _ in
            try await FederationOutbox.enqueue(payload, to: peer, path: Self.supplementPath, reference: caseID.uuidString, on: db, now: now)
            try await CaseEvent(caseID: caseID, at: now, actorName: cityName, kind: "federation.supplement_forwarding",
                                message: "补正材料已转交\(peer.name)").create(on: db)
        }
    }

    /// 撤回 of a case decided elsewhere: that city stops working on it. Queued in the withdrawal's transaction.
    func forwardWithdrawal(_ db: any Database, _ serviceCase: Case) async throws {
        let caseID = try serviceCase.requireID()
        guard let link = try await FederationCaseLink.query(on: db).filter(\.$caseID == caseID).first(),
              let peer = context.directory.peer(link.peerCode) else { return }
        try await FederationOutbox.enqueue(FederationWithdrawalPayload(caseId: caseID, reason: serviceCase.outcomeReason ?? "申请人撤回"),
                                           to: peer, path: Self.withdrawalPath, reference: caseID.uuidString, on: db, now: now)
        try await CaseEvent(caseID: caseID, at: now, actorName: context.cityName, kind: "federation.withdrawal_forwarding",
                            message: "已通知\(peer.name)：申请人撤回").create(on: db)
    }

    /// A change reported by the deciding city: on the timeline, to the applicant, and where it decides the case
    /// (补正, 准予, 不予许可) on the case itself, so 出件 at our window follows their decision.
    func applyStatus(_ status: FederationStatusPayload, from peer: FederationPeer, cases: CaseService) async throws {
        guard let link = try await FederationCaseLink.query(on: db).filter(\.$caseID == status.caseId).first(),
              link.peerCode == peer.code else {
            throw AppError.notFound("转交的办件", code: "federation.case_not_found")
        }
        // The same report delivered twice (an answer lost on the way back) changes nothing the second time.
        if link.remoteState == status.state.rawValue, link.remoteNote == status.note { return }
        let note = status.note.map { $0.isEmpty ? "" : "：\($0)" } ?? ""
        try await cases.locked(status.caseId) { db, serviceCase in
            (link.remoteState, link.remoteNumber, link.remoteNote, link.updatedAt) = (status.state.rawValue, status.remoteNumber, status.note, now)
            try await link.save(on: db)
            try await cases.record(db, serviceCase, actor: peer.name, kind: "federation.\(status.state.rawValue)",
                                   "\(peer.name)：\(status.state.title)\(note)")
            try await follow(status, from: peer, serviceCase, db: db, cases: cases)
            try await NotificationService(db: db, now: now).notify(
                serviceCase.$applicant.id, title: "\(peer.name)：\(status.state.title)",
                body: "您的“\(serviceCase.title)”（\(serviceCase.number)）\(status.state.title)\(note)。", link: CaseURL.mine(status.caseId),
                sms: [.supplement, .approved, .rejected, .concluded].contains(status.state))
        }
    }

    /// Our case takes the step the other city's decision means. A step our case can no longer take (the applicant
    /// withdrew meanwhile, or a report came late) stays on the timeline only.
    private func follow(_ status: FederationStatusPayload, from peer: FederationPeer, _ serviceCase: Case, db: any Database,
                        cases: CaseService) async throws {
        guard let state = CaseState(rawValue: serviceCase.state) else { return }
        let reason = status.note?.trimmed.nilIfEmpty
        switch status.state {
        case .supplement where state == .inReview:
            try CaseService.transition(serviceCase, .requestSupplement)
            serviceCase.pausesJSON = cases.encode(cases.pauses(serviceCase.pausesJSON) + [Pause(start: now)])
            try await serviceCase.save(on: db)
        case .approved where state == .inReview:
            try CaseService.transition(serviceCase, .allTasksApproved)
            serviceCase.concludedAt = now
            try await serviceCase.save(on: db)
            try await cases.record(db, serviceCase, actor: "系统", kind: "concluded", "\(peer.name)准予办理，已办结，结果寄回后在本地窗口出件")
            try await Ledger.append(kind: "case.concluded", subject: serviceCase.number,
                                    fields: ["outcome": "approved", "title": serviceCase.title], at: now, on: db)
        case .rejected where state == .inReview || state == .awaitingSupplement:
            try CaseService.transition(serviceCase, .taskRejected)
            serviceCase.outcomeReason = "\(peer.name)不予许可" + (reason.map { "：\($0)" } ?? "")
            serviceCase.concludedAt = now
            try await serviceCase.save(on: db)
            try await Ledger.append(kind: "case.concluded", subject: serviceCase.number,
                                    fields: ["outcome": "notApproved", "title": serviceCase.title], at: now, on: db)
        default:
            return
        }
    }

    // MARK: Deciding city

    /// A case another city accepted for us; a repeat of the same case returns what we already have.
    func receive(_ payload: FederationCasePayload, from peer: FederationPeer, departmentCode: String?) async throws -> FederationInboundCase {
        if let existing = try await FederationInboundCase.query(on: db).filter(\.$originCode == peer.code)
            .filter(\.$originCaseID == payload.caseId).first() { return existing }
        let stored = try store(payload.materials)
        let inbound = FederationInboundCase()
        (inbound.originCode, inbound.originName, inbound.originCaseID, inbound.originNumber) = (peer.code, peer.name, payload.caseId, payload.number)
        (inbound.itemCode, inbound.title, inbound.departmentCode) = (payload.itemCode, payload.title, departmentCode)
        inbound.applicantSealed = try cipher.seal(payload.applicantName)
        inbound.formSealed = try cipher.seal(String(decoding: try JSONEncoder().encode(payload.form), as: UTF8.self))
        inbound.materials = stored
        (inbound.state, inbound.receivedAt, inbound.updatedAt) = (FederationCaseState.received.rawValue, now, now)
        try await serializedTransaction(db, gate: gate) { db in
            try await inbound.create(on: db)
            try await FederationOutbox.enqueue(try status(inbound, note: nil), to: peer, path: Self.statusPath,
                                               reference: payload.caseId.uuidString, on: db, now: now)
        }
        return inbound
    }

    /// Files that arrived with a case or a 补正, checked against their hashes and kept in our upload store.
    private func store(_ materials: [FederationMaterial]) throws -> [FederationMaterial] {
        var stored: [FederationMaterial] = []
        for material in materials {
            if material.content == nil, material.sha256.isEmpty {
                stored.append(material)
                continue
            }
            guard let content = material.content.flatMap({ Data(base64Encoded: $0) }) else {
                throw AppError.invalid("federation.material_invalid", "材料“\(material.name)”的内容无法读取")
            }
            let hash = SHA256.hash(data: content).hexLower
            guard hash == material.sha256 else {
                throw AppError.invalid("federation.material_hash", "材料“\(material.name)”与其摘要不符，可能在传输中损坏")
            }
            try uploads.store(content, sha256: hash)
            stored.append(FederationMaterial(name: material.name, fileName: material.fileName, sha256: hash, size: content.count, content: nil))
        }
        return stored
    }

    /// The applicant's 补正 files, sent on by the accepting city: kept with the case, marked for the reviewer, who
    /// resumes it (继续审核). The same files delivered twice are kept once.
    func receiveSupplement(_ payload: FederationSupplementPayload, from peer: FederationPeer) async throws {
        guard let inbound = try await FederationInboundCase.query(on: db).filter(\.$originCode == peer.code)
            .filter(\.$originCaseID == payload.caseId).first() else {
            throw AppError.notFound("跨域办件", code: "federation.case_not_found")
        }
        let materials = inbound.materials
        let fresh = try store(payload.materials).filter { file in !materials.contains { $0.sha256 == file.sha256 && $0.name == file.name } }
        guard !fresh.isEmpty else { return }
        inbound.materials = materials + fresh.map { FederationMaterial(name: "补正：" + $0.name, fileName: $0.fileName, sha256: $0.sha256, size: $0.size, content: nil) }
        inbound.supplementedAt = now
        inbound.updatedAt = now
        try await inbound.save(on: db)
    }

    /// The applicant withdrew at the accepting city: the case leaves the reviewers' work, whatever its state, unless
    /// it was already decided (a decision stands; the accepting city's case is closed either way).
    func receiveWithdrawal(_ payload: FederationWithdrawalPayload, from peer: FederationPeer) async throws {
        guard let inbound = try await FederationInboundCase.query(on: db).filter(\.$originCode == peer.code)
            .filter(\.$originCaseID == payload.caseId).first() else {
            throw AppError.notFound("跨域办件", code: "federation.case_not_found")
        }
        let state = FederationCaseState(rawValue: inbound.state) ?? .received
        guard [.received, .accepted, .supplement].contains(state) else { return }
        (inbound.state, inbound.note, inbound.updatedAt) = (FederationCaseState.withdrawn.rawValue, String(payload.reason.prefix(500)), now)
        try await inbound.save(on: db)
    }

    /// A reviewer's decision; the accepting city hears of it through the outbox.
    /// Two reviewers deciding at once: the first write locks the row, the second reads the state it left and is refused
    /// if its decision no longer applies — never two reports of conflicting decisions to the other city.
    func decide(_ id: UUID, decision: String, note: String?, by principal: Principal) async throws -> FederationInboundCase {
        guard let found = try await FederationInboundCase.find(id, on: db) else { throw AppError.notFound("跨域办件", code: "federation.case_not_found") }
        try Self.authorize(principal, found)
        return try await serializedTransaction(db, gate: gate) { db in
            try await FederationInboundCase.query(on: db).filter(\.$id == id).set(\.$updatedAt, to: now).update()
            guard let inbound = try await FederationInboundCase.find(id, on: db) else { throw AppError.notFound("跨域办件", code: "federation.case_not_found") }
            return try await decide(inbound, decision: decision, note: note, on: db)
        }
    }

    private func decide(_ inbound: FederationInboundCase, decision: String, note: String?, on db: any Database) async throws -> FederationInboundCase {
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
        inbound.moveClock(from: current, to: next, limitDays: promisedLimitDays(inbound.itemCode), now: now)
        (inbound.state, inbound.note, inbound.updatedAt) = (next.rawValue, note.map { String($0.prefix(500)) }, now)
        try await inbound.save(on: db)
        try await FederationOutbox.enqueue(try status(inbound, note: inbound.note), to: peer, path: Self.statusPath,
                                           reference: inbound.originCaseID.uuidString, on: db, now: now)
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
                        cipher: application.fieldCipher,
                        promisedLimitDays: { [catalog = application.catalogCache.snapshot] in catalog.items[$0].flatMap { item in
                            [item.promisedLimitDays, item.legalLimitDays].first { $0 > 0 } } },
                        gate: application.writeGate)
    }
}
