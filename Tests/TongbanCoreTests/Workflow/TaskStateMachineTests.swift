import Testing
import TongbanCore

@Suite("Review task state machine")
struct TaskStateMachineTests {
    static let legal: [TaskState: [TaskAction: TaskState]] = [
        .waiting: [.dependenciesMet: .open, .cancel: .cancelled],
        .open: [.approve: .approved, .reject: .rejected, .requestSupplement: .awaitingSupplement, .cancel: .cancelled],
        .awaitingSupplement: [.supplementReceived: .open, .reject: .rejected, .cancel: .cancelled],
    ]

    @Test("every state × action follows the transition table", arguments: TaskState.allCases, TaskAction.allCases)
    func transitionTable(state: TaskState, action: TaskAction) {
        switch TaskStateMachine.next(state, on: action) {
        case .success(let next):
            #expect(Self.legal[state]?[action] == next)
        case .failure(let error):
            #expect(Self.legal[state]?[action] == nil)
            #expect(error.code == "workflow.illegal_transition")
            #expect(CaseStateMachineTests.isChinese(error.message) && error.message.contains("的事项不能"))
        }
    }

    @Test("each refusal names its own state and action")
    func distinctMessages() {
        let messages = TaskState.allCases.flatMap { state in
            TaskAction.allCases.compactMap { action -> String? in
                if case .failure(let error) = TaskStateMachine.next(state, on: action) { return error.message }
                return nil
            }
        }
        #expect(messages.count == 36 - 9)
        #expect(Set(messages).count == messages.count)
        #expect(messages.contains("已通过的事项不能驳回"))
    }

    @Test("allowed actions match the table; terminal states allow none", arguments: TaskState.allCases)
    func allowedActions(state: TaskState) {
        let expected = TaskAction.allCases.filter { Self.legal[state]?[$0] != nil }
        #expect(TaskStateMachine.allowedActions(from: state) == expected)
        #expect(expected.isEmpty == state.isTerminal)
    }

    @Test("cancelling a case leaves decided tasks alone", arguments: TaskState.allCases)
    func cancel(state: TaskState) {
        let result = try? TaskStateMachine.next(state, on: .cancel).get()
        #expect(result == (state.isTerminal ? nil : .cancelled))
    }

    @Test("titles are the Chinese status names",
          arguments: [(TaskState.waiting, "等待前置"), (.open, "审核中"), (.awaitingSupplement, "待补正"),
                      (.approved, "已通过"), (.rejected, "未通过"), (.cancelled, "已取消")])
    func titles(state: TaskState, title: String) {
        #expect(state.title == title)
    }
}
