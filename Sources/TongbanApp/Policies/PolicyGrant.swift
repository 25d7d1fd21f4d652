import Fluent
import Foundation
import TongbanCore

/// 免申即享: for a policy marked so, nobody applies. For each person its conditions hold for, the department's case is
/// created, accepted and approved in one transaction, on the policy's own conditions: the case keeps every condition's
/// outcome as its basis (shown on the case page like 智能审批's), its timeline and the ledger name the policy, and the
/// conclusion notice tells the person what they get and why. The notice row of `PolicyPush` is written in the same
/// transaction, so a person gets one case per policy however often matching runs.
extension CaseService {
    static let proactiveChannel = "proactive"

    struct Grant {
        var policy: Policy
        var person: UUID
        var personName: String
        var decision: RuleDecision
        var districtCode: String?
    }

    /// Everything in the caller's transaction (`db` of this service must be it).
    func grant(_ grant: Grant) async throws -> Case {
        guard let code = grant.policy.itemCode, let item = catalog.items[code] else {
            throw AppError.invalid("policy.no_item", "免申即享需要指定办结所用的事项")
        }
        let policy = grant.policy
        let actor = "免申即享（\(item.departmentName)）"
        var decision = grant.decision
        decision.summary = "依据《\(policy.title)》，共享数据核验全部 \(decision.outcomes.count) 项条件均符合，无需申请"
        let serviceCase = Case()
        serviceCase.id = UUID()
        serviceCase.number = Self.newNumber(now: now)
        serviceCase.$applicant.id = grant.person
        serviceCase.itemCode = item.code
        serviceCase.title = item.name
        serviceCase.state = CaseState.submitted.rawValue
        serviceCase.channel = Self.proactiveChannel
        serviceCase.formJSON = "{}"
        serviceCase.promisedLimitDays = item.promisedLimitDays
        serviceCase.submittedAt = now
        serviceCase.pausesJSON = "[]"
        serviceCase.districtCode = grant.districtCode.flatMap { code in catalog.districts.first { $0.code == code }?.code }
            ?? catalog.districts.first?.code ?? ""
        serviceCase.autoDecisionJSON = String(decoding: try JSONEncoder().encode(decision), as: UTF8.self)
        serviceCase.outcomeReason = "依据《\(policy.title)》免申即享：\(policy.benefit)"
        try await serviceCase.create(on: db)
        try await record(db, serviceCase, actor: actor, kind: "proactive",
                         "依据《\(policy.title)》主动为\(grant.personName)办理：\(decision.summary)（各项核验结果见本页）")
        try await accept(db, serviceCase, actor: actor, notify: false)
        let tasks = try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == serviceCase.requireID()).all()
        for task in tasks where task.state == TaskState.open.rawValue {
            try await approve(db, serviceCase, task, actor: actor, reviewerID: nil, note: "依据《\(policy.title)》免申即享")
        }
        // The basis on the ledger: which policy, under which conditions, so the grant can be checked later.
        try await Ledger.append(kind: "policy.granted", subject: serviceCase.number,
                                fields: ["policy": try policy.requireID().uuidString, "conditions": policy.conditions, "item": item.code],
                                at: now, on: db)
        return serviceCase
    }
}

extension Case {
    /// Created by the department on a policy's conditions (免申即享), not applied for.
    var isProactive: Bool { channel == CaseService.proactiveChannel }
}
