/// Department assessment (考核): each department's rates on the measures the administrator weighs, combined into
/// one score out of 100. A measure a department has no data for (no 12345 ticket this month, say) is left out and
/// the other weights count proportionally more, so a department is neither rewarded nor punished for it.
public struct Scorecard: Sendable, Equatable {
    public enum Measure: String, CaseIterable, Sendable, Codable {
        case caseOnTime          // 审批按时率
        case hotlineOnTime       // 12345 按时办结率
        case satisfaction        // 好评率 (好差评)
        case rectificationOnTime // 差评整改按时率
        case dispatchAccepted    // 1 − 退单率: tickets kept rather than returned
        case sharingResponse     // 数据共享响应及时率: other departments' data requests answered by the deadline

        public var title: String {
            switch self {
            case .caseOnTime: "审批按时率"
            case .hotlineOnTime: "12345按时办结率"
            case .satisfaction: "好评率"
            case .rectificationOnTime: "整改按时率"
            case .dispatchAccepted: "工单签收率（1−退单率）"
            case .sharingResponse: "数据共享响应及时率"
            }
        }
    }

    public struct Line: Sendable, Equatable {
        public var department: String
        /// Each measure as a share between 0 and 1; nil when there was nothing to measure.
        public var rates: [Measure: Double]
        public var score: Double?
        public var rank: Int?

        public init(department: String, rates: [Measure: Double]) {
            self.department = department
            self.rates = rates
        }
    }

    public var weights: [Measure: Double]
    public var lines: [Line]

    /// Ranks by score, best first; departments without any measured rate get no score and come last.
    public init(weights: [Measure: Double], rates: [String: [Measure: Double]]) {
        self.weights = weights.mapValues { max(0, $0) }
        var lines = rates.map { Line(department: $0.key, rates: $0.value) }
        for index in lines.indices { lines[index].score = Self.score(lines[index].rates, weights: self.weights) }
        lines.sort { ($0.score ?? -1, $1.department) > ($1.score ?? -1, $0.department) }
        var rank = 0
        for index in lines.indices where lines[index].score != nil {
            // Equal scores share a rank (1, 2, 2, 4).
            if index == 0 || lines[index].score != lines[index - 1].score { rank = index + 1 }
            lines[index].rank = rank
        }
        self.lines = lines
    }

    public static func score(_ rates: [Measure: Double], weights: [Measure: Double]) -> Double? {
        let counted = rates.filter { (weights[$0.key] ?? 0) > 0 }
        let total = counted.keys.map { weights[$0] ?? 0 }.reduce(0, +)
        guard total > 0 else { return nil }
        let sum = counted.map { min(max($0.value, 0), 1) * (weights[$0.key] ?? 0) }.reduce(0, +)
        return (sum / total * 1000).rounded() / 10
    }

    /// The default weighting: timeliness first, then satisfaction, then rectification, dispatch discipline and data sharing.
    public static let defaultWeights: [Measure: Double] = [
        .caseOnTime: 25, .hotlineOnTime: 25, .satisfaction: 25, .rectificationOnTime: 10, .dispatchAccepted: 10, .sharingResponse: 5,
    ]
}
