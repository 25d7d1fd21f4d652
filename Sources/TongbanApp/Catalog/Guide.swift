import Foundation
import TongbanCore

/// The 办事指南 of one service item, in the fields of the national schema. Stored as one JSON
/// document per item because it is always read and edited whole.
struct Guide: Codable, Sendable, Equatable {
    var summary: String
    var legalBasis: [String]
    var conditions: [String]
    var materials: [GuideMaterial]
    var steps: [String]
    var fee: Fee
    var visits: Int
    var visitReason: String?
    var places: [Place]
    var consultPhone: String?
    var complaintPhone: String?
    var keywords: [String]
    var result: String?
    var caseType: String
    var formFields: [FormField]
    /// 智能审批: conditions under which the platform decides alone; nil means people always decide.
    var autoApproval: RuleSet?
}

/// 材料: what the applicant brings, and whether shared data or an e-certificate stands in for it.
struct GuideMaterial: Codable, Sendable, Equatable {
    var name: String
    /// 原件 / 复印件 / 电子 / 原件及复印件
    var form: String
    var copies: Int
    var required: Bool
    var source: String?
    /// `certificate:<kind>` or `data:<registry>`: the applicant need not bring it (免提交).
    var replaceableBy: String?
    var note: String?
}

struct Fee: Codable, Sendable, Equatable {
    var charged: Bool
    var text: String
    /// Money is kept in integer fen.
    var fen: Int?
}

struct Place: Codable, Sendable, Equatable {
    var name: String
    var window: String?
    var address: String
    var hours: String
}

/// One field of the application form the item asks for.
struct FormField: Codable, Sendable, Equatable {
    var key: String
    var label: String
    /// text, textarea, residentId, creditCode, phone, date, money, integer, choice, boolean, address
    var type: String
    var required: Bool
    var options: [String]?
    var min: Double?
    var max: Double?
    var maxLength: Int?
    /// Where the form is pre-filled from, e.g. `profile.realName`, `registry.realestate.address`.
    var prefill: String?

    static let allowedTypes: Set<String> = [
        "text", "textarea", "residentId", "creditCode", "phone", "date", "money", "integer", "choice", "boolean", "address",
    ]
}

enum OnlineDepth: String, Codable, CaseIterable, Sendable {
    case fullyOnline = "全程网办"
    case atMostOneVisit = "最多跑一次"
    case onSite = "需到现场"
}

enum ItemType {
    static let all: [String] = ["行政许可", "行政确认", "行政裁决", "行政给付", "行政奖励", "行政备案", "其他行政权力", "公共服务"]
}
