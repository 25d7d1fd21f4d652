import Testing
import TongbanCore

@Suite("Case state machine")
struct CaseStateMachineTests {
    /// Written out independently of the implementation; anything not listed must be refused.
    static let legal: [CaseState: [CaseAction: CaseState]] = [
        .submitted: [.accept: .inReview, .refuse: .refused, .withdraw: .withdrawn],
        .inReview: [.requestSupplement: .awaitingSupplement, .allTasksApproved: .approved,
                    .taskRejected: .notApproved, .withdraw: .withdrawn],
        .awaitingSupplement: [.supplementReceived: .inReview, .taskRejected: .notApproved, .withdraw: .withdrawn],
        .approved: [.deliver: .delivered],
    ]

    static func isChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    @Test("every state × action follows the transition table", arguments: CaseState.allCases, CaseAction.allCases)
    func transitionTable(state: CaseState, action: CaseAction) {
        switch CaseStateMachine.next(state, on: action) {
        case .success(let next):
            #expect(Self.legal[state]?[action] == next)
        case .failure(let error):
            #expect(Self.legal[state]?[action] == nil)
            #expect(error.code == "workflow.illegal_transition")
            #expect(Self.isChinese(error.message) && error.message.contains("的办件不能"))
        }
    }

    @Test("each refusal names its own state and action")
    func distinctMessages() {
        let messages = CaseState.allCases.flatMap { state in
            CaseAction.allCases.compactMap { action -> String? in
                if case .failure(let error) = CaseStateMachine.next(state, on: action) { return error.message }
                return nil
            }
        }
        #expect(messages.count == 64 - 11)
        #expect(Set(messages).count == messages.count)
    }

    @Test("withdrawing a decided case is refused in plain Chinese")
    func withdrawApproved() {
        #expect(CaseStateMachine.next(.approved, on: .withdraw)
            == .failure(WorkflowError(code: "workflow.illegal_transition", message: "已办结的办件不能撤回")))
    }

    @Test("allowed actions match the table, in declaration order", arguments: CaseState.allCases)
    func allowedActions(state: CaseState) {
        let expected = CaseAction.allCases.filter { Self.legal[state]?[$0] != nil }
        #expect(CaseStateMachine.allowedActions(from: state) == expected)
        #expect(expected.isEmpty == state.isTerminal)
    }

    @Test("titles are the Chinese status names",
          arguments: [(CaseState.submitted, "已提交"), (.refused, "不予受理"), (.inReview, "已受理"),
                      (.awaitingSupplement, "待补正"), (.approved, "办结（准予）"), (.notApproved, "办结（不予许可）"),
                      (.delivered, "已出件"), (.withdrawn, "已撤回")])
    func titles(state: CaseState, title: String) {
        #expect(state.title == title)
    }

    @Test("raw values are stable for storage")
    func rawValues() {
        #expect(CaseState(rawValue: "awaitingSupplement") == .awaitingSupplement)
        #expect(CaseAction(rawValue: "allTasksApproved") == .allTasksApproved)
    }
}
