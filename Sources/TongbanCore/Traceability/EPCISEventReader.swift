import Foundation

/// Reads one event's fields, noting every problem instead of stopping at the first.
struct EventReader {
    let fields: [String: Any]
    let path: String
    let parser: EPCISParser
    private(set) var problems: [(String, String)] = []

    init(fields: [String: Any], path: String, parser: EPCISParser) {
        self.fields = fields
        self.path = path
        self.parser = parser
    }

    mutating func problem(_ field: String, _ message: String) {
        problems.append((field.isEmpty ? path : "\(path).\(field)", message))
    }

    mutating func read() -> TraceEvent? {
        guard !fields.isEmpty else {
            problem("", "应为非空 JSON 对象")
            return nil
        }
        let kind = TraceEvent.Kind(rawValue: fields["type"] as? String ?? "")
        if kind == nil {
            problem("type", "不支持的事件类型 \(fields["type"] as? String ?? "（空）")：只接受 ObjectEvent 和 TransformationEvent")
        }
        let time = eventTime()
        let offset = text("eventTimeZoneOffset", required: true, limit: 6)
        if let offset, offset.range(of: #"^[+-][0-9]{2}:[0-9]{2}$"#, options: .regularExpression) == nil {
            problem("eventTimeZoneOffset", "应为 +08:00 这样的时区偏移")
        }
        var action: String?
        if kind == .object {
            action = text("action", required: true, limit: 10)
            if let value = action, !["ADD", "OBSERVE", "DELETE"].contains(value) { problem("action", "应为 ADD、OBSERVE 或 DELETE") }
        }
        let bizStep = term("bizStep", required: true, BizStep.init(term:), accepted: BizStep.allCases.map(\.rawValue))
        let disposition = term("disposition", required: false, Disposition.init(term:), accepted: Disposition.allCases.map(\.rawValue))
        if bizStep == .inspecting, disposition != .conformant, disposition != .nonConformant {
            problem("disposition", "检验事件须给出结果：conformant（合格）或 non_conformant（不合格）")
        }
        var quantities: [TraceEvent.Quantity] = []
        var inputs: [TraceEvent.Quantity] = []
        if kind == .transformation {
            inputs = quantityList("inputQuantityList")
            quantities = quantityList("outputQuantityList")
        } else if kind == .object {
            if fields["quantityList"] == nil, fields["epcList"] != nil {
                problem("epcList", "只支持按批次记录：请用 quantityList 给出批次（epcClass）和数量")
            } else {
                quantities = quantityList("quantityList")
            }
        }
        let event = TraceEvent(
            eventID: text("eventID", required: false, limit: 200), kind: kind ?? .object, action: action,
            time: time ?? Date(timeIntervalSince1970: 0), timeZoneOffset: offset ?? "",
            bizStep: bizStep ?? .commissioning, disposition: disposition,
            readPoint: location("readPoint"), bizLocation: location("bizLocation"),
            place: text("tb:place", required: false, limit: 200), productName: text("tb:productName", required: false, limit: 100),
            quantities: quantities, inputs: inputs,
            sources: parties("sourceList", key: "source"), destinations: parties("destinationList", key: "destination"))
        return problems.isEmpty ? event : nil
    }

    private mutating func eventTime() -> Date? {
        guard let value = text("eventTime", required: true, limit: 40) else { return nil }
        guard let date = parser.date(value) else {
            problem("eventTime", "应为带时区的 ISO 8601 时间，如 2026-04-08T09:30:00+08:00")
            return nil
        }
        return date
    }

    private mutating func text(_ field: String, required: Bool, limit: Int, in object: [String: Any]? = nil, at label: String? = nil) -> String? {
        let label = label ?? field
        guard let raw = (object ?? fields)[field] else {
            if required { problem(label, "缺少必填字段") }
            return nil
        }
        guard let value = raw as? String, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem(label, "应为非空字符串")
            return nil
        }
        guard value.count <= limit else {
            problem(label, "过长（最多 \(limit) 个字符）")
            return nil
        }
        return value
    }

    private mutating func term<T>(_ field: String, required: Bool, _ make: (String) -> T?, accepted: [String]) -> T? {
        guard let value = text(field, required: required, limit: 120) else { return nil }
        guard let parsed = make(value) else {
            problem(field, "不支持的取值 \(value)；可用：\(accepted.joined(separator: "、"))")
            return nil
        }
        return parsed
    }

    private mutating func location(_ field: String) -> String? {
        guard let raw = fields[field] else { return nil }
        guard let object = raw as? [String: Any] else {
            problem(field, "应为 {\"id\": …} 对象")
            return nil
        }
        return text("id", required: true, limit: 200, in: object, at: "\(field).id")
    }

    private mutating func quantityList(_ field: String) -> [TraceEvent.Quantity] {
        guard let list = fields[field] as? [Any], !list.isEmpty else {
            problem(field, "缺少批次列表，或列表为空")
            return []
        }
        var result: [TraceEvent.Quantity] = []
        for (index, item) in list.enumerated() {
            let at = "\(field)[\(index)]"
            guard let object = item as? [String: Any] else {
                problem(at, "应为 {\"epcClass\": …, \"quantity\": …} 对象")
                continue
            }
            guard let epcClass = text("epcClass", required: true, limit: 200, in: object, at: "\(at).epcClass") else { continue }
            let batch: BatchID
            do throws(TraceFieldError) { batch = try BatchID(epcClass: epcClass) } catch {
                problem("\(at).epcClass", error.message)
                continue
            }
            var quantity: Double?
            if let raw = object["quantity"] {
                // JSONSerialization reads true/false as NSNumber too (class __NSCFBoolean on Linux and Darwin alike);
                // `is Bool` would also catch the number 1 on Darwin.
                let isBoolean = String(describing: type(of: raw)).contains("Boolean")
                guard let number = raw as? NSNumber, !isBoolean, number.doubleValue > 0, number.doubleValue.isFinite else {
                    problem("\(at).quantity", "应为大于 0 的数")
                    continue
                }
                quantity = number.doubleValue
            }
            let uom = text("uom", required: false, limit: 3, in: object, at: "\(at).uom")
            result.append(.init(batch: batch, quantity: quantity, uom: uom))
        }
        return result
    }

    private mutating func parties(_ field: String, key: String) -> [TraceEvent.Party] {
        guard let raw = fields[field] else { return [] }
        guard let list = raw as? [Any] else {
            problem(field, "应为数组")
            return []
        }
        var result: [TraceEvent.Party] = []
        for (index, item) in list.enumerated() {
            let at = "\(field)[\(index)]"
            guard let object = item as? [String: Any],
                  let type = text("type", required: true, limit: 120, in: object, at: "\(at).type"),
                  let id = text(key, required: true, limit: 200, in: object, at: "\(at).\(key)")
            else { continue }
            let bare = CBVTerm.bare(type, uriPrefix: "SDT-", urnPrefix: "urn:epcglobal:cbv:sdt:")
            result.append(.init(type: bare, id: id, creditCode: Self.creditCode(in: id)))
        }
        return result
    }

    /// A party named by a 统一社会信用代码, bare or at the end of a URI (`urn:…:91341500…`, `https://…/91341500…`).
    static func creditCode(in id: String) -> String? {
        let last = id.split(whereSeparator: { $0 == ":" || $0 == "/" }).last.map(String.init) ?? id
        return try? CreditCode.parse(last).value
    }
}
