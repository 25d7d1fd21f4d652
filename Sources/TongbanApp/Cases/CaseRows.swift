import Fluent
import Foundation
import SQLKit

/// The rows an application writes on its busiest paths (submission, fan-out, timeline), inserted
/// through `PlainRows`.
enum CaseRows {
    struct Material: Encodable {
        var id = UUID()
        var caseId: UUID
        var name: String
        var source: String
        var uploadId: UUID?
        var taskId: UUID?
        var createdAt: Date
    }

    struct Task: Encodable {
        var id: UUID
        var caseId: UUID
        var itemCode: String
        var itemName: String
        var departmentId: UUID
        var state: String
        var dependsOn: String
        var limitDays: Int
        var openedAt: Date?
        var deadlineAt: Date?
        var atRiskAt: Date?
        var atRiskNotified: Bool
        var pauses: String
    }

    struct Event: Encodable {
        var id = UUID()
        var caseId: UUID
        var at: Date
        var actorName: String
        var kind: String
        var message: String
    }
}
