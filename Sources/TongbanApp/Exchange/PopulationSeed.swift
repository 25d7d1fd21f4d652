import Crypto
import Fluent
import Foundation
import SQLKit
import TongbanCore

/// Loads a synthetic city into 人口库, 法人库 and 社保 (thousands of people and companies from
/// `SyntheticCity`), plus the demo citizens and company so they match their accounts. The load
/// goes on the ledger as one entry per registry with a digest of everything loaded.
enum PopulationSeed {
    struct PersonRow: Encodable {
        var id = UUID()
        var personHash: String
        var idNumberCipher: String
        var name: String
        var gender: String
        var birthDate: String
        var householdNumber: String
        var address: String
        var districtCode: String
        var maritalStatus: String
        var spouseHash: String?
        var fatherHash: String?
        var motherHash: String?
        var alive = true
        var idCardValidUntil: String?
        var disabilityLevel: String?
    }

    struct EntityRow: Encodable {
        var id = UUID()
        var creditCode: String
        var name: String
        var entityType: String
        var legalRepresentativeHash: String
        var legalRepresentativeName: String
        var registeredCapitalYuan: Int
        var establishedOn: String
        var address: String
        var status: String
    }

    struct InsuranceRow: Encodable {
        var id = UUID()
        var personHash: String
        var number: String
        var status: String
        var months: Int
        var employerCreditCode: String?
    }

    struct FundRow: Encodable {
        var id = UUID()
        var personHash: String
        var accountNumber: String
        var status: String
        var consecutiveMonths: Int
        var balanceFen: Int
        var outstandingLoan: Bool
        var updatedOn: String
    }

    struct PropertyRow: Encodable {
        var id = UUID()
        var ownerHash: String
        var certificateNumber: String
        var address: String
        var registeredOn: String
        var areaM2: Double
    }

