import Fluent
import Vapor

/// The certificates' JSON API: the holder's wallet and sharing, public verification, revocation.
struct CertificateController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("me", "certificates", use: wallet)
        api.post("certificates", ":id", "share", use: share)
        api.post("certificates", ":id", "revoke", use: revoke)
        api.get("certificates", "verify", use: verify)
        api.get("certificates", "shared", ":code", use: shared)
    }

    struct WalletEntry: Content {
        var id: UUID
        var verification: CertificateService.Verification
        var verificationCode: String
        var caseId: UUID?
    }

    @Sendable func wallet(_ request: Request) async throws -> [WalletEntry] {
        let principal = try request.requirePrincipal()
        let service = request.certificates
        return try await service.wallet(of: principal.userID).map {
            WalletEntry(id: $0.id!, verification: service.verification($0, showContent: true), verificationCode: $0.verificationCode, caseId: $0.caseID)
        }
    }

    struct ShareInput: Content {
        var minutes: Int?
    }

    struct ShareView: Content {
        var code: String
        var link: String
        var expiresAt: Date
    }

    @Sendable func share(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("证照", code: "certificate.not_found") }
        let service = request.certificates
        let minutes = (try? request.content.decode(ShareInput.self))?.minutes ?? 30
        let share = try await service.share(try await service.held(id, by: principal.userID), minutes: minutes)
        return try await ShareView(code: share.code, link: "/shared/\(share.code)", expiresAt: share.expiresAt)
            .encodeResponse(status: .created, for: request)
    }

    struct RevokeInput: Content {
        var reason: String?
    }

    @Sendable func revoke(_ request: Request) async throws -> CertificateService.Verification {
        let principal = try request.requireStaff()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("证照", code: "certificate.not_found") }
        let service = request.certificates
        let reason = (try? request.content.decode(RevokeInput.self))?.reason
        return service.verification(try await service.revoke(id, reason: reason, by: principal), showContent: false)
    }

    /// Anyone, with the number and the code printed on the certificate.
    @Sendable func verify(_ request: Request) async throws -> CertificateService.Verification {
        let service = request.certificates
        let certificate = try await service.verify(number: request.query[String.self, at: "number"] ?? "",
                                                   code: request.query[String.self, at: "code"] ?? "")
        return try await service.withLedger(service.verification(certificate, showContent: false), ledger: request.ledger)
    }

    /// What the holder chose to show, while the code is valid.
    @Sendable func shared(_ request: Request) async throws -> CertificateService.Verification {
        let service = request.certificates
        let certificate = try await service.shared(request.parameters.get("code") ?? "")
        return try await service.withLedger(service.verification(certificate, showContent: true), ledger: request.ledger)
    }
}
