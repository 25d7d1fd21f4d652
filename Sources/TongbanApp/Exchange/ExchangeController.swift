import Fluent
import TongbanCore
import Vapor

/// The exchange's JSON API: staff reads through the gate, a person's own usage record, grants.
struct ExchangeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("exchange", ":registry", ":idNumber", use: read)
        api.get("me", "data-usage", use: usage)
        api.get("admin", "grants", use: grants)
        api.post("admin", "grants", use: createGrant)
        api.post("admin", "grants", ":id", "revoke", use: revokeGrant)
    }

    struct ReadView: Content {
        var registry: String
        var values: [String: FactValue]
        /// Asked for but not granted to this department: withheld.
        var masked: [String]
    }

    /// Staff read for their department, naming the purpose (a service item code) and optionally the case.
    @Sendable func read(_ request: Request) async throws -> ReadView {
        let principal = try request.requireStaff()
        guard let department = principal.grants.first(where: { [.reviewer, .handler, .clerk].contains($0.role) })?.departmentCode else {
            throw AppError(.forbidden, "exchange.no_department", "只有部门工作人员可以通过共享交换读取数据")
        }
        let registry = request.parameters.get("registry") ?? ""
        guard let known = RegistryCatalog.registry(registry) else { throw AppError.notFound("数据库“\(registry)”", code: "exchange.unknown_registry") }
        let idNumber: String
        let subject = request.parameters.get("idNumber") ?? ""
        if known.keyedByCompany {
            switch CreditCode.result(subject) {
            case .success(let code): idNumber = code.value
            case .failure(let error): throw AppError.invalid(error.code, error.message)
            }
        } else {
            switch ResidentID.result(subject) {
            case .success(let id): idNumber = id.value
            case .failure(let error): throw AppError.invalid(error.code, error.message)
            }
        }
        let fields = (request.query[String.self, at: "fields"] ?? "").split(separator: ",").map { String($0).trimmed }
        let result = try await request.exchange.read(
            registry, fields: fields, of: idNumber,
            by: .init(name: principal.realName, userID: principal.userID, departmentCode: department),
            purpose: request.query[String.self, at: "purpose"] ?? "", caseID: request.query[UUID.self, at: "case"])
        return ReadView(registry: registry, values: result.values, masked: result.masked)
    }

    struct UsageView: Content {
        var at: Date
        var reader: String
        var department: String
        var registry: String
        var fields: [String]
        var masked: [String]
        var purpose: String
        var caseId: UUID?
    }

    static func usage(of principal: Principal, request: Request) async throws -> [UsageView] {
        guard let user = try await User.find(principal.userID, on: request.db), let sealed = user.idNumberCipher else { return [] }
        let cipher = request.application.fieldCipher
        let subject = cipher.lookupHash("rid:" + (try cipher.open(sealed)))
        let rows = try await DataAccess.query(on: request.db).filter(\.$subjectHash == subject).sort(\.$at, .descending).limit(200).all()
        let snapshot = request.catalog.snapshot
        return rows.map { row in
            let registry = RegistryCatalog.registry(row.registry)
            let split: (String?) -> [String] = { ($0 ?? "").split(separator: ",").map { registry?.label(String($0)) ?? String($0) } }
            return UsageView(
                at: row.at, reader: row.readerName,
                department: row.departmentCode == ExchangeGate.Reader.selfService ? "本人" : (snapshot.department(row.departmentCode)?.name ?? row.departmentCode),
                registry: registry?.name ?? row.registry, fields: split(row.fields), masked: split(row.maskedFields),
                purpose: snapshot.items[row.purpose].map { "办理“\($0.name)”" } ?? row.purpose, caseId: row.caseID)
        }
    }

    /// 数据使用记录: every read of my data, by whom and why.
    @Sendable func usage(_ request: Request) async throws -> [UsageView] {
        try await Self.usage(of: try request.requirePrincipal(), request: request)
    }

    struct GrantView: Content {
        var id: UUID
        var department: String
        var registry: String
        var fields: [String]
        var purpose: String
        var expiresOn: String
        var revoked: Bool
    }

    static func view(_ grant: RegistryGrant) -> GrantView {
        GrantView(id: grant.id!, department: grant.departmentCode, registry: grant.registry, fields: grant.fieldList,
                  purpose: grant.purpose, expiresOn: grant.expiresOn, revoked: grant.revokedAt != nil)
    }

    @Sendable func grants(_ request: Request) async throws -> [GrantView] {
        _ = try request.requireAdmin()
        return try await RegistryGrant.query(on: request.db).sort(\.$departmentCode).sort(\.$registry).all().map(Self.view)
    }

    /// Validates and saves a grant; every problem named at once.
    static func save(_ input: GrantInput, request: Request) async throws -> RegistryGrant {
        let valid = try input.validated(catalog: request.catalog.snapshot, today: CalendarDate(request.application.clock.now()),
                                        code: "exchange.invalid_grant", message: "授权信息有误，请按提示修改")
        let grant = RegistryGrant()
        grant.departmentCode = input.department
        grant.registry = input.registry
        grant.fields = valid.fields.joined(separator: ",")
        grant.purpose = valid.purpose
        grant.expiresOn = valid.expiresOn.description
        grant.createdAt = request.application.clock.now()
        try await grant.create(on: request.db)
        return grant
    }

    @Sendable func createGrant(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let grant = try await Self.save(try request.content.decode(GrantInput.self), request: request)
        return try await Self.view(grant).encodeResponse(status: .created, for: request)
    }

    static func revoke(_ request: Request) async throws -> RegistryGrant {
        guard let id = request.parameters.get("id", as: UUID.self), let grant = try await RegistryGrant.find(id, on: request.db) else {
            throw AppError.notFound("授权", code: "exchange.grant_not_found")
        }
        if grant.revokedAt == nil {
            grant.revokedAt = request.application.clock.now()
            try await grant.save(on: request.db)
        }
        return grant
    }

    @Sendable func revokeGrant(_ request: Request) async throws -> GrantView {
        _ = try request.requireAdmin()
        return Self.view(try await Self.revoke(request))
    }
}
