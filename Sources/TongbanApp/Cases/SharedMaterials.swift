import Fluent
import Foundation
import TongbanCore
import Vapor

/// 免提交 in practice: a reviewer checks the materials the applicant did not bring against the
/// registries, through the exchange gate, for their own item and this case. Each read lands on the
/// applicant's 数据使用记录; the outcome goes on the case's timeline.
extension CaseService {
    /// Which registry fields stand in for which 免提交 source.
    static let sharedSources: [String: (registry: String, fields: [String])] = [
        "certificate:resident_id": ("population", ["name", "gender", "birthDate"]),
        "certificate:household_register": ("population", ["householdNumber", "address"]),
        "certificate:marriage": ("population", ["maritalStatus"]),
        "data:population": ("population", ["name", "address"]),
        "certificate:business_license": ("legalEntity", ["name", "legalRepresentative", "status"]),
        "data:legal_entity": ("legalEntity", ["name", "status"]),
        "data:realestate": ("realestate", ["address", "certificateNumber"]),
        "certificate:realestate": ("realestate", ["address", "certificateNumber"]),
        "certificate:social_security_card": ("socialInsurance", ["number", "status"]),
        "data:social_insurance": ("socialInsurance", ["status", "months"]),
    ]

    func verifySharedMaterials(_ caseID: UUID, by reviewer: Principal) async throws -> [String] {
        let serviceCase = try await visibleCase(caseID, to: reviewer)
        let departments = Set(reviewer.grants.filter { $0.role == .reviewer }.compactMap(\.departmentCode))
        let tasks = try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == caseID).with(\.$department).all()
        guard let task = tasks.first(where: { departments.contains($0.department.code) }) else {
            throw AppError(.forbidden, "case.no_task_here", "本部门在该办件中没有审批事项，不能核验共享材料")
        }
        let shared = try await CaseMaterial.query(on: db).filter(\.$serviceCase.$id == caseID).filter(\.$upload.$id == nil).all()
        guard !shared.isEmpty else { throw AppError.invalid("case.nothing_shared", "该办件没有需要共享核验的材料") }
        let applicant = try await User.find(serviceCase.$applicant.id, on: db)
        let idNumber = try applicant?.idNumberCipher.map(cipher.open)
        let creditCode = try await serviceCase.$company.id.asyncMap { try await Company.find($0, on: db)?.creditCode } ?? nil
        let exchange = ExchangeGate(db: db, cipher: cipher, catalog: catalog, now: now)
        let reader = ExchangeGate.Reader(name: reviewer.realName, userID: reviewer.userID, departmentCode: task.department.code)
        var lines: [String] = []
        for material in shared {
            guard let source = Self.sharedSources[material.source], let registry = RegistryCatalog.registry(source.registry) else {
                lines.append("\(material.name)：该共享来源尚未接入，请线下核验")
                continue
            }
            guard let subject = registry.keyedByCompany ? creditCode : idNumber else {
                lines.append("\(material.name)：缺少申请人或企业的证件号码")
                continue
            }
            do {
                let result = try await exchange.read(registry.code, fields: source.fields, of: subject, by: reader, purpose: task.itemCode, caseID: caseID)
                if result.values.isEmpty {
                    lines.append("\(material.name)：\(registry.name)中没有记录，请申请人补正")
                } else {
                    let shown = source.fields.compactMap { field in result.values[field].map { "\(registry.label(field))\(Self.text($0))" } }
                    lines.append("\(material.name)：已核验（\(registry.name)：\(shown.joined(separator: "，"))）")
                }
            } catch let error as AppError where error.code == "exchange.no_grant" {
                lines.append("\(material.name)：本部门没有读取\(registry.name)的授权，请线下核验")
            }
        }
        let message = "共享核验：" + lines.joined(separator: "；")
        try await serializedTransaction(db, gate: gate) { db in
            try await PlainRows.insert([CaseRows.Event(caseId: caseID, at: self.now, actorName: "\(task.department.name) \(reviewer.realName)",
                                                      kind: "shared_verified", message: message)],
                                      into: CaseEvent.schema, on: db)
        }
        return lines
    }

    static func text(_ value: FactValue) -> String {
        switch value {
        case .string(let s): "“\(s)”"
        case .date(let d): d.chineseText
        case .number(let n): n == n.rounded() ? String(Int(n)) : String(n)
        case .bool(let b): b ? "是" : "否"
        default: value.description
        }
    }
}
