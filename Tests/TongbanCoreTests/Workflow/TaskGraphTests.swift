import Testing
import TongbanCore

@Suite("Task graph")
struct TaskGraphTests {
    /// 企业开办: registration first, then the four follow-ups in parallel.
    static let companyOpening = [
        TaskNode(key: "企业设立登记", dependsOn: []),
        TaskNode(key: "银行开户预约", dependsOn: ["企业设立登记"]),
        TaskNode(key: "公章刻制", dependsOn: ["企业设立登记"]),
        TaskNode(key: "税务登记", dependsOn: ["企业设立登记"]),
        TaskNode(key: "社保登记", dependsOn: ["企业设立登记"]),
    ]
    static let followUps = ["银行开户预约", "公章刻制", "税务登记", "社保登记"]

    static func failure(_ nodes: [TaskNode]) -> WorkflowError? {
        do throws(WorkflowError) {
            _ = try TaskGraph(nodes)
            return nil
        } catch {
            return error
        }
    }

    @Test("tasks without dependencies open, the rest wait")
    func initialStates() throws {
        let graph = try TaskGraph(Self.companyOpening)
        var expected = Dictionary(uniqueKeysWithValues: Self.followUps.map { ($0, TaskState.waiting) })
        expected["企业设立登记"] = .open
        #expect(graph.initialStates() == expected)
        #expect(graph.newlyReady(states: expected).isEmpty)
    }

    @Test("approving registration readies all four follow-ups, once")
    func newlyReadyAfterApproval() throws {
        let graph = try TaskGraph(Self.companyOpening)
        var states = graph.initialStates()
        states["企业设立登记"] = .approved
        #expect(graph.newlyReady(states: states) == Self.followUps)
        for key in Self.followUps { states[key] = .open }
        #expect(graph.newlyReady(states: states).isEmpty)
    }

    @Test("a task with two dependencies waits for both")
    func diamond() throws {
        let graph = try TaskGraph(Self.companyOpening + [TaskNode(key: "员工参保", dependsOn: ["税务登记", "社保登记"])])
        var states = graph.initialStates()
        states["企业设立登记"] = .approved
        states["税务登记"] = .approved
        states["社保登记"] = .awaitingSupplement
        #expect(graph.newlyReady(states: states) == ["银行开户预约", "公章刻制"])
        states["社保登记"] = .approved
        #expect(graph.newlyReady(states: states) == ["银行开户预约", "公章刻制", "员工参保"])
    }

    @Test("topological order puts dependencies first and otherwise keeps input order")
    func topologicalOrder() throws {
        let graph = try TaskGraph([
            TaskNode(key: "银行开户预约", dependsOn: ["企业设立登记"]),
            TaskNode(key: "名称自主申报"),
            TaskNode(key: "企业设立登记", dependsOn: ["名称自主申报"]),
            TaskNode(key: "公章刻制", dependsOn: ["企业设立登记"]),
        ])
        #expect(graph.topologicalOrder == ["名称自主申报", "企业设立登记", "银行开户预约", "公章刻制"])
    }

    @Test("invalid graphs are refused with a code and a Chinese message",
          arguments: [
              ([TaskNode(key: "税务登记"), TaskNode(key: "税务登记")], "workflow.duplicate_task", "审核事项“税务登记”重复"),
              ([TaskNode(key: "公章刻制", dependsOn: ["公章刻制"])], "workflow.self_dependency", "审核事项“公章刻制”不能依赖自身"),
              ([TaskNode(key: "银行开户预约", dependsOn: ["企业设立"])], "workflow.unknown_dependency",
               "审核事项“银行开户预约”依赖的“企业设立”不存在"),
              ([], "workflow.empty_graph", "办件至少需要一个审核事项"),
          ])
    func invalid(nodes: [TaskNode], code: String, message: String) {
        #expect(Self.failure(nodes) == WorkflowError(code: code, message: message))
    }

    @Test("a cycle is refused naming exactly the keys in it")
    func cycle() throws {
        let error = try #require(Self.failure([
            TaskNode(key: "名称申报"),
            TaskNode(key: "银行开户", dependsOn: ["设立登记"]),  // downstream of the cycle, not part of it
            TaskNode(key: "设立登记", dependsOn: ["名称申报", "税务登记"]),
            TaskNode(key: "社保登记", dependsOn: ["设立登记"]),
            TaskNode(key: "税务登记", dependsOn: ["社保登记"]),
        ]))
        #expect(error.code == "workflow.cycle")
        #expect(error.message.contains("设立登记 → 税务登记 → 社保登记 → 设立登记"))
        #expect(!error.message.contains("银行开户") && !error.message.contains("名称申报"))
    }

    @Test("a two-task cycle is named too")
    func shortCycle() throws {
        let error = try #require(Self.failure([TaskNode(key: "甲", dependsOn: ["乙"]), TaskNode(key: "乙", dependsOn: ["甲"])]))
        #expect(error.code == "workflow.cycle")
        #expect(error.message.contains("甲 → 乙 → 甲"))
    }

    @Test("summary gives the case-level outcome",
          arguments: [
              (["open", "approved", "waiting", "waiting", "waiting"], GraphSummary.inProgress),
              (["approved", "awaitingSupplement", "open", "approved", "open"], .awaitingSupplement),
              (["approved", "awaitingSupplement", "rejected", "open", "open"], .rejected),  // rejection decides
              (["approved", "approved", "approved", "approved", "approved"], .allApproved),
              (["approved", "approved", "approved", "approved", "cancelled"], .inProgress),  // never approved by omission
          ])
    func summary(raw: [String], expected: GraphSummary) throws {
        let graph = try TaskGraph(Self.companyOpening)
        let states = Dictionary(uniqueKeysWithValues: zip(graph.nodes.map(\.key), raw.map { TaskState(rawValue: $0)! }))
        #expect(graph.summary(states: states) == expected)
    }

    @Test("a task missing from the state map is not approved")
    func missingState() throws {
        let graph = try TaskGraph(Self.companyOpening)
        var states = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.key, TaskState.approved) })
        states["公章刻制"] = nil
        #expect(graph.summary(states: states) == .inProgress)
        #expect(graph.newlyReady(states: ["银行开户预约": .waiting]).isEmpty)
    }
}
