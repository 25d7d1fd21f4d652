import Fluent
import Foundation
import TongbanCore

/// Registry records for the demo citizens, chosen so that 智能审批 shows all three outcomes on
/// 住房公积金提取（购买自住住房）: 张三 qualifies (approved in a second), 李四 still owes a fund
/// loan (sent to a person), 王奶奶 never contributed (not approved). Dates are relative to the
/// day of seeding so the demo keeps working.
enum RegistrySeed {
    static func load(on db: any Database, cipher: FieldCipher, today: Date) async throws -> Bool {
        guard try await FundAccount.query(on: db).count() == 0 else { return false }
        let citizens = DemoAccounts.citizens
        func daysAgo(_ days: Double) -> String { CalendarDate(today.addingTimeInterval(-days * 86_400)).description }
        let accounts: [(Int, String, Int, Bool, Int)] = [
            (0, "正常", 26, false, 4_860_000),
            (1, "正常", 41, true, 2_315_000),
        ]
        for (index, status, months, loan, balance) in accounts {
            let account = FundAccount()
            account.personHash = cipher.lookupHash("rid:" + citizens[index].idNumber)
            account.accountNumber = "34150\(index + 1)20180\(index + 3)7"
            account.status = status
            account.consecutiveMonths = months
            account.outstandingLoan = loan
            account.balanceFen = balance
            account.updatedOn = daysAgo(3)
            try await account.create(on: db)
        }
        let properties: [(Int, String, String, Double)] = [
            (0, "金安区梅山南路88号翡翠苑3栋1单元502室", daysAgo(45), 98.6),
            (1, "裕安区解放南路216号清水河小区7栋301室", daysAgo(120), 112.3),
            (2, "金寨县梅山镇红军街12号", daysAgo(9000), 76.0),
        ]
        // The grants the demo needs: 公积金中心 reads its own accounts for any of its items, and the
        // real-estate facts for the purchase withdrawal only; 自然资源 reads its own registry.
        let inAYear = CalendarDate(today.addingTimeInterval(365 * 86_400)).description
        for (department, registry, fields, purpose) in [
            ("gjj", "fund", RegistryCatalog.registry("fund")!.fields.map(\.key), "*"),
            ("gjj", "realestate", ["latestRegistrationDate", "address", "count"], "gjj-tq-gf"),
            ("zrzy", "realestate", RegistryCatalog.registry("realestate")!.fields.map(\.key), "*"),
            ("ga", "population", RegistryCatalog.registry("population")!.fields.map(\.key), "*"),
            ("scjg", "legalEntity", RegistryCatalog.registry("legalEntity")!.fields.map(\.key), "*"),
            ("rs", "socialInsurance", RegistryCatalog.registry("socialInsurance")!.fields.map(\.key), "*"),
            // Marriage registration checks marital status; the fund centre checks the household address.
            ("mz", "population", ["name", "maritalStatus", "householdNumber"], "mz-jhdj"),
            ("gjj", "population", ["address", "householdNumber"], "*"),
        ] {
            let grant = RegistryGrant()
            grant.departmentCode = department
            grant.registry = registry
            grant.fields = fields.joined(separator: ",")
            grant.purpose = purpose
            grant.expiresOn = inAYear
            grant.createdAt = today
            try await grant.create(on: db)
        }
        for (index, address, day, area) in properties {
            let property = PropertyRegistration()
            property.ownerHash = cipher.lookupHash("rid:" + citizens[index].idNumber)
            property.certificateNumber = "皖(\(day.prefix(4)))六安市不动产权第\(String(format: "%07d", 1_200_000 + index * 317))号"
            property.address = address
            property.registeredOn = day
            property.areaSquareMeters = area
            try await property.create(on: db)
        }
        return true
    }
}
