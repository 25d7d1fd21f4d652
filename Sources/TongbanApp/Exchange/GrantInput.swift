import Foundation
import TongbanCore
import Vapor

/// What a grant names, as the administrator's form, the API and a department's sharing request send it.
struct GrantInput: Content {
    var department: String
    var registry: String
    var fields: [String]
    var purpose: String
    var expiresOn: String

    struct Valid {
        var registry: RegistryCatalog.Registry
        var fields: [String]
        var purpose: String
        var expiresOn: CalendarDate
    }

    /// Every problem named at once, under the field it belongs to.
    func validated(catalog: CatalogSnapshot, today: CalendarDate, code: String, message: String) throws -> Valid {
        var problems: [String: String] = [:]
        if catalog.department(department) == nil { problems["department"] = "部门不存在" }
        let registry = RegistryCatalog.registry(registry)
        if registry == nil { problems["registry"] = "数据库不存在" }
        let fields = fields.map(\.trimmed).filter { !$0.isEmpty }
        if let registry, fields.isEmpty || !fields.allSatisfy({ field in registry.fields.contains { $0.key == field } }) {
            problems["fields"] = "请从\(registry.name)的字段中选择：\(registry.fields.map(\.label).joined(separator: "、"))"
        }
        let purpose = purpose.trimmed
        if purpose != "*" && catalog.items[purpose] == nil { problems["purpose"] = "用途应为事项编码，或 * 表示本部门全部事项" }
        let expires = CalendarDate(expiresOn.trimmed)
        if expires.map({ $0 < today }) ?? true { problems["expiresOn"] = "请填写今天或以后的到期日期，格式 2027-12-31" }
        guard problems.isEmpty, let registry, let expires else { throw AppError.invalid(code, message, details: problems) }
        return Valid(registry: registry, fields: fields, purpose: purpose, expiresOn: expires)
    }
}
