import Fluent
import Foundation
import TongbanCore
import Vapor

/// A resident's visitor passes: issued for their own community (人口库 says which), shown or sent as a link whose
/// page carries the QR code, cancelled by the resident at any time. Nobody else sees a resident's passes.
extension SecurityService {
    struct PassInput: Content {
        var visitorName: String
        var from: Date
        var until: Date
    }

    struct PassView: Content {
        var id: UUID
        var code: String
        var visitorName: String
        var validFrom: Date
        var validUntil: Date
        var revoked: Bool
        var entries: Int

        init(_ pass: VisitorPass) {
            (id, code, visitorName, validFrom, validUntil) = (pass.id!, pass.code, pass.visitorName, pass.validFrom, pass.validUntil)
            (revoked, entries) = (pass.revokedAt != nil, pass.entries)
        }
    }

    func issuePass(_ input: PassInput, host: Principal, community: String) async throws -> VisitorPass {
        var problems = VisitorPassRules.problems(from: input.from, until: input.until, now: now)
        let visitor = input.visitorName.trimmed
        if !(2...20).contains(visitor.count) { problems["visitorName"] = "请填写访客姓名（2–20字）" }
        guard problems.isEmpty else { throw AppError.invalid("pass.invalid", problems.count == 1 ? problems.values.first! : "通行证信息有误，请按提示修改", details: problems) }
        let pass = VisitorPass()
        (pass.communityCode, pass.hostID, pass.hostName, pass.visitorName) = (community, host.userID, host.realName, visitor)
        (pass.validFrom, pass.validUntil, pass.createdAt, pass.entries) = (input.from, input.until, now, 0)
        // Ten characters of 32 (50 bits): not guessed at a door that answers once a second; a clash is tried again.
        for _ in 0..<3 {
            pass.code = String((0..<10).map { _ in Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ").randomElement()! })
            do {
                try await serializedTransaction(db, gate: gate) { db in try await pass.create(on: db) }
                return pass
            } catch let error as any DatabaseError where error.isConstraintFailure {
                pass.id = nil
            }
        }
        throw AppError(.serviceUnavailable, "pass.busy", "通行证生成繁忙，请再试一次")
    }

    func passes(of host: Principal) async throws -> [VisitorPass] {
        try await VisitorPass.query(on: db).filter(\.$hostID == host.userID).sort(\.$validFrom, .descending).limit(50).all()
    }

    /// The resident's own pass; anyone else's is not found.
    func ownPass(_ id: UUID?, of host: Principal) async throws -> VisitorPass {
        guard let id, let pass = try await VisitorPass.find(id, on: db), pass.hostID == host.userID else {
            throw AppError.notFound("通行证", code: "pass.not_found")
        }
        return pass
    }

    func revoke(_ pass: VisitorPass) async throws -> VisitorPass {
        guard pass.revokedAt == nil else { return pass }
        pass.revokedAt = now
        try await serializedTransaction(db, gate: gate) { db in try await pass.save(on: db) }
        return pass
    }
}
