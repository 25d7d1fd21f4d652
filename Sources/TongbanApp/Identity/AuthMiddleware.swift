import Vapor

/// Finds out who is asking (bearer token first, then the session cookie) for every request.
/// It never refuses anything itself; routes say what they need through `requirePrincipal`.
struct AuthMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if let bearer = request.headers.bearerAuthorization?.token {
            // The metrics scraper's token names no person; /metrics checks it (TONGBAN_METRICS_TOKEN).
            if let scraper = request.application.settings.metricsToken, Token.constantTimeEquals(bearer, scraper) {
                return next.respond(to: request)
            }
            // A token this instance already knows needs no task of its own, and most API requests carry one (issue 3).
            if let known = request.identity.knownPrincipal(bearerToken: bearer) {
                request.web.principal = known
                return next.respond(to: request)
            }
        } else if request.cookies[CookieName.session] == nil {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask { try await Self.authenticate(request) }.flatMap { next.respond(to: request) }
    }

    private static func authenticate(_ request: Request) async throws {
        if let bearer = request.headers.bearerAuthorization?.token {
            guard let principal = try await request.identity.principal(bearerToken: bearer) else {
                throw AppError(.unauthorized, "auth.invalid_token", "访问令牌无效或已过期，请重新登录")
            }
            request.web.principal = principal
        } else if let token = request.cookies[CookieName.session]?.string {
            request.web.principal = try await request.identity.principal(sessionToken: token)
        }
    }
}

extension Request {
    var principal: Principal? { web.principal }

    func requirePrincipal() throws -> Principal {
        guard let principal = web.principal else { throw AppError.unauthenticated }
        return principal
    }

    /// The person must hold at least one of `roles` (anywhere).
    func require(anyOf roles: Set<Role>) throws -> Principal {
        let principal = try requirePrincipal()
        guard principal.grants.contains(where: { roles.contains($0.role) }) else { throw AppError.forbidden }
        return principal
    }

    func requireStaff() throws -> Principal {
        let principal = try requirePrincipal()
        guard principal.isStaff else { throw AppError.forbidden }
        return principal
    }

    func requireAdmin() throws -> Principal { try require(anyOf: [.admin]) }

    /// Internal work of one department: its own staff, or a city-wide role.
    func requireDepartmentAccess(_ departmentCode: String) throws -> Principal {
        let principal = try requireStaff()
        guard principal.visibleDepartments.contains(departmentCode) else {
            throw AppError(.forbidden, "auth.other_department", "您只能查看本部门的业务数据")
        }
        return principal
    }
}
