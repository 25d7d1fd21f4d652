import Foundation
import TongbanCore
import Vapor

/// The browser form for an item: lists are one entry per line, compound entries separated by "|",
/// so the form works without JavaScript and can be filled from a printed guide.
struct ServiceItemForm: Content {
    var code: String?
    var name: String?
    var department: String?
    var type: String?
    var audience: String?
    var themes: String?
    var caseType: String?
    var summary: String?
    var legalBasis: String?
    var conditions: String?
    var materials: String?
    var steps: String?
    var legalLimitDays: String?
    var promisedLimitDays: String?
    var feeText: String?
    var feeFen: String?
    var onlineDepth: String?
    var visits: String?
    var visitReason: String?
    var places: String?
    var consultPhone: String?
    var keywords: String?
    var hot: String?
    var crossRegion: String?
    var result: String?
    var formFields: String?
    /// 智能审批规则 as JSON; empty means people always decide.
    var autoApproval: String?

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    static func cells(_ line: String) -> [String] {
        line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmed }
    }

    /// Converts to the API shape; unparsable numbers become -1 so validation names the field.
    func input() -> ServiceItemInput {
        let materials = Self.lines(materials).map { line -> GuideMaterial in
            let c = Self.cells(line) + Array(repeating: "", count: 7)
            return GuideMaterial(name: c[0], form: c[1].isEmpty ? "原件" : c[1], copies: Int(c[2]) ?? 1, required: c[3] != "否",
                                 source: c[4].nilIfEmpty, replaceableBy: c[5].nilIfEmpty, note: c[6].nilIfEmpty)
        }
        let places = Self.lines(places).map { line -> Place in
            let c = Self.cells(line) + Array(repeating: "", count: 4)
            return Place(name: c[0], window: c[1].nilIfEmpty, address: c[2], hours: c[3])
        }
        let fields = Self.lines(formFields).map { line -> FormField in
            let c = Self.cells(line) + Array(repeating: "", count: 6)
            let options = c[5].split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            return FormField(key: c[0], label: c[1], type: c[2].isEmpty ? "text" : c[2], required: c[3] != "否",
                             options: options.isEmpty ? nil : options, min: nil, max: nil, maxLength: nil, prefill: c[4].nilIfEmpty)
        }
        let fen = feeFen.flatMap { Int($0.trimmed) }
        return ServiceItemInput(
            code: (code ?? "").trimmed, name: (name ?? "").trimmed, department: department ?? "", type: type ?? "",
            audience: Self.words(audience), themes: Self.words(themes), caseType: caseType ?? "", summary: summary ?? "",
            legalBasis: Self.lines(legalBasis), conditions: Self.lines(conditions), materials: materials, steps: Self.lines(steps),
            legalLimitDays: Int((legalLimitDays ?? "").trimmed) ?? -1, promisedLimitDays: Int((promisedLimitDays ?? "").trimmed) ?? -1,
            fee: Fee(charged: (fen ?? 0) > 0, text: (feeText ?? "").trimmed.nilIfEmpty ?? "不收费", fen: fen),
            onlineDepth: onlineDepth ?? "", visits: Int((visits ?? "0").trimmed) ?? -1, visitReason: visitReason?.trimmed.nilIfEmpty,
            places: places, consultPhone: consultPhone?.trimmed.nilIfEmpty, complaintPhone: "12345", keywords: Self.words(keywords),
            hot: hot == "1", crossRegion: crossRegion == "1", result: result?.trimmed.nilIfEmpty, formFields: fields,
            autoApproval: (autoApproval?.trimmed.nilIfEmpty).flatMap { try? RuleSet.decode(json: $0) })
    }

    /// The JSON could not be read as rules: say where, before anything is saved.
    var rulesProblem: String? {
        guard let text = autoApproval?.trimmed.nilIfEmpty else { return nil }
        do { _ = try RuleSet.decode(json: text) } catch { return (error as? RuleError)?.message ?? "智能审批规则无效" }
        return nil
    }

    static func words(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " || $0 == "、" }).map(String.init)
    }

    init(_ item: ServiceItemRecord) {
        let g = item.guide
        code = item.code; name = item.name; department = item.departmentCode; type = item.type
        audience = item.audience.joined(separator: ","); themes = item.themes.joined(separator: ",")
        caseType = g.caseType; summary = g.summary; legalBasis = g.legalBasis.joined(separator: "\n")
        conditions = g.conditions.joined(separator: "\n"); steps = g.steps.joined(separator: "\n")
        materials = g.materials.map {
            [$0.name, $0.form, String($0.copies), $0.required ? "是" : "否", $0.source ?? "", $0.replaceableBy ?? "", $0.note ?? ""].joined(separator: " | ")
        }.joined(separator: "\n")
        legalLimitDays = String(item.legalLimitDays); promisedLimitDays = String(item.promisedLimitDays)
        feeText = g.fee.text; feeFen = g.fee.fen.map(String.init); onlineDepth = item.onlineDepth
        visits = String(g.visits); visitReason = g.visitReason
        places = g.places.map { [$0.name, $0.window ?? "", $0.address, $0.hours].joined(separator: " | ") }.joined(separator: "\n")
        consultPhone = g.consultPhone; keywords = g.keywords.joined(separator: ","); hot = item.hot ? "1" : nil
        crossRegion = item.crossRegion ? "1" : nil; result = g.result
        formFields = g.formFields.map {
            [$0.key, $0.label, $0.type, $0.required ? "是" : "否", $0.prefill ?? "", ($0.options ?? []).joined(separator: ",")].joined(separator: " | ")
        }.joined(separator: "\n")
        autoApproval = g.autoApproval?.json
    }

    init() {}
}
