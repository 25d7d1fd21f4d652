import Foundation
import Vapor

/// Where a cross-region case stands at the deciding city, as both cities name it.
enum FederationCaseState: String, Codable, Sendable, CaseIterable {
    /// Only on the accepting side: queued for the peer, not yet acknowledged.
    case forwarding
    case received
    case accepted
    case supplement
    case approved
    case rejected
    case concluded
    /// Only on the deciding side: the applicant withdrew at the accepting city.
    case withdrawn

    var title: String {
        switch self {
        case .forwarding: "已转交，等待对方受理"
        case .received: "对方已收件"
        case .accepted: "对方已受理"
        case .supplement: "需补正材料"
        case .approved: "审批通过"
        case .rejected: "不予许可"
        case .concluded: "已办结，结果寄回本地窗口领取"
        case .withdrawn: "申请人已撤回"
        }
    }

    /// A reviewer's decision at the deciding city and the state it leads to from `self`.
    func after(_ decision: String) -> FederationCaseState? {
        switch (self, decision) {
        case (.received, "accept"), (.supplement, "accept"): .accepted
        case (.received, "reject"), (.accepted, "reject"): .rejected
        case (.accepted, "supplement"): .supplement
        case (.accepted, "approve"): .approved
        case (.approved, "conclude"), (.rejected, "conclude"): .concluded
        default: nil
        }
    }
}

/// What the accepting city sends: the case, the applicant's answers and the materials themselves.
struct FederationCasePayload: Content {
    var caseId: UUID
    var number: String
    var itemCode: String
    var title: String
    var applicantName: String
    var form: [String: String]
    var materials: [FederationMaterial]
}

struct FederationMaterial: Content {
    var name: String
    var fileName: String
    var sha256: String
    var size: Int
    /// Base64 of the file on the wire; nil once stored (the hash names it in our upload store).
    var content: String?
}

/// What the deciding city sends back on every change.
struct FederationStatusPayload: Content {
    var caseId: UUID
    var state: FederationCaseState
    var remoteNumber: String
    var note: String?
}

/// The applicant withdrew at the accepting city.
struct FederationWithdrawalPayload: Content {
    var caseId: UUID
    var reason: String
}

/// The applicant's 补正 files, sent on by the accepting city.
struct FederationSupplementPayload: Content {
    var caseId: UUID
    var materials: [FederationMaterial]
}

/// The peer's immediate answer to a forwarded case.
struct FederationReceivedView: Content {
    var received: Bool
    var remoteNumber: String
}
