import Fluent
import Foundation
import TongbanCore
import Vapor

/// The one door to the registries. Every read names who reads, for which department, why, and
/// which fields; the gate checks the department's grants, masks what is not granted, and writes
/// the audit record the person can see under 数据使用记录. No grant at all: 403 naming what is missing.
struct ExchangeGate {
    let db: any Database
    let cipher: FieldCipher
    let catalog: CatalogSnapshot
    let now: Date

    struct Reader {
        var name: String
        var userID: UUID?
        /// The department whose grants apply; `self` for a person reading their own data.
        var departmentCode: String

        static let selfService = "self"
    }

    struct Result {
        var values: Facts
        var masked: [String]
    }

    func read(_ registryCode: String, fields: [String], of idNumber: String, by reader: Reader, purpose: String, caseID: UUID? = nil) async throws -> Result {
        guard let registry = RegistryCatalog.registry(registryCode) else {
            throw AppError.notFound("数据库“\(registryCode)”", code: "exchange.unknown_registry")
        }
        let unknown = fields.filter { field in !registry.fields.contains { $0.key == field } }
        guard unknown.isEmpty, !fields.isEmpty else {
            throw AppError.invalid("exchange.unknown_field", "\(registry.name)没有这些字段：\(unknown.joined(separator: "、"))；可用字段：\(registry.fields.map(\.key).joined(separator: ", "))")
        }
        let purpose = purpose.trimmed
        guard !purpose.isEmpty else { throw AppError.invalid("exchange.purpose_required", "请说明用途（事项编码或办件）") }
        let granted: Set<String>
        if reader.departmentCode == Reader.selfService {
            granted = Set(fields)
        } else {
            granted = try await grantedFields(registry, department: reader.departmentCode, purpose: purpose)
        }
        let facts = try await RegistryFacts(db: db, cipher: cipher, now: now).read(registry.code, idNumber: idNumber)
        let returned = fields.filter(granted.contains)
        let masked = fields.filter { !granted.contains($0) }
        try await log(registry, subject: idNumber, fields: returned, masked: masked, by: reader, purpose: purpose, caseID: caseID)
        return Result(values: facts.filter { returned.contains($0.key) }, masked: masked)
    }

    /// The audit record the person sees under 数据使用记录.
    func log(_ registry: RegistryCatalog.Registry, subject: String, fields: [String], masked: [String], by reader: Reader,
             purpose: String, caseID: UUID?) async throws {
        let record = DataAccess()
        record.subjectHash = registry.subjectHash(subject, cipher: cipher)
        record.registry = registry.code
        record.fields = fields.joined(separator: ",")
        record.maskedFields = masked.isEmpty ? nil : masked.joined(separator: ",")
        record.readerName = reader.name
        record.readerID = reader.userID
        record.departmentCode = reader.departmentCode
        record.purpose = purpose
        record.caseID = caseID
        record.at = now
        try await record.create(on: db)
    }

    func grantedFields(_ registry: RegistryCatalog.Registry, department: String, purpose: String) async throws -> Set<String> {
        let today = CalendarDate(now).description
        let grants = try await RegistryGrant.query(on: db)
            .filter(\.$departmentCode == department).filter(\.$registry == registry.code)
            .filter(\.$revokedAt == nil).filter(\.$expiresOn >= today)
            .filter(\.$purpose ~~ [purpose, "*"]).all()
        guard !grants.isEmpty else {
            let name = catalog.department(department)?.name ?? department
            throw AppError(.forbidden, "exchange.no_grant",
                           "\(name)没有读取“\(registry.name)”用于“\(purpose)”的有效授权，请系统管理员在“数据共享授权”中添加",
                           details: ["department": department, "registry": registry.code, "purpose": purpose])
        }
        return Set(grants.flatMap(\.fieldList))
    }
}

extension Request {
    var exchange: ExchangeGate {
        ExchangeGate(db: db, cipher: application.fieldCipher, catalog: application.catalogCache.snapshot, now: application.clock.now())
    }
}
