import Fluent
import Foundation
import TongbanCore

/// 智能审批 (秒批): an item's rules, evaluated on registry facts right after submission. All rules
/// hold: accepted and approved at once. A rule whose failure means ineligibility fails: accepted
/// and not approved, with the reason. Anything else (a rule failed, data missing): the case goes
/// to people as usual, with every rule's outcome attached for the clerk and the reviewer.
extension CaseService {
    static let autoActor = "智能审批"

    func autoDecide(_ serviceCase: Case, rules: RuleSet, applicant: Applicant) async throws {
        guard let applicant = try await User.find(applicant.id, on: db) else { throw AppError.unauthenticated }
        let item = try plan(item: serviceCase.itemCode, lifeEvent: nil).items[0]
        var facts: Facts = [:]
        var refused: [String] = []
        if let sealed = applicant.idNumberCipher {
            let idNumber = try cipher.open(sealed)
            let gate = ExchangeGate(db: db, cipher: cipher, catalog: catalog, now: now)
            let reader = ExchangeGate.Reader(name: "\(Self.autoActor)（\(item.departmentName)）", userID: nil, departmentCode: item.departmentCode)
            // Each registry the rules need, read through the gate for this item and this case.
            for (registry, fields) in RegistryCatalog.fieldsByRegistry(rules.requiredFacts).sorted(by: { $0.key < $1.key }) {
                do {
                    let result = try await gate.read(registry, fields: fields, of: idNumber, by: reader,
                                                     purpose: item.code, caseID: try serviceCase.requireID())
                    for (field, value) in result.values { facts["\(registry).\(field)"] = value }
                } catch let error as AppError where error.code == "exchange.no_grant" || error.code == "exchange.unknown_registry" {
                    // Without the data the rules cannot decide: people will, and the timeline says why.
                    refused.append(RegistryCatalog.registry(registry)?.name ?? registry)
                }
            }
        }
        let decision = RuleEngine.evaluate(rules, facts: facts, today: CalendarDate(now))
        let gap = refused.isEmpty ? "" : "（未获\(refused.joined(separator: "、"))的共享授权）"
        let json = String(decoding: try JSONEncoder().encode(decision), as: UTF8.self)
        _ = try await locked(try serviceCase.requireID()) { db, locked in
            locked.autoDecisionJSON = json
            try await locked.save(on: db)
            switch decision.verdict {
            case .refer:
                try await self.record(db, locked, actor: Self.autoActor, kind: "auto_referred", "\(decision.summary)\(gap)，各项核验结果已附在办件中")
            case .approve, .reject:
                try await self.accept(db, locked, actor: Self.autoActor, notify: false)
                let caseID = try locked.requireID()
                let tasks = try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == caseID).all()
                for task in tasks where task.state == TaskState.open.rawValue {
                    if decision.verdict == .approve {
                        try await self.approve(db, locked, task, actor: Self.autoActor, reviewerID: nil, note: decision.summary)
                    } else {
                        try await self.reject(db, locked, task, actor: Self.autoActor, reviewerID: nil, reason: decision.summary)
                    }
                }
            }
            return locked
        }
        // The caller's copy must reflect what was decided.
        if let fresh = try await Case.find(serviceCase.requireID(), on: db) {
            serviceCase.state = fresh.state
            serviceCase.acceptedAt = fresh.acceptedAt
            serviceCase.concludedAt = fresh.concludedAt
            serviceCase.deadlineAt = fresh.deadlineAt
            serviceCase.outcomeReason = fresh.outcomeReason
            serviceCase.autoDecisionJSON = fresh.autoDecisionJSON
        }
    }
}

extension Case {
    var autoDecision: RuleDecision? {
        autoDecisionJSON.flatMap { try? JSONDecoder().decode(RuleDecision.self, from: Data($0.utf8)) }
    }
}
