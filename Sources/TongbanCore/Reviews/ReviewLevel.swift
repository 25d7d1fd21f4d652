/// The national five levels of 好差评 (GB/T 39734-2020), 5 the best. The last two are 差评: each opens a
/// rectification for the responsible department.
public enum ReviewLevel: Int, Codable, Sendable, CaseIterable, Comparable {
    case veryDissatisfied = 1
    case dissatisfied = 2
    case basicallySatisfied = 3
    case satisfied = 4
    case verySatisfied = 5

    public var title: String {
        switch self {
        case .verySatisfied: "非常满意"
        case .satisfied: "满意"
        case .basicallySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .veryDissatisfied: "非常不满意"
        }
    }

    /// 差评.
    public var isBad: Bool { self <= .dissatisfied }

    /// Accepts the number (1–5) or the Chinese title, as forms and API clients send either.
    public init?(text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let number = Int(text), let level = ReviewLevel(rawValue: number) {
            self = level
        } else if let level = ReviewLevel.allCases.first(where: { $0.title == text }) {
            self = level
        } else {
            return nil
        }
    }

    public static func < (lhs: ReviewLevel, rhs: ReviewLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The tags a rater may add, from the national sub-indicators (online: 办事效率, 指南准确, 便捷, 操作; counter:
/// 效率, 水平, 态度), phrased as praise and as complaint so a good rating can carry tags too.
public enum ReviewTag {
    public static let praise = ["办事效率高", "服务态度好", "指南清楚准确", "材料要求少", "办理便捷", "一次办成"]
    public static let complaint = ["办事效率低", "态度不好", "材料要求多", "流程复杂", "指南不清楚", "跑了多次", "系统不好用"]
    public static let all = praise + complaint

    /// Only known tags, each once, in the order shown on the form.
    public static func normalized(_ tags: [String]) -> (tags: [String], unknown: [String]) {
        let given = Set(tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        return (all.filter(given.contains), given.subtracting(all).sorted())
    }
}
