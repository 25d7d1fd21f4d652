import Fluent
import Foundation
import TongbanCore

/// Facts about a person from the registries, under the dotted names rules use
/// ("fund.accountStatus", "realestate.latestRegistrationDate"). A fact the registries do not
/// hold is left out, so the rule engine reports it as missing rather than failed.
struct RegistryFacts {
    let db: any Database
    let cipher: FieldCipher

    func facts(idNumber: String) async throws -> Facts {
        let person = cipher.lookupHash("rid:" + idNumber)
        var facts: Facts = [:]
        let account = try await FundAccount.query(on: db).filter(\.$personHash == person).first()
        facts["fund.isContributor"] = .bool(account != nil)
        if let account {
            facts["fund.accountNumber"] = .string(account.accountNumber)
            facts["fund.accountStatus"] = .string(account.status)
            facts["fund.consecutiveMonths"] = .number(Double(account.consecutiveMonths))
            facts["fund.outstandingLoan"] = .bool(account.outstandingLoan)
            facts["fund.balanceYuan"] = .number(Double(account.balanceFen) / 100)
        }
        let properties = try await PropertyRegistration.query(on: db).filter(\.$ownerHash == person).sort(\.$registeredOn, .descending).all()
        if let latest = properties.first {
            if let date = CalendarDate(latest.registeredOn) { facts["realestate.latestRegistrationDate"] = .date(date) }
            facts["realestate.address"] = .string(latest.address)
            facts["realestate.certificateNumber"] = .string(latest.certificateNumber)
        }
        facts["realestate.count"] = .number(Double(properties.count))
        return facts
    }

    /// Form prefill from the registries: `registry.fund.accountNumber` reads fact `fund.accountNumber`.
    static func prefill(_ facts: Facts) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in facts {
            switch value {
            case .string(let text): values["registry." + key] = text
            case .date(let date): values["registry." + key] = date.description
            default: continue
            }
        }
        return values
    }
}
