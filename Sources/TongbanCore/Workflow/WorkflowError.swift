/// A workflow rule the caller broke. `code` is stable for API clients; `message` is shown to clerks as is.
public struct WorkflowError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func illegalTransition(_ message: String) -> WorkflowError {
        WorkflowError(code: "workflow.illegal_transition", message: message)
    }
}
