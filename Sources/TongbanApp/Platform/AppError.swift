import Vapor

/// The one error type the platform shows to people: a stable code for programs and a
/// Chinese message for humans. Anything else that escapes a handler is a bug (a 500).
public struct AppError: Error, AbortError, Sendable {
    public let status: HTTPResponseStatus
    public let code: String
    public let message: String
    /// Field-level problems for forms and JSON bodies, keyed by field name.
    public var details: [String: String]

    public init(_ status: HTTPResponseStatus, _ code: String, _ message: String, details: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    public var reason: String { message }

    public static func notFound(_ what: String, code: String = "not_found") -> AppError {
        AppError(.notFound, code, "\(what)不存在或已删除")
    }

    public static func invalid(_ code: String, _ message: String, details: [String: String] = [:]) -> AppError {
        AppError(.unprocessableEntity, code, message, details: details)
    }

    public static let unauthenticated = AppError(.unauthorized, "auth.required", "请先登录")
    public static let forbidden = AppError(.forbidden, "auth.forbidden", "您没有权限访问该内容")
}

/// JSON shape of every API error.
struct ErrorBody: Content {
    let error: String
    let message: String
    let details: [String: String]?
    let requestId: String?
}
