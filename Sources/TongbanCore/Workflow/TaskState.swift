/// One department's review of one item within a case (see `TaskGraph`).
public enum TaskState: String, Codable, Sendable, CaseIterable {
    case waiting
    case open
    case awaitingSupplement
    case approved
    case rejected
    case cancelled

    public var title: String {
        switch self {
        case .waiting: "等待前置"
        case .open: "审核中"
        case .awaitingSupplement: "待补正"
        case .approved: "已通过"
        case .rejected: "未通过"
        case .cancelled: "已取消"
        }
    }

    /// An approved task stays approved when the case ends: the decision was made and is kept on file.
    public var isTerminal: Bool {
        switch self {
        case .approved, .rejected, .cancelled: true
        case .waiting, .open, .awaitingSupplement: false
        }
    }
}

public enum TaskAction: String, Codable, Sendable, CaseIterable {
    case dependenciesMet, approve, reject, requestSupplement, supplementReceived
    /// Sent to every non-terminal task when the case is withdrawn or not approved.
    case cancel

    var verb: String {
        switch self {
        case .dependenciesMet: "转入审核"
        case .approve: "审核通过"
        case .reject: "驳回"
        case .requestSupplement: "要求补正"
        case .supplementReceived: "接收补正材料"
        case .cancel: "取消"
        }
    }
}

public enum TaskStateMachine {
    public static func next(_ state: TaskState, on action: TaskAction) -> Result<TaskState, WorkflowError> {
        switch (state, action) {
        case (.waiting, .dependenciesMet): .success(.open)
        case (.open, .approve): .success(.approved)
        case (.open, .reject): .success(.rejected)
        case (.open, .requestSupplement): .success(.awaitingSupplement)
        case (.awaitingSupplement, .supplementReceived): .success(.open)
        // 逾期不补正: the department may decide without the material instead of waiting forever.
        case (.awaitingSupplement, .reject): .success(.rejected)
        case (.waiting, .cancel), (.open, .cancel), (.awaitingSupplement, .cancel): .success(.cancelled)
        default: .failure(.illegalTransition("\(state.title)的事项不能\(action.verb)"))
        }
    }

    public static func allowedActions(from state: TaskState) -> [TaskAction] {
        TaskAction.allCases.filter { (try? next(state, on: $0).get()) != nil }
    }
}
