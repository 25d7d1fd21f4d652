extension RuleSet {
    /// Checks what decoding cannot: structure, operands, unique ids. `decode(json:)` calls this;
    /// call it yourself for rule sets built in code before storing them.
    public func validate() throws {
        guard version == 1 else {
            throw RuleError(code: "rules.unsupported_version", message: "不支持的规则版本 \(version)，目前只支持版本 1")
        }
        guard !rules.isEmpty else {
            throw RuleError(code: "rules.empty", message: "规则集中没有任何规则；没有条件的事项不能自动审批")
        }
        var seen = Set<String>()
        for (index, rule) in rules.enumerated() {
            try Self.check(rule, place: "第\(index + 1)条规则", seen: &seen)
        }
    }

    private static func check(_ rule: Rule, place: String, seen: inout Set<String>) throws {
        guard !rule.id.allSatisfy(\.isWhitespace) else {
            throw RuleError(code: "rules.missing_id", message: "\(place)缺少 id")
        }
        let name = "规则“\(rule.id)”"
        guard !rule.description.allSatisfy(\.isWhitespace) else {
            throw RuleError(code: "rules.missing_description", message: "\(name)缺少说明（description），该说明会展示给申请人")
        }
        if let problem = rule.evaluabilityProblem(name: name) { throw problem }
        // Ids are unique across nesting levels too, so an outcome or log line names exactly one rule.
        guard seen.insert(rule.id).inserted else {
            throw RuleError(code: "rules.duplicate_id", message: "规则 id“\(rule.id)”重复出现，每条规则的 id 必须唯一")
        }
        for (index, child) in (rule.group?.children ?? []).enumerated() {
            try check(child, place: "\(name)的第\(index + 1)个子条件", seen: &seen)
        }
    }
}
