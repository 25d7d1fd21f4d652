import Foundation

/// A made-up but consistent population for the base registries: households with a couple, their
/// children and sometimes a grandparent; valid ID numbers whose birth dates and sexes match the
/// people; spouses who point at each other; elderly people living alone; companies whose legal
/// representatives are adults of the city. Deterministic for a seed.
public struct SyntheticCity: Sendable {
    public struct Person: Sendable, Equatable {
        public var idNumber: String
        public var name: String
        public var male: Bool
        public var birth: CalendarDay
        public var region: String
        public var household: String
        public var address: String
        public var maritalStatus: String
        public var spouse: String?
        public var father: String?
        public var mother: String?
        /// Employer's credit code for those who work for a company of the city.
        public var employer: String?
    }

    public struct Company: Sendable, Equatable {
        public var creditCode: String
        public var name: String
        public var kind: String
        public var legalRepresentative: String
        public var registeredCapitalYuan: Int
        public var established: CalendarDay
        public var region: String
        public var address: String
        public var active: Bool
    }

    public var people: [Person] = []
    public var companies: [Company] = []

    static let regions = ["341502", "341503", "341504", "341522", "341523", "341524", "341525"]
    static let streets = ["梅山南路", "皖西大道", "解放南路", "佛子岭路", "淠河路", "人民路", "长江路", "龙河路", "寿春路", "金寨路"]
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁沈姚卢")
    static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉斌宇浩凯健俊帆鹏飞晨阳欣怡")
    static let trades = ["茶业", "农业科技", "建材", "物流", "餐饮管理", "电子商务", "纺织", "机械制造", "文化传媒", "医药"]

    /// `households` homes (about 2.7 people each) and `companies` companies, as of `today`.
    public init(households: Int, companies companyCount: Int, today: CalendarDay, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var order = 100
        var used: Set<String> = []
        func nextOrder() -> Int { order = order >= 990 ? 100 : order + 1; return order }
        func name(_ surname: Character, using rng: inout SplitMix64) -> String {
            String(surname) + String((0..<Int.random(in: 1...2, using: &rng)).map { _ in Self.given.randomElement(using: &rng)! })
        }
        func person(surname: Character, male: Bool, year: Int, region: String, household: String, address: String) -> Person {
            let month = Int.random(in: 1...12, using: &rng), day = Int.random(in: 1...28, using: &rng)
            // The order code's last digit is odd for men, even for women (GB 11643).
            // Same place and birthday happen: take the next free order code, as the police do.
            var id = ""
            repeat {
                var code = nextOrder()
                if (code % 2 == 1) != male { code += 1 }
                id = ResidentID.make(region: region, year: year, month: month, day: day, order: code % 1000).value
            } while used.contains(id)
            used.insert(id)
            return Person(idNumber: id, name: name(surname, using: &rng), male: male, birth: CalendarDay(year: year, month: month, day: day),
                          region: region, household: household, address: address, maritalStatus: "未婚")
        }
        for number in 0..<households {
            let region = Self.regions[number % Self.regions.count]
            let household = "HH\(region)\(String(format: "%06d", number))"
            let address = "六安市\(Self.streets.randomElement(using: &rng)!)\(Int.random(in: 1...300, using: &rng))号\(Int.random(in: 1...30, using: &rng))栋\(Int.random(in: 101...1802, using: &rng))室"
            let roll = Double.random(in: 0..<1, using: &rng)
            if roll < 0.12 {
                // An elderly person living alone: the community's care list starts here.
                var elder = person(surname: Self.surnames.randomElement(using: &rng)!, male: Bool.random(using: &rng),
                                   year: today.year - Int.random(in: 70...92, using: &rng), region: region, household: household, address: address)
                elder.maritalStatus = "丧偶"
                people.append(elder)
                continue
            }
            let surname = Self.surnames.randomElement(using: &rng)!
            let husbandYear = today.year - Int.random(in: 24...68, using: &rng)
            var husband = person(surname: surname, male: true, year: husbandYear, region: region, household: household, address: address)
            var wife = person(surname: Self.surnames.randomElement(using: &rng)!, male: false, year: husbandYear + Int.random(in: -3...4, using: &rng),
                              region: region, household: household, address: address)
            if roll < 0.22 {
                people.append(husband)  // a single adult
                continue
            }
            husband.maritalStatus = "已婚"; wife.maritalStatus = "已婚"
            husband.spouse = wife.idNumber; wife.spouse = husband.idNumber
            people += [husband, wife]
            let youngestParent = max(husband.birth.year, wife.birth.year)
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                // Born by last year at the latest, so no birth date lies in the future.
                let year = youngestParent + Int.random(in: 22...34, using: &rng)
                guard year < today.year else { continue }
                var child = person(surname: surname, male: Bool.random(using: &rng), year: year, region: region, household: household, address: address)
                child.father = husband.idNumber
                child.mother = wife.idNumber
                people.append(child)
            }
            if Double.random(in: 0..<1, using: &rng) < 0.15 {
                var grandparent = person(surname: surname, male: Bool.random(using: &rng), year: husbandYear - Int.random(in: 24...32, using: &rng),
                                         region: region, household: household, address: address)
                grandparent.maritalStatus = "丧偶"
                people.append(grandparent)
            }
        }
        let adults = people.indices.filter { today.year - people[$0].birth.year >= 22 && today.year - people[$0].birth.year <= 60 }
        for serial in 0..<companyCount {
            guard let representative = adults.randomElement(using: &rng) else { break }
            let region = people[representative].region
            let trade = Self.trades.randomElement(using: &rng)!
            let company = Company(
                creditCode: CreditCode.make(region: region, serial: 10_000 + serial).value,
                name: "六安\(String((0..<2).map { _ in Self.given.randomElement(using: &rng)! }))\(trade)有限公司",
                kind: "有限责任公司", legalRepresentative: people[representative].idNumber,
                registeredCapitalYuan: Int.random(in: 1...500, using: &rng) * 10_000,
                established: today.adding(days: -Int.random(in: 30...7000, using: &rng)), region: region,
                address: "六安市\(Self.streets.randomElement(using: &rng)!)\(Int.random(in: 1...300, using: &rng))号",
                active: Double.random(in: 0..<1, using: &rng) < 0.93)
            companies.append(company)
        }
        // Most working-age adults work for one of the city's companies.
        for index in adults where Double.random(in: 0..<1, using: &rng) < 0.7 {
            people[index].employer = companies.randomElement(using: &rng)?.creditCode
        }
    }
}
