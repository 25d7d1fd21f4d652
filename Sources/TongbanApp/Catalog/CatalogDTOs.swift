import Foundation
import TongbanCore
import Vapor

/// A service item as the admin API, the admin form and the seed file describe it.
struct ServiceItemInput: Content, Sendable {
    var code: String
    var name: String
    var department: String
    var type: String
    var audience: [String]
    var themes: [String]
    var caseType: String
    var summary: String
    var legalBasis: [String]
    var conditions: [String]
    var materials: [GuideMaterial]
    var steps: [String]
    var legalLimitDays: Int
    var promisedLimitDays: Int
    var fee: Fee
    var onlineDepth: String
    var visits: Int
    var visitReason: String?
    var places: [Place]
    var consultPhone: String?
    var complaintPhone: String?
    var keywords: [String]
    var hot: Bool?
    var crossRegion: Bool?
    var result: String?
    var formFields: [FormField]
    var autoApproval: RuleSet?

    var guide: Guide {
        Guide(
            summary: summary, legalBasis: legalBasis, conditions: conditions, materials: materials, steps: steps,
            fee: fee, visits: visits, visitReason: visitReason, places: places, consultPhone: consultPhone,
            complaintPhone: complaintPhone, keywords: keywords, result: result, caseType: caseType, formFields: formFields,
            autoApproval: autoApproval)
    }

    static func rulesProblem(_ rules: RuleSet) -> String? {
        do { try rules.validate() } catch { return (error as? RuleError)?.message ?? "智能审批规则无效" }
        return nil
    }

    /// Every rule an editor can break, reported together so a long form is fixed in one pass.
    func validate(knownDepartments: Set<String>, knownThemes: Set<String>) throws {
        var problems: [String: String] = [:]
        func check(_ ok: Bool, _ field: String, _ message: String) { if !ok, problems[field] == nil { problems[field] = message } }
        let codePattern = code.range(of: "^[a-z0-9][a-z0-9-]{1,63}$", options: .regularExpression) != nil
        check(codePattern, "code", "事项编码只能包含小写字母、数字和短横线，2–64 位")
        check(!name.trimmed.isEmpty && name.count <= 100, "name", "事项名称不能为空，且不超过100字")
        check(knownDepartments.contains(department), "department", "部门 \(department) 不存在")
        check(ItemType.all.contains(type), "type", "事项类型应为：\(ItemType.all.joined(separator: "、"))")
        check(!audience.isEmpty && audience.allSatisfy { ["个人", "法人"].contains($0) }, "audience", "服务对象应为 个人 和/或 法人")
        check(themes.allSatisfy(knownThemes.contains), "themes", "主题不存在：\(themes.filter { !knownThemes.contains($0) }.joined(separator: "、"))")
        check(["即办件", "承诺件"].contains(caseType), "caseType", "办件类型应为 即办件 或 承诺件")
        check(!summary.trimmed.isEmpty, "summary", "请填写事项简介")
        check(!conditions.filter { !$0.trimmed.isEmpty }.isEmpty, "conditions", "请至少填写一项受理条件")
        check(!steps.filter { !$0.trimmed.isEmpty }.isEmpty, "steps", "请至少填写一个办理步骤")
        check(materials.allSatisfy { !$0.name.trimmed.isEmpty && $0.copies >= 0 && $0.copies <= 20 }, "materials", "材料名称不能为空，份数应在 0–20 之间")
        check((0...365).contains(legalLimitDays), "legalLimitDays", "法定办结时限应在 0–365 个工作日之间")
        check((0...365).contains(promisedLimitDays), "promisedLimitDays", "承诺办结时限应在 0–365 个工作日之间")
        check(promisedLimitDays <= legalLimitDays, "promisedLimitDays", "承诺办结时限不能超过法定办结时限")
        check(OnlineDepth(rawValue: onlineDepth) != nil, "onlineDepth", "网办深度应为 全程网办、最多跑一次 或 需到现场")
        check((0...5).contains(visits), "visits", "到现场次数应在 0–5 之间")
        check(onlineDepth != OnlineDepth.fullyOnline.rawValue || visits == 0, "visits", "全程网办的事项到现场次数应为 0")
        check(onlineDepth != OnlineDepth.atMostOneVisit.rawValue || visits <= 1, "visits", "最多跑一次的事项到现场次数不能超过 1")
        check(!fee.charged || (fee.fen ?? -1) >= 0, "fee", "收费事项请填写金额（分）")
        check(formFields.allSatisfy { FormField.allowedTypes.contains($0.type) && !$0.key.isEmpty && !$0.label.isEmpty }, "formFields",
              "表单字段类型应为：\(FormField.allowedTypes.sorted().joined(separator: "、"))")
        check(Set(formFields.map(\.key)).count == formFields.count, "formFields", "表单字段的 key 不能重复")
        if let rules = autoApproval, let problem = Self.rulesProblem(rules) { problems["autoApproval"] = problem }
        if !problems.isEmpty {
            throw AppError.invalid("catalog.invalid_item", "事项信息有误，请按提示修改", details: problems)
        }
    }
}

struct DepartmentInput: Content, Sendable {
    var code: String
    var name: String
    var shortName: String
    var phone: String?
    var address: String?
    var hours: String?

    func validate() throws {
        var problems: [String: String] = [:]
        if code.range(of: "^[a-z][a-z0-9-]{1,31}$", options: .regularExpression) == nil {
            problems["code"] = "部门编码只能包含小写字母、数字和短横线，以字母开头，2–32 位"
        }
        if name.trimmed.isEmpty || name.count > 60 { problems["name"] = "部门名称不能为空，且不超过60字" }
        if shortName.trimmed.isEmpty || shortName.count > 30 { problems["shortName"] = "部门简称不能为空，且不超过30字" }
        if !problems.isEmpty { throw AppError.invalid("catalog.invalid_department", "部门信息有误，请按提示修改", details: problems) }
    }
}

struct LifeEventInput: Codable, Sendable {
    var code: String
    var name: String
    var audience: [String]
    var summary: String
    var items: [String]
    var promisedLimitDays: Int
    var keywords: [String]
    var dependencies: [String: [String]]?
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
