import Fluent
import Foundation
import TongbanCore

/// What one registry holds about one person, under the field names of `RegistryCatalog`. A field
/// the registry does not hold is left out, so rules report it as missing rather than failed.
/// Read through `ExchangeGate`, never directly: the gate checks grants and writes the audit record.
struct RegistryFacts {
    let db: any Database
    let cipher: FieldCipher

    func read(_ registry: String, idNumber: String) async throws -> Facts {
        let person = cipher.lookupHash("rid:" + idNumber)
        var facts: Facts = [:]
        switch registry {
        case "fund":
            let account = try await FundAccount.query(on: db).filter(\.$personHash == person).first()
            facts["isContributor"] = .bool(account != nil)
            if let account {
                facts["accountNumber"] = .string(account.accountNumber)
                facts["accountStatus"] = .string(account.status)
                facts["consecutiveMonths"] = .number(Double(account.consecutiveMonths))
                facts["outstandingLoan"] = .bool(account.outstandingLoan)
                facts["balanceYuan"] = .number(Double(account.balanceFen) / 100)
            }
        case "realestate":
            let properties = try await PropertyRegistration.query(on: db).filter(\.$ownerHash == person)
                .sort(\.$registeredOn, .descending).all()
            if let latest = properties.first {
                if let date = CalendarDate(latest.registeredOn) { facts["latestRegistrationDate"] = .date(date) }
                facts["address"] = .string(latest.address)
                facts["certificateNumber"] = .string(latest.certificateNumber)
            }
            facts["count"] = .number(Double(properties.count))
        default:
            break
        }
        return facts
    }

    /// Text for a form field pre-filled from a fact.
    static func text(_ value: FactValue) -> String? {
        switch value {
        case .string(let text): text
        case .date(let date): date.description
        default: nil
        }
    }
}
