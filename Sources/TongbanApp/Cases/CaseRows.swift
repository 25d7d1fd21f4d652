import Fluent
import Foundation
import SQLKit
import TongbanCore

/// The rows an application writes on its busiest paths (submission, fan-out, timeline), inserted
/// through `PlainRows`.
enum CaseRows {
    /// Every column of `cases` as submitted (acceptance and the rest are set later by the workflow).
    struct Case: Encodable, ColumnNamed {
        var id: UUID, number: String, applicantId: UUID, companyId: UUID?, agentId: UUID?, itemCode: String?, lifeEventCode: String?
        var title: String, state: String, channel: String, form: String, promisedLimitDays: Int, submittedAt: Date
        var pauses: String, districtCode: String, updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, number, applicantId = "applicant_id", companyId = "company_id", agentId = "agent_id", itemCode = "item_code"
            case lifeEventCode = "life_event_code", title, state, channel, form, promisedLimitDays = "promised_limit_days"
            case submittedAt = "submitted_at", pauses, districtCode = "district_code", updatedAt = "updated_at"
        }

        init(_ c: TongbanApp.Case) throws {
            (id, number, applicantId, companyId, agentId) = (try c.requireID(), c.number, c.$applicant.id, c.$company.id, c.$agent.id)
            (itemCode, lifeEventCode, title, state, channel, form) = (c.itemCode, c.lifeEventCode, c.title, c.state, c.channel, c.formJSON)
            (promisedLimitDays, submittedAt, pauses, districtCode, updatedAt) = (c.promisedLimitDays, c.submittedAt, c.pausesJSON, c.districtCode, c.submittedAt)
        }
    }

    struct Material: Encodable, ColumnNamed {
        var id = UUID.timeOrdered()
        var caseId: UUID
        var name: String
        var source: String
        var uploadId: UUID?
        var taskId: UUID?
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, caseId = "case_id", name, source, uploadId = "upload_id", taskId = "task_id", createdAt = "created_at"
        }
    }

    struct Task: Encodable, ColumnNamed {
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

        enum CodingKeys: String, CodingKey {
            case id, caseId = "case_id", itemCode = "item_code", itemName = "item_name", departmentId = "department_id", state
            case dependsOn = "depends_on", limitDays = "limit_days", openedAt = "opened_at", deadlineAt = "deadline_at"
            case atRiskAt = "at_risk_at", atRiskNotified = "at_risk_notified", pauses
        }
    }

    struct Event: Encodable, ColumnNamed {
        var id = UUID.timeOrdered()
        var caseId: UUID
        var at: Date
        var actorName: String
        var kind: String
        var message: String

        enum CodingKeys: String, CodingKey {
            case id, caseId = "case_id", at, actorName = "actor_name", kind, message
        }
    }
}
