import Vapor

/// An error in the spec's shape: HTTP 400 for a missing or invalid parameter, 403 for a missing or
/// wrong api_key, 404 for anything that does not exist. The body lists one or more {code, description}.
struct Open311Error: Error, Sendable {
    var status: HTTPResponseStatus
    var descriptions: [String]

    init(_ status: HTTPResponseStatus, _ descriptions: [String]) {
        self.status = status
        self.descriptions = descriptions
    }

    static func missing(_ parameter: String, _ what: String) -> Open311Error {
        Open311Error(.badRequest, ["\(parameter) was not provided：请提供\(what)"])
    }

    static func invalid(_ parameter: String, _ why: String) -> Open311Error {
        Open311Error(.badRequest, ["\(parameter) is invalid：\(why)"])
    }

    static func notFound(_ description: String) -> Open311Error {
        Open311Error(.notFound, [description])
    }

    static let missingKey = Open311Error(.forbidden, ["api_key was not provided：提交诉求需要 API 密钥"])
    static let invalidKey = Open311Error(.forbidden, ["Invalid api_key received：API 密钥无效，无法提交诉求"])
    static let unknownFormat = Open311Error.notFound("Unknown format：仅支持 .json 和 .xml")
    static let unknownResource = Open311Error.notFound("Unknown resource：没有这个 Open311 资源")

    var document: Open311Document {
        Open311Document(root: "errors", body: .list(item: "error", descriptions.map { description in
            .fields(["code": .integer(Int(status.code)), "description": .text(description)])
        }))
    }

    func response(_ format: Open311Format) -> Response {
        document.response(format, status: status)
    }

    /// Where the platform's own errors land: a rejected ticket becomes one 400 per field, named as the client sent it.
    static func translate(_ error: any Error, request: Request) -> Open311Error {
        switch error {
        case let error as Open311Error:
            return error
        case let error as AppError where error.status == .notFound || error.status == .forbidden:
            return Open311Error(error.status, [error.message])
        case let error as AppError where error.status.code < 500:
            guard !error.details.isEmpty else { return Open311Error(.badRequest, [error.message]) }
            return Open311Error(.badRequest, error.details.sorted { $0.key < $1.key }.map { field, message in
                "\(parameter(for: field)) is invalid：\(message)"
            })
        default:
            request.logger.report(error: error)
            return Open311Error(.badRequest, ["General service error：服务暂时无法处理该请求，请稍后再试"])
        }
    }

    /// The ticket's field names, as the Open311 parameters that fill them.
    private static func parameter(for field: String) -> String {
        switch field {
        case "type": "attribute[request_type]"
        case "title", "body": "description"
        case "address": "address_string"
        case "lat", "long": field
        case "contactName": "first_name/last_name"
        case "contactPhone": "phone"
        default: "request"
        }
    }
}
