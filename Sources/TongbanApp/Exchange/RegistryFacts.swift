import Fluent
import Foundation
import TongbanCore

/// What one registry holds about one person, under the field names of `RegistryCatalog`. A field
/// the registry does not hold is left out, so rules report it as missing rather than failed.
/// Read through `ExchangeGate`, never directly: the gate checks grants and writes the audit record.
struct RegistryFacts {
    let db: any Database
    let cipher: FieldCipher
    /// Some facts depend on the day, e.g. the points of the current 记分周期.
    let now: Date

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
        case "population":
            if let record = try await PopulationRecord.query(on: db).filter(\.$personHash == person).first() {
                facts["name"] = .string(record.name)
                facts["gender"] = .string(record.gender)
                if let birth = CalendarDate(record.birthDate) { facts["birthDate"] = .date(birth) }
                facts["address"] = .string(record.address)
                facts["householdNumber"] = .string(record.householdNumber)
                facts["maritalStatus"] = .string(record.maritalStatus)
                facts["alive"] = .bool(record.alive)
                let members = try await PopulationRecord.query(on: db).filter(\.$householdNumber == record.householdNumber).count()
                facts["householdSize"] = .number(Double(members))
                if let community = record.communityCode { facts["community"] = .string(community) }
                if let level = record.disabilityLevel { facts["disabilityLevel"] = .string(level) }
                if let valid = record.idCardValidUntil {
                    facts["idCardValidUntil"] = CalendarDate(valid).map(FactValue.date) ?? .string(valid)
                }
                let children = try await PopulationRecord.query(on: db)
                    .group(.or) { $0.filter(\.$fatherHash == person).filter(\.$motherHash == person) }.all()
                facts["childrenBirthDates"] = .list(children.compactMap { CalendarDate($0.birthDate).map(FactValue.date) })
            }
        case "legalEntity":
            // Companies are found by their credit code, passed in place of an ID number.
            if let record = try await LegalEntityRecord.query(on: db).filter(\.$creditCode == idNumber).first() {
                facts["name"] = .string(record.name)
                facts["entityType"] = .string(record.entityType)
                facts["legalRepresentative"] = .string(record.legalRepresentativeName)
                facts["registeredCapitalYuan"] = .number(Double(record.registeredCapitalYuan))
                if let established = CalendarDate(record.establishedOn) { facts["establishedOn"] = .date(established) }
                facts["address"] = .string(record.address)
                facts["status"] = .string(record.status)
            }
        case "socialInsurance":
            if let record = try await SocialInsuranceRecord.query(on: db).filter(\.$personHash == person).first() {
                facts["number"] = .string(record.number)
                facts["status"] = .string(record.status)
                facts["months"] = .number(Double(record.months))
                if let employer = record.employerCreditCode { facts["employer"] = .string(employer) }
            }
        case "medicalInsurance":
            if let account = try await MedicalAccount.query(on: db).filter(\.$personHash == person).first() {
                facts["number"] = .string(account.number)
                facts["insuranceType"] = .string(account.insuranceType)
                facts["status"] = .string(account.status)
                facts["balanceYuan"] = .number(Double(account.balanceFen) / 100)
                if let since = CalendarDate(account.insuredSince) { facts["insuredSince"] = .date(since) }
            }
        case "traffic":
            facts = try await TrafficService(db: db, cipher: cipher, now: now).facts(of: person)
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
