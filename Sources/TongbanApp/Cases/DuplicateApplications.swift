import Fluent
import Foundation
import TongbanCore

/// 重复申请: a person who applies again for what is still being handled, or for what a department already granted
/// without an application (免申即享), would be paid twice or wait twice. For items only individuals apply for, one
/// case at a time; items companies apply for are exempt, as an agent may register several companies at once.
/// Concluded cases do not block: many personal items are done again (公积金提取 every year, 补领 after a loss).
extension CaseService {
    static let liveStates: [CaseState] = [.submitted, .inReview, .awaitingSupplement]

    /// The person's case for this item or life event that is still being handled, or was granted by policy.
    func standingCase(applicant: UUID, item: String?, lifeEvent: String?) async throws -> Case? {
        var query = Case.query(on: db).filter(\.$applicant.$id == applicant)
            .filter(\.$state ~~ (Self.liveStates + [.approved, .delivered]).map(\.rawValue))
        if let item { query = query.filter(\.$itemCode == item) } else if let lifeEvent { query = query.filter(\.$lifeEventCode == lifeEvent) } else { return nil }
        let cases = try await query.sort(\.$submittedAt, .descending).limit(20).all()
        return cases.first(where: { Self.liveStates.map(\.rawValue).contains($0.state) }) ?? cases.first(where: \.isProactive)
    }

    func refuseDuplicate(_ plan: Plan, item: String?, lifeEvent: String?, applicant: UUID) async throws {
        guard plan.items.allSatisfy({ $0.audience == ["个人"] }),
              let existing = try await standingCase(applicant: applicant, item: item, lifeEvent: lifeEvent) else { return }
        if Self.liveStates.map(\.rawValue).contains(existing.state) {
            throw AppError(.conflict, "case.duplicate",
                           "您已有在办的“\(existing.title)”（办件编号 \(existing.number)），请在“我的办件”中查看进度，无需重复申请",
                           details: ["case": existing.number])
        }
        throw AppError(.conflict, "case.already_granted",
                       "“\(existing.title)”已由部门依据政策主动为您办结（办件编号 \(existing.number)，免申即享），无需再申请",
                       details: ["case": existing.number])
    }
}
