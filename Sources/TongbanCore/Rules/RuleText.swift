/// Chinese wording shared by explanations, kept in one place so every message reads alike.
enum RuleText {
    /// 8 not 8.0: applicants should never see a float artefact.
    static func number(_ n: Double) -> String {
        if n.rounded() == n && abs(n) < 1e15 { return String(Int(n)) }
        return String(n)
    }

    static func display(_ value: FactValue, unit: String?) -> String {
        switch value {
        case .string(let s): "“\(s)”"
        case .number(let n): unit.map { $0.isEmpty ? number(n) : "\(number(n)) \($0)" } ?? number(n)
        case .bool(let b): b ? "“是”" : "“否”"
        case .date(let d): d.chineseText
        case .list(let items): items.isEmpty ? "空列表" : items.map { display($0, unit: unit) }.joined(separator: "、")
        case .null: "空值"
        }
    }

    /// Chinese text runs into Arabic numerals with a space between, as in "全部 4 项".
    static func join(_ head: String, _ tail: String) -> String {
        guard let last = head.unicodeScalars.last, let first = tail.unicodeScalars.first,
              !last.isASCII, first.isASCII, first.properties.numericType != nil || first == "-" else {
            return head + tail
        }
        return head + " " + tail
    }
}

/// Words for one rule: its fact's name and how its values read.
struct RuleWording {
    let rule: Rule

    /// The label when the administrator gave one, else the condition itself.
    var name: String { rule.factLabel.flatMap { $0.isEmpty ? nil : $0 } ?? rule.description }

    func show(_ value: FactValue) -> String { RuleText.display(value, unit: rule.unit) }

    /// "公积金账户状态为“封存”"; without a label "公积金账户状态正常：实际为“封存”", since a condition
    /// followed by "为" would not read as Chinese.
    func statement(_ actual: FactValue) -> String {
        guard let label = rule.factLabel, !label.isEmpty else {
            return RuleText.join("\(rule.description)：实际为", show(actual))
        }
        // "是否有未结清的公积金贷款为“否”" is clumsy; a yes/no question takes a colon.
        if case .bool = actual { return "\(label)：\(show(actual))" }
        return RuleText.join("\(label)为", show(actual))
    }

    /// "连续缴存时长为 8 个月，要求不少于 6 个月".
    func explain(_ actual: FactValue, requiring phrase: String, _ operand: FactValue) -> String {
        "\(statement(actual))，\(RuleText.join("要求\(phrase)", show(operand)))"
    }

    func mismatch(_ actual: FactValue, expected: String) -> String {
        "\(name)：数据格式不符，实际为\(actual.kind.rawValue)（\(show(actual))），应为\(expected)"
    }
}
