import Vapor

/// Accounts over the JSON API: registration, bearer tokens, the profile, companies.
struct IdentityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("auth", "register", use: register)
        api.post("auth", "token", use: issueToken)
        api.delete("auth", "token", use: revokeToken)
        api.get("me", use: me)
        api.post("me", "companies", use: linkCompany)
        api.get("users", ":id", use: user)
    }

    @Sendable func register(_ request: Request) async throws -> Response {
        let user = try await request.identity.register(try request.content.decode(RegistrationInput.self))
        let profile = try await request.identity.profile(userID: try user.requireID())
        return try await profile.encodeResponse(status: .created, for: request)
    }

    @Sendable func issueToken(_ request: Request) async throws -> TokenResponse {
        let input = try request.content.decode(LoginInput.self)
        let identity = request.identity
        let user = try await identity.authenticate(input, clientAddress: request.clientAddress)
        let (token, expiresAt) = try await identity.issueToken(for: user)
        return TokenResponse(token: token, expiresAt: expiresAt, user: try await identity.profile(userID: try user.requireID()))
    }

    @Sendable func revokeToken(_ request: Request) async throws -> HTTPStatus {
        guard let token = request.headers.bearerAuthorization?.token else { throw AppError.unauthenticated }
        try await request.identity.revokeToken(token)
        return .noContent
    }

    @Sendable func me(_ request: Request) async throws -> ProfileView {
        try await request.identity.profile(userID: try request.requirePrincipal().userID)
    }

    @Sendable func linkCompany(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let company = try await request.identity.linkCompany(try request.content.decode(CompanyLinkInput.self), userID: principal.userID)
        return try await company.encodeResponse(status: .created, for: request)
    }

    /// Only the person themself or an administrator may read a profile.
    @Sendable func user(_ request: Request) async throws -> ProfileView {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("id", as: UUID.self) else {
            throw AppError(.badRequest, "request.invalid_id", "用户编号格式不正确")
        }
        guard id == principal.userID || principal.isAdmin else { throw AppError.forbidden }
        return try await request.identity.profile(userID: id)
    }
}

extension Request {
    /// The peer address, for rate limiting; behind the documented nginx it is X-Forwarded-For's first hop.
    var clientAddress: String {
        headers.first(name: "X-Forwarded-For")?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
            ?? remoteAddress?.ipAddress ?? "unknown"
    }
}
