/// Why a rule set was refused. `code` is stable for programs (e.g. "rules.duplicate_id");
/// `message` is Chinese for the administrator editing the rules, and names the rule or position.
public struct RuleError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// Foundation's decoding errors are English and name Swift types; administrators need to know
    /// where in their JSON to look.
    init(decoding error: any Error) {
        if let ruleError = error as? RuleError {
            self = ruleError
            return
        }
        guard let decodingError = error as? DecodingError else {
            self.init(code: "rules.invalid_json", message: "规则 JSON 无法读取")
            return
        }
        let message: String
        switch decodingError {
        case .keyNotFound(let key, let context):
            message = "规则 JSON 缺少必填字段“\(key.stringValue)”（位置：\(RuleJSONKey.path(context.codingPath))）"
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            message = "规则 JSON 顶层应为对象，形如 {\"version\": 1, \"rules\": [...]}"
        case .typeMismatch(let type, let context):
            message = "规则 JSON 字段类型不正确（位置：\(RuleJSONKey.path(context.codingPath))），应为\(Self.kindName(type))"
        case .valueNotFound(let type, let context):
            message = "规则 JSON 字段不能为 null（位置：\(RuleJSONKey.path(context.codingPath))），应为\(Self.kindName(type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            message = "规则不是有效的 JSON，请检查括号、引号和逗号"
        case .dataCorrupted(let context):
            message = "规则 JSON 数据无效（位置：\(RuleJSONKey.path(context.codingPath))）"
        @unknown default:
            message = "规则 JSON 无法读取"
        }
        self.init(code: "rules.invalid_json", message: message)
    }

    private static func kindName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "文本"
        case is Double.Type, is Int.Type: "数字"
        case is Bool.Type: "true 或 false"
        case is [Any].Type, is [Rule].Type: "列表"
        case is [String: Any].Type: "对象"
        default: "正确的类型"
        }
    }
}
