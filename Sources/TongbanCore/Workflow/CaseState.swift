/// Where an application (办件) stands as a whole; task-level progress lives in `TaskState`.
public enum CaseState: String, Codable, Sendable, CaseIterable {
    case submitted
    case refused
    case inReview
    /// The promised time limit is stopped (补正时间不计入办理时限); see `DeadlineClock`.
    case awaitingSupplement
    case approved
    case notApproved
    case delivered
    case withdrawn

    public var title: String {
        switch self {
        case .submitted: "已提交"
        case .refused: "不予受理"
        case .inReview: "已受理"
        case .awaitingSupplement: "待补正"
        case .approved: "办结（准予）"
        case .notApproved: "办结（不予许可）"
        case .delivered: "已出件"
        case .withdrawn: "已撤回"
        }
    }

    /// `approved` is not terminal: the result still has to be handed over.
    public var isTerminal: Bool {
        switch self {
        case .refused, .notApproved, .delivered, .withdrawn: true
        case .submitted, .inReview, .awaitingSupplement, .approved: false
        }
    }

    /// Reads as "…的办件" in error messages, where the titles would be ungrammatical.
    var phrase: String {
        switch self {
        case .submitted: "待受理"
        case .refused: "已不予受理"
        case .inReview: "审核中"
        case .awaitingSupplement: "待补正"
        case .approved: "已办结"
        case .notApproved: "已作出不予许可决定"
        case .delivered: "已出件"
        case .withdrawn: "已撤回"
        }
    }
}

public enum CaseAction: String, Codable, Sendable, CaseIterable {
    case accept, refuse, requestSupplement
    /// Always leads back to `inReview`: the machine cannot see the tasks, so the app sends it only once
    /// no task waits for material any more (`TaskGraph.summary` is no longer `.awaitingSupplement`).
    case supplementReceived
    case allTasksApproved, taskRejected, deliver, withdraw

    var verb: String {
        switch self {
        case .accept: "受理"
        case .refuse: "作不予受理决定"
        case .requestSupplement: "要求补正"
        case .supplementReceived: "接收补正材料"
        case .allTasksApproved: "准予办结"
        case .taskRejected: "作不予许可决定"
        case .deliver: "出件"
        case .withdraw: "撤回"
        }
    }
}

public enum CaseStateMachine {
    public static func next(_ state: CaseState, on action: CaseAction) -> Result<CaseState, WorkflowError> {
        switch (state, action) {
        case (.submitted, .accept): .success(.inReview)
        case (.submitted, .refuse): .success(.refused)
        case (.inReview, .requestSupplement): .success(.awaitingSupplement)
        case (.awaitingSupplement, .supplementReceived): .success(.inReview)
        case (.inReview, .allTasksApproved): .success(.approved)
        // Another department may reject while the applicant is still gathering material for someone else.
        case (.inReview, .taskRejected), (.awaitingSupplement, .taskRejected): .success(.notApproved)
        case (.approved, .deliver): .success(.delivered)
        case (.submitted, .withdraw), (.inReview, .withdraw), (.awaitingSupplement, .withdraw): .success(.withdrawn)
        default: .failure(.illegalTransition("\(state.phrase)的办件不能\(action.verb)"))
        }
    }

    public static func allowedActions(from state: CaseState) -> [CaseAction] {
        CaseAction.allCases.filter { (try? next(state, on: $0).get()) != nil }
    }
}
