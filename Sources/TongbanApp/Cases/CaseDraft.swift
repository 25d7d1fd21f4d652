import Fluent
import Foundation
import Vapor

/// What an application form starts with: the questions the items ask, answered where the platform
/// already knows the answer (the applicant's profile, a linked company), and the materials to bring.
/// Registry prefill (`registry.*`) arrives with the data-sharing exchange; until then those fields start empty.
struct CaseDraft: Content {
    struct Field: Content {
        var key: String
        var label: String
        var type: String
        var required: Bool
        var options: [String]?
        var min: Double?
        var max: Double?
        var maxLength: Int?
        var value: String
        /// Where the value came from, when it was pre-filled.
        var prefilledFrom: String?
    }
    struct Material: Content {
        var name: String
        var required: Bool
        var form: String
        /// Set when shared data or an e-certificate stands in: nothing to upload (免提交).
        var replaceableBy: String?
        var note: String?
    }
    var item: String?
    var lifeEvent: String?
    var title: String
    var promisedLimitDays: Int
    var companyOnly: Bool
    /// Only individuals apply for it: one case at a time (`CaseService.refuseDuplicate`).
    var audienceIsPersonal: Bool = false
    var fields: [Field]
    var materials: [Material]
    var companies: [ProfileView.CompanyView]
    var districts: [DistrictRecord]
    /// The applicant's own district (from the community 人口库 places them in), the form's default.
    var homeDistrict: String? = nil
}

extension CaseService {
    func draft(item: String?, lifeEvent: String?, for userID: UUID?, cipher: FieldCipher) async throws -> CaseDraft {
        let plan = try plan(item: item, lifeEvent: lifeEvent)
        // At the counter there is no one to pre-fill from yet: the clerk types what the citizen says.
        let user = try await userID.asyncMap { try await User.find($0, on: db) } ?? nil
        let agents = try await userID.asyncMap {
            try await CompanyAgent.query(on: db).filter(\.$user.$id == $0).with(\.$company).sort(\.$createdAt).all()
        } ?? []
        let company = agents.first?.company
        var known: [String: String] = [:]
        known["profile.realName"] = user?.realName
        known["profile.idNumber"] = try user?.idNumberCipher.map(cipher.open)
        known["profile.phone"] = try user?.phoneCipher.map(cipher.open)
        known["company.name"] = company?.name
        known["company.creditCode"] = company?.creditCode
        if let idNumber = known["profile.idNumber"], let user {
            // A person may always read their own records; the read is still logged for them to see.
            // The community 人口库 places them in gives the district the form starts on (where they will go to collect).
            let wanted = Dictionary(grouping: FormValidation.mergedFields(plan.items).compactMap { field -> (String, String)? in
                let parts = (field.prefill ?? "").split(separator: ".").map(String.init)
                return parts.count == 3 && parts[0] == "registry" ? (parts[1], parts[2]) : nil
            } + [("population", "community")], by: \.0)
            let gate = ExchangeGate(db: db, cipher: cipher, catalog: catalog, now: now)
            let reader = ExchangeGate.Reader(name: user.realName, userID: try user.requireID(), departmentCode: ExchangeGate.Reader.selfService)
            for (registry, pairs) in wanted where RegistryCatalog.registry(registry) != nil {
                let fields = Array(Set(pairs.map(\.1))).filter { field in RegistryCatalog.registry(registry)!.fields.contains { $0.key == field } }
                guard !fields.isEmpty else { continue }
                let result = try await gate.read(registry, fields: fields, of: idNumber, by: reader, purpose: "申请表预填：\(plan.title)")
                for (field, value) in result.values { known["registry.\(registry).\(field)"] = RegistryFacts.text(value) }
            }
        }
        let fields = FormValidation.mergedFields(plan.items).map { field in
            let value = field.prefill.flatMap { known[$0] }
            return CaseDraft.Field(key: field.key, label: field.label, type: field.type, required: field.required,
                                   options: field.options, min: field.min, max: field.max, maxLength: field.maxLength, value: value ?? "",
                                   prefilledFrom: value == nil ? nil : field.prefill)
        }
        let materials = FormValidation.mergedMaterials(plan.items).map {
            CaseDraft.Material(name: $0.name, required: $0.required, form: $0.form, replaceableBy: $0.replaceableBy, note: $0.note)
        }
        return CaseDraft(
            item: item, lifeEvent: lifeEvent, title: plan.title, promisedLimitDays: plan.limitDays,
            companyOnly: plan.items.allSatisfy { $0.audience == ["法人"] }, audienceIsPersonal: plan.items.allSatisfy { $0.audience == ["个人"] },
            fields: fields, materials: materials,
            companies: agents.map { .init(creditCode: $0.company.creditCode, name: $0.company.name) },
            districts: catalog.districts,
            homeDistrict: known["registry.population.community"].flatMap { community in
                catalog.districts.first { community.hasPrefix($0.code) }?.code
            })
    }
}
