import Crypto
import Fluent
import Foundation
import TongbanCore
import Vapor

/// The owning department changes a record of its registry (an address, a marital status, an account
/// frozen); each change is appended to the ledger. The entry holds the subject's keyed hash and a
/// digest of the new values, never the values: the ledger is public, the people in it are not.
struct RegistryChanges: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("api", "v1", "registries", ":registry", ":subject", use: change)
    }

    struct ChangeInput: Content {
        var fields: [String: String]
    }

    struct ChangeView: Content {
        var registry: String
        var changed: [String]
        var ledgerEntry: Int
    }

    static let editable: [String: [String: Set<String>?]] = [
        "population": ["address": nil, "maritalStatus": ["未婚", "已婚", "离异", "丧偶"], "alive": ["true", "false"]],
        "fund": ["accountStatus": ["正常", "封存", "销户"], "outstandingLoan": ["true", "false"]],
        "socialInsurance": ["status": ["参保缴费", "暂停缴费", "终止"]],
        "legalEntity": ["status": ["存续", "注销", "吊销"], "address": nil],
    ]

    @Sendable func change(_ request: Request) async throws -> ChangeView {
        let principal = try request.requireStaff()
        let code = request.parameters.get("registry") ?? ""
        guard let registry = RegistryCatalog.registry(code), let editable = Self.editable[code] else {
            throw AppError.notFound("可更改的数据库“\(code)”", code: "exchange.unknown_registry")
        }
        guard principal.grants.contains(where: { $0.departmentCode == registry.owner && [.reviewer, .handler].contains($0.role) }) else {
            let owner = request.catalog.snapshot.department(registry.owner)?.name ?? registry.owner
            throw AppError(.forbidden, "exchange.not_owner", "只有\(owner)可以更改\(registry.name)")
        }
        let input = try request.content.decode(ChangeInput.self)
        var problems: [String: String] = [:]
        for (field, value) in input.fields {
            guard let allowed = editable[field] else { problems[field] = "该字段不能更改；可更改：\(editable.keys.sorted().joined(separator: ", "))"; continue }
            let value = value.trimmed
            if let allowed, !allowed.contains(value) { problems[field] = "应为：\(allowed.sorted().joined(separator: "、"))" }
            if allowed == nil, value.count < 2 || value.count > 200 { problems[field] = "应为 2–200 字" }
        }
        if input.fields.isEmpty { problems["fields"] = "请给出要更改的字段" }
        guard problems.isEmpty else { throw AppError.invalid("exchange.invalid_change", "更改内容有误", details: problems) }
        let subject = request.parameters.get("subject") ?? ""
        let key = registry.keyedByCompany ? CreditCode.result(subject).map(\.value) : ResidentID.result(subject).map(\.value)
        let normalized: String
        switch key {
        case .success(let value): normalized = value
        case .failure(let error): throw AppError.invalid(error.code, error.message)
        }
        let cipher = request.application.fieldCipher
        let hash = registry.subjectHash(normalized, cipher: cipher)
        let values = input.fields.mapValues(\.trimmed)
        let now = request.application.clock.now()
        let entry = try await serializedTransaction(request.db, gate: request.application.writeGate) { db in
            try await Self.apply(values, to: code, subject: normalized, hash: hash, on: db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let digest = SHA256.hash(data: try encoder.encode(values)).hexLower
            return try await Ledger.append(kind: "registry.changed", subject: code,
                                           fields: ["subjectHash": hash, "fields": values.keys.sorted().joined(separator: ","), "valuesDigest": digest,
                                                    "department": registry.owner], at: now, on: db)
        }
        // Communities' care lists follow a death at once rather than at the next daily refresh; the change stands either way.
        if code == "population", let community = try await PopulationRecord.query(on: request.db).filter(\.$personHash == hash).first()?.communityCode {
            do { try await CareList(db: request.db, cipher: cipher, now: now).refresh(community: community) } catch {
                request.logger.warning("care list not refreshed after a registry change: \(error)")
            }
        }
        return ChangeView(registry: code, changed: values.keys.sorted(), ledgerEntry: entry.seq)
    }

    static func apply(_ values: [String: String], to registry: String, subject: String, hash: String, on db: any Database) async throws {
        let missing = AppError.notFound("该登记记录", code: "exchange.record_not_found")
        switch registry {
        case "population":
            guard let record = try await PopulationRecord.query(on: db).filter(\.$personHash == hash).first() else { throw missing }
            if let v = values["address"] { record.address = v }
            if let v = values["maritalStatus"] { record.maritalStatus = v }
            if let v = values["alive"] { record.alive = v == "true" }
            try await record.save(on: db)
        case "fund":
            guard let record = try await FundAccount.query(on: db).filter(\.$personHash == hash).first() else { throw missing }
            if let v = values["accountStatus"] { record.status = v }
            if let v = values["outstandingLoan"] { record.outstandingLoan = v == "true" }
            try await record.save(on: db)
        case "socialInsurance":
            guard let record = try await SocialInsuranceRecord.query(on: db).filter(\.$personHash == hash).first() else { throw missing }
            if let v = values["status"] { record.status = v }
            try await record.save(on: db)
        case "legalEntity":
            guard let record = try await LegalEntityRecord.query(on: db).filter(\.$creditCode == subject).first() else { throw missing }
            if let v = values["status"] { record.status = v }
            if let v = values["address"] { record.address = v }
            try await record.save(on: db)
        default:
            throw missing
        }
    }
}
