import Testing
@testable import TongbanCore

@Suite("Synthetic city for the base registries")
struct SyntheticCityTests {
    let today = CalendarDay(year: 2026, month: 11, day: 25)
    var city: SyntheticCity { SyntheticCity(households: 400, companies: 60, today: today, seed: 11) }

    @Test("every ID number is valid and agrees with the person's birth date and sex")
    func validIdentifiers() throws {
        let city = self.city
        #expect(city.people.count > 800)
        #expect(Set(city.people.map(\.idNumber)).count == city.people.count, "no two people share a number")
        for person in city.people {
            let id = try ResidentID.parse(person.idNumber)
            #expect(id.value == person.idNumber)
            #expect(person.idNumber.dropFirst(6).prefix(8) == String(format: "%04d%02d%02d", person.birth.year, person.birth.month, person.birth.day))
            let sexDigit = Int(String(person.idNumber[person.idNumber.index(person.idNumber.startIndex, offsetBy: 16)]))!
            #expect((sexDigit % 2 == 1) == person.male)
        }
        for company in city.companies { _ = try CreditCode.parse(company.creditCode) }
    }

    @Test("families hold together: spouses point at each other, children are younger than their parents")
    func consistentFamilies() {
        let city = self.city
        let byID = Dictionary(uniqueKeysWithValues: city.people.map { ($0.idNumber, $0) })
        for person in city.people {
            if let spouse = person.spouse.flatMap({ byID[$0] }) {
                #expect(spouse.spouse == person.idNumber && spouse.male != person.male && spouse.maritalStatus == "已婚")
                #expect(spouse.household == person.household)
            }
            for parent in [person.father, person.mother].compactMap({ $0.flatMap { byID[$0] } }) {
                #expect(parent.birth.year + 18 <= person.birth.year)
            }
        }
        let alone = Dictionary(grouping: city.people, by: \.household).values.filter { $0.count == 1 && today.year - $0[0].birth.year >= 70 }
        #expect(!alone.isEmpty, "some elderly people live alone")
        let adults = Set(city.people.filter { today.year - $0.birth.year >= 18 }.map(\.idNumber))
        #expect(city.companies.allSatisfy { adults.contains($0.legalRepresentative) })
    }

    @Test("a big city still gives everyone their own number")
    func uniqueAtScale() {
        let big = SyntheticCity(households: 6000, companies: 10, today: today, seed: 5)
        #expect(Set(big.people.map(\.idNumber)).count == big.people.count)
    }

    @Test("the same seed makes the same city")
    func deterministic() {
        #expect(SyntheticCity(households: 50, companies: 5, today: today, seed: 3).people == SyntheticCity(households: 50, companies: 5, today: today, seed: 3).people)
    }
}
