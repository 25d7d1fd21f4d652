import PostgresNIO
import SQLiteNIO
import Vapor

/// Turns every error into either a JSON body (`/api`, `/open311`) or a friendly Chinese page,
/// and maps framework errors (bad JSON, oversized body, unknown route) to stable codes.
struct TongbanErrorMiddleware: Middleware {
    // Future-based, as are the other global middlewares: an async middleware costs every request a task of its own
    // and two thread hops (issue 3 measures requests by the thousand a second).
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).recover { error in Self.response(for: error, request: request) }
    }

    static func response(for error: any Error, request: Request) -> Response {
        if let error = error as? any AbortError, error.status == .notFound, request.route == nil {
            // No route for this method; if the path has routes for others, say which (405 with Allow), as HTTP asks.
            let allowed = RouteMethods.allowed(for: request.url.path, in: request.application.routes)
            guard !allowed.isEmpty else { return render(translate(error, request: request), for: request) }
            let response = render(AppError(.methodNotAllowed, "request.method_not_allowed", "此地址不支持 \(request.method.rawValue) 请求"), for: request)
            response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
            return response
        }
        let appError = translate(error, request: request)
        if appError.status.code >= 500 {
            request.logger.report(error: error)
        }
        let response = render(appError, for: request)
        if appError.status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "5") }
        return response
    }

    static func translate(_ error: any Error, request: Request) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case is DecodingError:
            return AppError(.badRequest, "request.malformed", "请求内容格式不正确：\(describe(error as! DecodingError))")
        case let error as ValidationsError:
            return AppError(.badRequest, "request.invalid", "请求内容不符合要求：\(error.description)")
        case let error as AbortError:
            switch error.status {
            case .payloadTooLarge:
                return AppError(.payloadTooLarge, "request.too_large", "请求内容过大")
            case .notFound:
                return AppError(.notFound, "not_found", "您访问的页面或资源不存在")
            case .unsupportedMediaType:
                return AppError(.unsupportedMediaType, "request.unsupported_media_type", "不支持的内容类型，请使用 JSON 或表单")
            case .badRequest:
                return AppError(.badRequest, "request.malformed", "请求内容格式不正确：\(error.reason)")
            case .methodNotAllowed:
                return AppError(.methodNotAllowed, "request.method_not_allowed", "不支持该请求方法")
            default:
                let status = error.status
                if status.code >= 500 {
                    return AppError(.internalServerError, "server.error", "服务器内部错误，请稍后再试")
                }
                return AppError(status, "request.rejected", error.reason)
            }
        case let error as PSQLError where Self.databaseUnavailable(error):
            return AppError(.serviceUnavailable, "server.database_unavailable", "系统正在维护或繁忙，您的请求没有办理成功，请稍后再试")
        case let error as SQLiteError where [.busy, .locked, .busyInSnapshot, .busyTimeout, .busyInRecovery].contains(error.reason):
            // Another writer held SQLite's one write lock: the transaction was rolled back, so nothing was done.
            return AppError(.serviceUnavailable, "server.database_unavailable", "系统正在维护或繁忙，您的请求没有办理成功，请稍后再试")
        default:
            return AppError(.internalServerError, "server.error", "服务器内部错误，请稍后再试")
        }
    }

    /// PostgreSQL restarting or out of reach: nothing was saved, and trying again shortly will work — a 503 says so
    /// (and lets a load balancer or a client retry), where a 500 would say the platform is broken.
    static func databaseUnavailable(_ error: PSQLError) -> Bool {
        if error.code == .connectionError || error.code == .serverClosedConnection { return true }
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        // 08: connection exception; 57P01–57P03: administrator shutdown, crash shutdown, cannot connect now.
        return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map(\.stringValue).joined(separator: ".")
            return joined.isEmpty ? "" : "字段 \(joined) "
        }
        switch error {
        case .typeMismatch(_, let context): return "\(path(context))类型不正确"
        case .valueNotFound(_, let context): return "\(path(context))不能为空"
        case .keyNotFound(let key, let context): return "\(path(context))缺少字段 \(key.stringValue)"
        case .dataCorrupted(let context): return "\(path(context))数据无法解析"
        @unknown default: return "无法解析"
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.url.path
        if path.hasPrefix("/api/") || path.hasPrefix("/open311/") || path == "/healthz" { return true }
        return request.headers.accept.mediaTypes.first == .json
    }

    static func render(_ error: AppError, for request: Request) -> Response {
        guard wantsJSON(request) else {
            // A person who is not signed in is taken to the sign-in page and brought back afterwards; a program that
            // sent a bearer token (a scraper, a script) is answered 401, since it cannot sign in there.
            if error.status == .unauthorized, request.method == .GET, request.headers.bearerAuthorization == nil {
                let back = request.url.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return request.redirect(to: "\(SiteURL.login)?next=\(back)", redirectType: .normal)
            }
            return ErrorPage.render(error, request: request)
        }
        let response = Response(status: error.status)
        let body = ErrorBody(
            error: error.code, message: error.message,
            details: error.details.isEmpty ? nil : error.details,
            requestId: request.headers.first(name: "X-Request-Id"))
        try? response.content.encode(body, as: .json)
        return response
    }
}

/// Refuses bodies over the configured size before any route sees them, whether the size is
/// announced (Content-Length) or the body arrived already collected. Only the routes that take
/// files get a bigger allowance; each of them still enforces its own limit when it collects.
struct BodyLimitMiddleware: Middleware {
    let maxBytes: Int

    static let uploadPaths = ["/api/v1/uploads", "/apply", "/workbench/counter", "/me/community/repairs"]
    static let uploadBytes = 48 * 1024 * 1024

    static func takesFiles(_ path: String) -> Bool {
        uploadPaths.contains(path) || (path.hasPrefix("/me/cases/") && path.hasSuffix("/supplement"))
    }

    func limit(for request: Request) -> Int {
        request.method == .POST && Self.takesFiles(request.url.path) ? Self.uploadBytes : maxBytes
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let limit = limit(for: request)
        let announced = request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        let collected = request.body.data?.readableBytes ?? 0
        if max(announced, collected) > limit {
            return request.eventLoop.makeFailedFuture(AppError(.payloadTooLarge, "request.too_large", "请求内容过大（上限 \(limit / 1024) KB）"))
        }
        // A browser form's CSRF field is in the body: collect it now (within the limit) so the
        // CSRF check can read it, as routes would only collect after the middleware has run.
        if request.body.data == nil, request.method != .GET, request.method != .HEAD {
            return request.body.collect(max: limit).flatMap { _ in next.respond(to: request) }
        }
        return next.respond(to: request)
    }
}
