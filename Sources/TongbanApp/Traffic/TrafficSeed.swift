import Fluent
import Foundation
import TongbanCore

/// 交通管理库 for the demo citizens, chosen to show every path of 交通违章: 张三 pays a red-light fine online and sees
/// his points drop; 李四 would reach 12 points with his speeding and is sent to the 车管所; 王奶奶 owns the car her son
/// drives and holds no licence, so she can pay a parking fine but not one that carries points. Dates are relative to
/// the day of seeding, and each 记分周期 began 200 days before it, so the demo reads the same whenever it is seeded.
enum TrafficSeed {
    struct Car {
        var owner: Int
        var plate: String
        var plateType: String
        var vehicleType: String
        var brand: String
        var vin: String
        var violations: [(code: String, daysAgo: Int, hour: Int, place: String, handledDaysAgo: Int?)]
    }

    static let cars: [Car] = [
        Car(owner: 0, plate: "皖NA8K62", plateType: "小型汽车", vehicleType: "小型轿车", brand: "大众牌FV7152BBDWG", vin: "LFV2A21K8J4062171",
            violations: [("1625", 12, 18, "金安区梅山南路与皖西大道交叉口", nil), ("1039", 3, 9, "金安区人民路六安市人民医院北门", nil),
                         ("6011", 55, 8, "裕安区解放南路与佛子岭路交叉口", 40)]),
        Car(owner: 1, plate: "皖ND23871", plateType: "小型新能源汽车", vehicleType: "小型轿车", brand: "比亚迪牌BYD7152WT6HEVC4", vin: "LGXCE4CB5N0012345",
            violations: [("1303", 6, 15, "六安市区长安南路（限速60）", nil), ("1039", 20, 11, "裕安区鼓楼街", nil),
                         ("1625", 150, 20, "裕安区寿春路与淠河路交叉口", 120), ("1357", 90, 17, "金安区皋城路翡翠苑东门人行横道", 80)]),
        Car(owner: 2, plate: "皖NC6Q19", plateType: "小型汽车", vehicleType: "小型普通客车", brand: "五菱牌LZW6447KF", vin: "LZWADAGA8K8123789",
            violations: [("1039", 8, 10, "金寨县梅山镇红军街金寨县人民医院门口", nil), ("1357", 30, 16, "金寨县梅山镇梅山南路人行横道", nil)]),
    ]

    /// Holder, 准驾车型, years since first issued: 王奶奶 has none.
    static let licences: [(holder: Int, licenceClass: String, years: Int)] = [(0, "C1", 16), (1, "C1", 20)]

    static func load(on db: any Database, cipher: FieldCipher, today: Date) async throws -> Bool {
        guard try await Vehicle.query(on: db).count() == 0 else { return false }
        let citizens = DemoAccounts.citizens
        let day = CalendarDay(today)
        let hash = { (index: Int) in cipher.lookupHash("rid:" + citizens[index].idNumber) }
        try await db.transaction { db in
            for (index, (holder, licenceClass, years)) in licences.enumerated() {
                // Years in multiples of four keep a 29 February anniversary a real date.
                let cycleStart = day.adding(days: -200)
                let issued = String(format: "%04d-%02d-%02d", cycleStart.year - years, cycleStart.month, cycleStart.day)
                let licence = DrivingLicence()
                licence.holderHash = hash(holder)
                licence.fileNumber = "3415\(String(format: "%08d", 10_482_317 + index * 2_604_113))"
                licence.licenceClass = licenceClass
                licence.firstIssuedOn = issued
                licence.validUntil = String(cycleStart.year + 4 + index) + issued.dropFirst(4)
                licence.status = "正常"
                try await licence.create(on: db)
            }
            for (index, car) in cars.enumerated() {
                let vehicle = Vehicle()
                vehicle.plate = car.plate
                (vehicle.plateType, vehicle.vehicleType, vehicle.brand) = (car.plateType, car.vehicleType, car.brand)
                vehicle.ownerHash = hash(car.owner)
                vehicle.vinCipher = try cipher.seal(car.vin)
                vehicle.vinCheck = Plate.vinCheck(plate: car.plate, vin: car.vin, cipher: cipher)
                vehicle.registeredOn = day.adding(days: -(900 + index * 730)).description
                vehicle.inspectionDueOn = day.adding(days: 120 + index * 90).description
                try await vehicle.create(on: db)
                for (code, daysAgo, hour, place, handledDaysAgo) in car.violations {
                    let offence = Offence.find(code)!
                    let violation = Violation()
                    violation.vehicleID = try vehicle.requireID()
                    violation.plate = car.plate
                    violation.occurredAt = day.adding(days: -daysAgo).startInstant.addingTimeInterval(Double(hour * 3600 + 17 * 60))
                    violation.place = place
                    (violation.offenceCode, violation.offence) = (code, offence.text)
                    (violation.fineFen, violation.points) = (offence.fineFen, offence.points)
                    violation.authority = "六安市公安局交通警察支队" + (place.hasPrefix("金寨") ? "金寨大队" : place.hasPrefix("裕安") ? "裕安大队" : "金安大队")
                    violation.source = "电子监控"
                    if let handled = handledDaysAgo {
                        violation.handledAt = day.adding(days: -handled).startInstant.addingTimeInterval(10 * 3600)
                        violation.decisionNumber = "3415" + day.adding(days: -handled).description.replacingOccurrences(of: "-", with: "") + String(format: "%08d", 31_000 + daysAgo)
                        violation.scoredHash = offence.points > 0 ? hash(car.owner) : nil
                    }
                    try await violation.create(on: db)
                }
            }
            // The traffic police read their own registry for any of their items.
            let grant = RegistryGrant()
            grant.departmentCode = "jj"
            grant.registry = "traffic"
            grant.fields = RegistryCatalog.registry("traffic")!.fields.map(\.key).joined(separator: ",")
            grant.purpose = "*"
            grant.expiresOn = day.adding(days: 365).description
            grant.createdAt = today
            try await grant.create(on: db)
        }
        return true
    }
}
