import Foundation
import TongbanCore

/// The facts eligibility rules read about one person: `person.age`, `person.gender` (男/女) and `person.district`
/// (the ID number's region code) from the ID number, and `registry.field` read through the exchange gate — by default
/// as the person themselves (their own data, logged like every read), so checking one's own eligibility needs no
/// grant; a department matching people reads as itself, under its grants.
struct PersonFacts {
    let gate: ExchangeGate
    let today: CalendarDay
    var reader: ExchangeGate.Reader?

    func gather(idNumber: String, name: String, userID: UUID, needed: Set<String>, purpose: String) async -> Facts {
        var facts: Facts = [:]
        if case .success(let id) = ResidentID.result(idNumber) {
            facts["person.age"] = .number(Double(LifeStageRules.age(born: CalendarDay(year: id.birthYear, month: id.birthMonth, day: id.birthDay), on: today)))
            facts["person.gender"] = .string(id.isMale ? "男" : "女")
            facts["person.district"] = .string(id.regionCode)
        }
        let reader = reader ?? ExchangeGate.Reader(name: name, userID: userID, departmentCode: ExchangeGate.Reader.selfService)
        for (registry, fields) in RegistryCatalog.fieldsByRegistry(needed).sorted(by: { $0.key < $1.key }) {
            // A registry without a record of the person leaves its facts missing: the rules say "无法核验".
            if let result = try? await gate.read(registry, fields: fields, of: idNumber, by: reader, purpose: purpose) {
                for (field, value) in result.values { facts["\(registry).\(field)"] = value }
            }
        }
        return facts
    }
}
