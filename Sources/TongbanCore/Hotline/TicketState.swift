/// Where a 12345 ticket is in its life: 待派单 → 待签收 → 办理中 → 已答复 → 已办结.
public enum TicketState: String, Codable, Sendable, CaseIterable {
    case pending
    case dispatched
    case handling
    case replied
    case closed
    /// Folded into a parent ticket about the same matter; the parent's reply reaches this reporter too.
    case merged

    public var title: String {
        switch self {
        case .pending: "待派单"
        case .dispatched: "待签收"
        case .handling: "办理中"
        case .replied: "已答复待回访"
        case .closed: "已办结"
        case .merged: "已合并"
        }
    }

    public var isOpen: Bool { self != .closed && self != .merged }

    /// The department's clock runs while the ticket is with it.
    public var isWithDepartment: Bool { self == .dispatched || self == .handling }
}

public enum TicketAction: String, Codable, Sendable, CaseIterable {
    case dispatch, sign, giveBack, reassign, reply, satisfied, unsatisfied, answerOnSpot, merge, close
    /// A community's work order (社区报修) that is beyond the community becomes a 12345 ticket waiting for dispatch.
    case escalate

    var verb: String {
        switch self {
        case .dispatch: "派单"
        case .sign: "签收"
        case .giveBack: "退单"
        case .reassign: "改派"
        case .reply: "答复"
        case .satisfied: "回访满意"
        case .unsatisfied: "回访不满意"
        case .answerOnSpot: "当场答复"
        case .merge: "合并"
        case .close: "办结"
        case .escalate: "升级为12345工单"
        }
    }
}

public enum TicketStateMachine {
    public static func next(_ state: TicketState, on action: TicketAction) -> Result<TicketState, WorkflowError> {
        switch (state, action) {
        case (.pending, .dispatch): .success(.dispatched)
        case (.dispatched, .sign): .success(.handling)
        // 退单 sends the ticket back to the dispatcher, before or soon after signing (the time window is the service's rule).
        case (.dispatched, .giveBack), (.handling, .giveBack): .success(.pending)
        case (.pending, .reassign), (.dispatched, .reassign), (.handling, .reassign): .success(.dispatched)
        case (.handling, .reply): .success(.replied)
        case (.replied, .satisfied): .success(.closed)
        // 重办: back to the same department, which has already signed for it once.
        case (.replied, .unsatisfied): .success(.handling)
        // 一次办结: an operator answers a consultation from the knowledge base while the caller is on the line.
        case (.pending, .answerOnSpot): .success(.closed)
        case (.pending, .merge), (.dispatched, .merge), (.handling, .merge): .success(.merged)
        // A reply nobody called back about is closed by the platform after the callback window.
        case (.replied, .close): .success(.closed)
        // 升级: the community hands a work order it cannot settle to the 12345 dispatcher, before or after signing.
        case (.dispatched, .escalate), (.handling, .escalate): .success(.pending)
        default: .failure(.illegalTransition("\(state.title)的工单不能\(action.verb)"))
        }
    }
}
