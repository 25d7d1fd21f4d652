/// Any JSON key, so decoders can list what is present and refuse fields they do not know:
/// an administrator's typo such as "onfail" would otherwise be dropped silently and a reject
/// rule would quietly become a refer rule.
struct RuleJSONKey: CodingKey, Hashable {
    let stringValue: String
    let intValue: Int?

    init(_ name: String) { stringValue = name; intValue = nil }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }

    /// "rules[2].anyOf[0].value": the form an administrator can find in the JSON they edited.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return out.isEmpty ? "顶层" : out
    }

    static func rejectUnknown(in decoder: any Decoder, allowed: Set<String>, owner: String) throws {
        let present = try decoder.container(keyedBy: RuleJSONKey.self).allKeys.map(\.stringValue)
        if let unknown = present.sorted().first(where: { !allowed.contains($0) }) {
            throw RuleError(code: "rules.unknown_field",
                            message: "\(owner)包含无法识别的字段“\(unknown)”，可用字段：\(allowed.sorted().joined(separator: "、"))")
        }
    }
}
