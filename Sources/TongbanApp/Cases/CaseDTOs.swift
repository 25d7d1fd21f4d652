import Foundation
import TongbanCore
import Vapor

struct ApplicationInput: Content {
    /// Exactly one of `item` and `lifeEvent`.
    var item: String?
    var lifeEvent: String?
    var form: [String: String]
    var materials: [MaterialUpload]?
    /// The company (credit code) an enterprise agent applies for.
    var company: String?
    var district: String?
}

struct CounterApplicationInput: Content {
    /// The citizen the clerk applies for (代办), found by ID number.
    var applicantIdNumber: String
    /// For a citizen without an account: the window creates one from these (they can claim it later).
    var applicantName: String?
    var applicantPhone: String?
    var application: ApplicationInput
}

struct MaterialUpload: Content {
    var name: String
    var uploadId: UUID
}

struct ReasonInput: Content {
    var reason: String
}

struct DecisionInput: Content {
    /// approve, reject or supplement
    var decision: String
    var note: String?
    /// For supplement: what is missing.
    var materials: [String]?
}

struct SupplementInput: Content {
    var materials: [MaterialUpload]
    var note: String?
}

struct CaseSummaryView: Content {
    var id: UUID
    var number: String
    var title: String
    var state: String
    var stateTitle: String
    var submittedAt: Date
    var deadline: Date?
    var deadlineStatus: String?
}

struct CaseView: Content {
    struct TaskView: Content {
        var id: UUID
        var item: String
        var itemName: String
        var department: String
        var departmentName: String
        var state: String
        var stateTitle: String
        var dependsOn: [String]
        var openedAt: Date?
        var deadline: Date?
        var deadlineStatus: String?
        var deadlineStatusTitle: String?
        var decidedAt: Date?
        var note: String?
        var supplementRequest: [String]
    }
    struct MaterialView: Content {
        var name: String
        /// upload, or the shared source that stands in for it (免提交)
        var source: String
        var uploadId: UUID?
        var fileName: String?
    }
    struct EventView: Content {
        var at: Date
        var actor: String
        var kind: String
        var message: String
    }

    var id: UUID
    var number: String
    var title: String
    var item: String?
    var lifeEvent: String?
    var state: String
    var stateTitle: String
    var channel: String
    var applicantName: String
    var form: [String: String]
    var submittedAt: Date
    var acceptedAt: Date?
    var promisedLimitDays: Int
    var deadline: Date?
    var deadlineStatus: String?
    var concludedAt: Date?
    var deliveredAt: Date?
    var outcomeReason: String?
    /// 智能审批: the verdict and each rule's outcome, when the item has rules.
    var autoDecision: RuleDecision?
    var tasks: [TaskView]
    var materials: [MaterialView]
    var events: [EventView]
    /// 电子证照 issued when the case concluded.
    var certificates: [CertificateView] = []

    struct CertificateView: Content {
        var id: UUID
        var number: String
        var kind: String
        var issuer: String
        var issuerName: String
        var revoked: Bool
    }
}

struct TaskQueueEntry: Content {
    var taskId: UUID
    var caseId: UUID
    var caseNumber: String
    var caseTitle: String
    var itemName: String
    var department: String
    var state: String
    var stateTitle: String
    var deadline: Date?
    var deadlineStatus: String
    var deadlineStatusTitle: String
}
