import Fluent
import Vapor

/// 我的社保 / 我的公积金 / 我的医保 and their statements as JSON, for the signed-in citizen only.
struct RecordsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let records = routes.grouped("api", "v1", "me", "records")
        records.get(use: overview)
        records.get("social-insurance", use: socialInsurance)
        records.get("fund", use: fund)
        records.get("medical", use: medical)
        records.post("statements", use: issue)
        records.get("statements", ":id", use: statement)
    }

    @Sendable func overview(_ request: Request) async throws -> RecordsOverview {
        try await request.records().overview()
    }

    @Sendable func socialInsurance(_ request: Request) async throws -> SocialInsuranceRecords {
        try await request.records().socialInsurance(from: request.query["from"], to: request.query["to"])
    }

    @Sendable func fund(_ request: Request) async throws -> FundRecords {
        try await request.records().fund(from: request.query["from"], to: request.query["to"])
    }

    @Sendable func medical(_ request: Request) async throws -> MedicalRecords {
        try await request.records().medical(from: request.query["from"], to: request.query["to"])
    }

    @Sendable func issue(_ request: Request) async throws -> Response {
        let service = try await request.statements()
        guard let input = try? request.content.decode(StatementInput.self) else {
            throw AppError.invalid("records.invalid_statement", "请求内容应为 JSON：kind（socialInsurance、fund、medical）、from、to（YYYY-MM）、showAmounts")
        }
        let (certificate, kind) = try await service.issue(input)
        return try await StatementView(certificate, kind: kind).encodeResponse(status: .created, for: request)
    }

    @Sendable func statement(_ request: Request) async throws -> StatementView {
        let service = try await request.statements()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("证明", code: "records.statement_not_found") }
        let (certificate, kind) = try await service.mine(id)
        return StatementView(certificate, kind: kind)
    }
}

enum RecordsURL {
    static let home = "/me/records"
    static let socialInsurance = "/me/records/social-insurance"
    static let fund = "/me/records/fund"
    static let medical = "/me/records/medical"
    static let statements = "/me/records/statements"
    static func statement(_ id: UUID) -> String { "/me/records/statements/\(id.uuidString)" }

    /// The public verification, filled in: printed on the statement for whoever receives it.
    static func verify(_ certificate: Certificate) -> String {
        "/verify?number=\(certificate.number)&code=\(certificate.verificationCode)"
    }
}
