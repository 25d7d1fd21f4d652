import Vapor

/// Per-request facts every page needs: the CSRF token for its forms, elder mode, the signed-in user.
struct WebContext: Sendable {
    var csrfToken: String
    var elderMode: Bool
    var principal: Principal?
    /// A self-service terminal (自助终端) in a community, bank or mall: large type, idle sign-out.
    var kiosk = false
}

enum CookieName {
    static let session = "tb_session"
    static let csrf = "tb_csrf"
    static let elder = "tb_elder"
    static let kiosk = "tb_kiosk"
}

extension Request {
    private struct WebContextKey: StorageKey { typealias Value = WebContext }

    var web: WebContext {
        get { storage[WebContextKey.self] ?? WebContext(csrfToken: "", elderMode: false, principal: nil) }
        set { storage[WebContextKey.self] = newValue }
    }
}

/// Makes sure every visitor has a CSRF cookie, and rejects state-changing browser requests
/// whose form field or header does not match it (double-submit: a cross-site page can neither
/// read nor set our cookie, and SameSite=Strict keeps it off cross-site requests anyway).
struct CSRFMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let existing = request.cookies[CookieName.csrf]?.string
        // An API client with a bearer token never receives the cookie, so it needs no fresh random token either.
        let apiClient = request.headers.bearerAuthorization != nil && request.url.path.hasPrefix("/api/")
        let token = existing.flatMap { $0.count == 43 ? $0 : nil } ?? (apiClient ? "" : Token.random())
        request.web.csrfToken = token
        request.web.elderMode = request.cookies[CookieName.elder]?.string == "1"
        request.web.kiosk = request.cookies[CookieName.kiosk]?.string == "1"

        if request.method != .GET, request.method != .HEAD, request.needsCSRFCheck {
            let sent = request.headers.first(name: "X-CSRF-Token")
                ?? (try? request.content.get(String.self, at: "_csrf"))
            guard let sent, let existing, Token.constantTimeEquals(sent, existing) else {
                return request.eventLoop.makeFailedFuture(AppError(.forbidden, "csrf.invalid", "页面已过期或来源不明，请刷新页面后重新提交"))
            }
        }
        return next.respond(to: request).map { response in
            // Only pages carry forms; API clients and assets do not need the cookie.
            if existing != token, response.headers.contentType?.subType == "html" {
                response.cookies[CookieName.csrf] = HTTPCookies.Value(
                    string: token, expires: nil, maxAge: nil, path: "/", isSecure: false,
                    isHTTPOnly: true, sameSite: .strict)
            }
            return response
        }
    }
}

extension Request {
    /// API clients authenticate with bearer tokens, which a browser never attaches on its own;
    /// a request that rides on the session cookie must prove it came from our own page.
    var needsCSRFCheck: Bool {
        if url.path.hasPrefix("/api/") || url.path.hasPrefix("/open311/") {
            return headers.bearerAuthorization == nil && cookies[CookieName.session] != nil
        }
        return true
    }
}
