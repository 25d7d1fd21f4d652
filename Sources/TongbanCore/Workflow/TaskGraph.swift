/// One review task of a case, keyed by the item or department it belongs to.
public struct TaskNode: Codable, Sendable, Equatable {
    public var key: String
    /// Tasks that must be approved before this one opens, e.g. 银行开户预约 after 企业设立登记.
    public var dependsOn: [String]

    public init(key: String, dependsOn: [String] = []) {
        self.key = key
        self.dependsOn = dependsOn
    }
}

public enum GraphSummary: Equatable, Sendable {
    case inProgress, awaitingSupplement, allApproved, rejected
}

/// The review tasks a life event fans out into, validated once so the per-event checks below cannot loop.
public struct TaskGraph: Sendable, Equatable {
    /// Read-only: changing nodes after validation could introduce a cycle.
    public let nodes: [TaskNode]
    /// Dependencies before dependents; otherwise input order, so lists look the same on every page.
    public let topologicalOrder: [String]

    public init(_ nodes: [TaskNode]) throws(WorkflowError) {
        try Self.validate(nodes)
        self.nodes = nodes
        self.topologicalOrder = try Self.order(nodes)
    }

    public func initialStates() -> [String: TaskState] {
        Dictionary(uniqueKeysWithValues: nodes.map { ($0.key, $0.dependsOn.isEmpty ? .open : .waiting) })
    }

    /// Keys of waiting tasks whose dependencies are all approved now (to move to open), in input order.
    /// A key missing from `states` counts as not approved, so a partial map never opens a task too early.
    public func newlyReady(states: [String: TaskState]) -> [String] {
        nodes.filter { node in
            states[node.key] == .waiting && node.dependsOn.allSatisfy { states[$0] == .approved }
        }.map(\.key)
    }

    /// A rejection decides the case even while others wait for material, matching `CaseStateMachine`.
    /// Cancelled or missing tasks never count as approved: a case must not be granted by omission.
    public func summary(states: [String: TaskState]) -> GraphSummary {
        let all = nodes.map { states[$0.key] }
        if all.contains(.rejected) { return .rejected }
        if all.contains(.awaitingSupplement) { return .awaitingSupplement }
        return all.allSatisfy { $0 == .approved } ? .allApproved : .inProgress
    }
}

extension TaskGraph {
    private static func invalid(_ code: String, _ message: String) -> WorkflowError {
        WorkflowError(code: "workflow.\(code)", message: message)
    }

    /// An empty graph is refused because `summary` would call it all approved: a result issued with no review.
    private static func validate(_ nodes: [TaskNode]) throws(WorkflowError) {
        guard !nodes.isEmpty else { throw invalid("empty_graph", "办件至少需要一个审核事项") }
        var keys = Set<String>()
        for node in nodes where !keys.insert(node.key).inserted {
            throw invalid("duplicate_task", "审核事项“\(node.key)”重复")
        }
        for node in nodes {
            if node.dependsOn.contains(node.key) {
                throw invalid("self_dependency", "审核事项“\(node.key)”不能依赖自身")
            }
            if let unknown = node.dependsOn.first(where: { !keys.contains($0) }) {
                throw invalid("unknown_dependency", "审核事项“\(node.key)”依赖的“\(unknown)”不存在")
            }
        }
    }

    /// Kahn's algorithm taking the earliest ready node each time (graphs are a handful of tasks, so the
    /// quadratic scan is irrelevant); whatever it cannot place contains a cycle, traced to name its keys.
    private static func order(_ nodes: [TaskNode]) throws(WorkflowError) -> [String] {
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.key, $0) })
        var pending = nodes.map { Set($0.dependsOn).count }
        var dependents = [[Int]](repeating: [], count: nodes.count)
        for (i, node) in nodes.enumerated() {
            for dependency in Set(node.dependsOn) { dependents[index[dependency]!].append(i) }
        }
        var placed = [Bool](repeating: false, count: nodes.count)
        var order: [String] = []
        while let ready = nodes.indices.first(where: { !placed[$0] && pending[$0] == 0 }) {
            placed[ready] = true
            order.append(nodes[ready].key)
            for dependent in dependents[ready] { pending[dependent] -= 1 }
        }
        guard order.count < nodes.count else { return order }
        let cycle = traceCycle(nodes, index: index, unplaced: placed.map { !$0 })
        throw invalid("cycle", "审核事项存在循环依赖：\(cycle.joined(separator: " → "))（→ 表示“依赖”）")
    }

    /// Every unplaced node still has an unplaced dependency, so following them must revisit a node.
    private static func traceCycle(_ nodes: [TaskNode], index: [String: Int], unplaced: [Bool]) -> [String] {
        var path: [Int] = []
        var position: [Int: Int] = [:]
        var current = unplaced.firstIndex(of: true)!
        while position[current] == nil {
            position[current] = path.count
            path.append(current)
            current = nodes[current].dependsOn.lazy.map { index[$0]! }.first { unplaced[$0] }!
        }
        return (path[position[current]!...] + [current]).map { nodes[$0].key }
    }
}
