import Fluent
import Foundation
import TongbanCore

/// What the life-stage rules need about a signed-in person, read as their own data through the exchange gate (so it
/// appears in their "谁用了我的数据"): birth date and sex from the ID number, the ID card's validity and the children's
/// birth dates from 人口库, and the founding date of each company they act for from 法人库.
struct LifeStageFacts {
    let gate: ExchangeGate
    let cipher: FieldCipher
    let person: Principal

    static let purpose = "为您推荐"

    private var reader: ExchangeGate.Reader {
        .init(name: person.realName, userID: person.userID, departmentCode: ExchangeGate.Reader.selfService)
    }

    func resident() async throws -> Resident? {
        guard let user = try await User.find(person.userID, on: gate.db), let sealed = user.idNumberCipher,
              let idNumber = try? cipher.open(sealed), case .success(let id) = ResidentID.result(idNumber) else { return nil }
        var resident = Resident(birthDate: CalendarDay(year: id.birthYear, month: id.birthMonth, day: id.birthDay),
                                gender: id.isMale ? .male : .female)
        // Someone not in 人口库 (registered from elsewhere) is judged on the ID number alone.
        if let facts = try? await gate.read("population", fields: ["idCardValidUntil", "childrenBirthDates"], of: idNumber,
                                            by: reader, purpose: Self.purpose).values {
            if case .date(let expiry)? = facts["idCardValidUntil"] { resident.idCardExpiry = CalendarDay(expiry.description) }
            if case .list(let children)? = facts["childrenBirthDates"] {
                resident.childrenBirthDates = children.compactMap { if case .date(let day) = $0 { CalendarDay(day.description) } else { nil } }
            }
        }
        return resident
    }

    func companies() async throws -> [(name: String, record: LifeStageCompany)] {
        let links = try await CompanyAgent.query(on: gate.db).filter(\.$user.$id == person.userID).with(\.$company).all()
        var result: [(name: String, record: LifeStageCompany)] = []
        for link in links {
            let company = link.company
            guard let facts = try? await gate.read("legalEntity", fields: ["establishedOn", "status"], of: company.creditCode,
                                                   by: reader, purpose: Self.purpose).values,
                  case .date(let founded)? = facts["establishedOn"], let day = CalendarDay(founded.description),
                  facts["status"] != .string("注销") else { continue }
            result.append((company.name, LifeStageCompany(founded: day)))
        }
        return result
    }
}