    static func load(on db: any Database, cipher: FieldCipher, today: Date, households: Int) async throws -> Bool {
        guard try await PopulationRecord.query(on: db).count() == 0 else { return false }
        let day = CalendarDay(today)
        var city = SyntheticCity(households: households, companies: max(1, households / 3), today: day, seed: 2026)
        let demo = DemoAccounts.citizens
        let demoIDs = Set(demo.map(\.idNumber))
        city.people.removeAll { demoIDs.contains($0.idNumber) }
        let hash = { (id: String) in cipher.lookupHash("rid:" + id) }
        var people = try city.people.map { p in
            PersonRow(personHash: hash(p.idNumber), idNumberCipher: try cipher.seal(p.idNumber), name: p.name, gender: p.male ? "男" : "女",
                      birthDate: p.birth.description, householdNumber: p.household, address: p.address, districtCode: p.region,
                      maritalStatus: p.maritalStatus, spouseHash: p.spouse.map(hash), fatherHash: p.father.map(hash), motherHash: p.mother.map(hash),
                      idCardValidUntil: IDCardValidity.onTimeRenewals(born: p.birth, on: day).registryText)
        }
        // About 4% hold a disability certificate (the national share is 6%, of all ages), the milder levels more often.
        var disability = SplitMix64(seed: 8)
        for index in people.indices where Double.random(in: 0..<1, using: &disability) < 0.04 {
            people[index].disabilityLevel = PopulationAddDisabilityLevel.levels[[0, 1, 1, 2, 2, 3, 3, 3].randomElement(using: &disability)!]
        }
        // The demo citizens, consistent with their accounts and the other registries.
        let demoHomes = ["金安区梅山南路88号翡翠苑3栋1单元502室", "裕安区解放南路216号清水河小区7栋301室", "金寨县梅山镇红军街12号"]
        for (index, citizen) in demo.enumerated() {
            let id = try ResidentID.parse(citizen.idNumber)
            let birth = String(citizen.idNumber.dropFirst(6).prefix(8))
            let sexDigit = Int(String(citizen.idNumber[citizen.idNumber.index(citizen.idNumber.startIndex, offsetBy: 16)])) ?? 0
            let birthDate = "\(birth.prefix(4))-\(birth.dropFirst(4).prefix(2))-\(birth.suffix(2))"
            people.append(PersonRow(
                personHash: hash(id.value), idNumberCipher: try cipher.seal(id.value), name: citizen.name, gender: sexDigit % 2 == 1 ? "男" : "女",
                birthDate: birthDate, householdNumber: "HHDEMO\(index + 1)",
                address: "六安市" + demoHomes[index], districtCode: String(citizen.idNumber.prefix(6)),
                maritalStatus: index == 2 ? "丧偶" : "未婚",
                idCardValidUntil: CalendarDay(birthDate).flatMap { IDCardValidity.onTimeRenewals(born: $0, on: day).registryText }))
        }
        // 张三's son, who starts school the year he turns six: the registry links children to parents.
        let son = ResidentID.make(region: "341502", year: 2020, month: 10, day: 10, order: 57).value
        people.append(PersonRow(personHash: hash(son), idNumberCipher: try cipher.seal(son), name: "张小宝", gender: "男", birthDate: "2020-10-10",
                                householdNumber: "HHDEMO1", address: "六安市" + demoHomes[0], districtCode: "341502", maritalStatus: "未婚",
                                fatherHash: hash(demo[0].idNumber)))
        let byID = Dictionary(city.people.map { ($0.idNumber, $0.name) }, uniquingKeysWith: { a, _ in a })
        var entities = city.companies.map { c in
            EntityRow(creditCode: c.creditCode, name: c.name, entityType: c.kind, legalRepresentativeHash: hash(c.legalRepresentative),
                      legalRepresentativeName: byID[c.legalRepresentative] ?? "", registeredCapitalYuan: c.registeredCapitalYuan,
                      establishedOn: c.established.description, address: c.address, status: c.active ? "存续" : "注销")
        }
        entities.append(EntityRow(creditCode: DemoAccounts.company.creditCode, name: DemoAccounts.company.name, entityType: "有限责任公司",
                                  legalRepresentativeHash: hash(demo[1].idNumber), legalRepresentativeName: demo[1].name,
                                  registeredCapitalYuan: 1_000_000, establishedOn: "2019-04-16", address: "六安市金安区皖西大道188号", status: "存续"))
        var rng = SplitMix64(seed: 12345)
        var insurance: [InsuranceRow] = []
        for (serial, person) in city.people.enumerated() where day.year - person.birth.year >= 18 && day.year - person.birth.year < 60 {
            insurance.append(InsuranceRow(personHash: hash(person.idNumber), number: String(format: "LA%010d", serial + 1),
                                          status: person.employer == nil ? "暂停缴费" : "参保缴费",
                                          months: Int.random(in: 6...360, using: &rng), employerCreditCode: person.employer))
        }
        // 公积金 accounts for people who work for a company; homes registered to one adult of many households.
        var accounts: [FundRow] = []
        var homes: [PropertyRow] = []
        var seenHouseholds: Set<String> = []
        for (serial, person) in city.people.enumerated() {
            if person.employer != nil {
                accounts.append(FundRow(personHash: hash(person.idNumber), accountNumber: String(format: "3415%010d", serial + 1),
                                        status: Double.random(in: 0..<1, using: &rng) < 0.92 ? "正常" : "封存",
                                        consecutiveMonths: Int.random(in: 0...240, using: &rng),
                                        balanceFen: Int.random(in: 0...30_000_000, using: &rng),
                                        outstandingLoan: Double.random(in: 0..<1, using: &rng) < 0.18, updatedOn: day.description))
            }
            if day.year - person.birth.year >= 22, !seenHouseholds.contains(person.household), Double.random(in: 0..<1, using: &rng) < 0.65 {
                seenHouseholds.insert(person.household)
                let registered = day.adding(days: -Int.random(in: 10...6000, using: &rng))
                homes.append(PropertyRow(ownerHash: hash(person.idNumber),
                                         certificateNumber: "皖(\(registered.year))六安市不动产权第\(String(format: "%07d", 2_000_000 + serial))号",
                                         address: person.address, registeredOn: registered.description,
                                         areaM2: Double(Int.random(in: 45...180, using: &rng))))
            }
        }
        let (accountRows, homeRows) = (accounts, homes)
        let (personRows, entityRows, insuranceRows) = (people, entities, insurance)
        try await db.transaction { db in
            let (people, entities, insurance) = (personRows, entityRows, insuranceRows)
            for chunk in people.chunked(300) { try await PlainRows.insert(chunk, into: PopulationRecord.schema, on: db) }
            for chunk in entities.chunked(300) { try await PlainRows.insert(chunk, into: LegalEntityRecord.schema, on: db) }
            for chunk in insurance.chunked(300) { try await PlainRows.insert(chunk, into: SocialInsuranceRecord.schema, on: db) }
            for chunk in accountRows.chunked(300) { try await PlainRows.insert(chunk, into: FundAccount.schema, on: db) }
            for chunk in homeRows.chunked(300) { try await PlainRows.insert(chunk, into: PropertyRegistration.schema, on: db) }
            for (registry, rows) in [("population", people.map(\.personHash)), ("legalEntity", entities.map(\.creditCode)),
                                     ("socialInsurance", insurance.map(\.personHash)), ("fund", accountRows.map(\.personHash)),
                                     ("realestate", homeRows.map(\.certificateNumber))] {
                let digest = SHA256.hash(data: Data(rows.sorted().joined(separator: "\n").utf8)).hexLower
                try await Ledger.append(kind: "registry.loaded", subject: registry, fields: ["records": String(rows.count), "digest": digest], at: today, on: db)
            }
        }
        return true
    }
}
