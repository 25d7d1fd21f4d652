import Foundation
import TongbanCore

/// Checks an applicant's answers against the form fields the items ask for. Returns every
/// problem at once, keyed by field, in Chinese.
enum FormValidation {
    static func problems(fields: [FormField], values: [String: String]) -> [String: String] {
        var problems: [String: String] = [:]
        for field in fields {
            let value = (values[field.key] ?? "").trimmed
            if value.isEmpty {
                if field.required { problems[field.key] = "请填写\(field.label)" }
                continue
            }
            if let message = problem(field, value) { problems[field.key] = message }
        }
        return problems
    }

    private static func problem(_ field: FormField, _ value: String) -> String? {
        if let maxLength = field.maxLength, value.count > maxLength { return "\(field.label)不能超过\(maxLength)字" }
        if value.count > 2000 { return "\(field.label)不能超过2000字" }
        switch field.type {
        case "residentId":
            if case .failure(let error) = ResidentID.result(value) { return error.message }
        case "creditCode":
            if case .failure(let error) = CreditCode.result(value) { return error.message }
        case "phone":
            if !PhoneNumber.isMobileOrLandline(value) {
                return "\(field.label)应为11位手机号或带区号的固定电话"
            }
        case "date":
            if CalendarDay(value) == nil { return "\(field.label)应为日期，格式如 2025-01-31" }
        case "money", "integer":
            guard let number = Double(value), number.isFinite, field.type == "money" || number == number.rounded() else {
                return field.type == "money" ? "\(field.label)应为金额数字" : "\(field.label)应为整数"
            }
            if let min = field.min, number < min { return "\(field.label)不能小于\(format(min))" }
            if let max = field.max, number > max { return "\(field.label)不能大于\(format(max))" }
        case "choice":
            if let options = field.options, !options.contains(value) { return "\(field.label)请从“\(options.joined(separator: "、"))”中选择" }
        case "boolean":
            if !["是", "否", "true", "false"].contains(value) { return "\(field.label)请选择是或否" }
        default:
            break
        }
        return nil
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }

    /// The union of the items' fields, first occurrence wins, so a life event asks each question once.
    static func mergedFields(_ items: [ServiceItemRecord]) -> [FormField] {
        var seen: Set<String> = []
        return items.flatMap(\.guide.formFields).filter { seen.insert($0.key).inserted }
    }

    /// The union of the items' materials by name; a material is 免提交 if any item lets shared data stand in.
    static func mergedMaterials(_ items: [ServiceItemRecord]) -> [GuideMaterial] {
        var order: [String] = []
        var byName: [String: GuideMaterial] = [:]
        for material in items.flatMap(\.guide.materials) {
            if var existing = byName[material.name] {
                existing.required = existing.required || material.required
                existing.replaceableBy = existing.replaceableBy ?? material.replaceableBy
                byName[material.name] = existing
            } else {
                order.append(material.name)
                byName[material.name] = material
            }
        }
        return order.compactMap { byName[$0] }
    }
}
