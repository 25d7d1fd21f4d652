import Fluent
import Foundation
import TongbanCore

/// Three years of 社保, 公积金 and 医保 history for the demo citizens, consistent with the accounts
/// `RegistrySeed` gives them: 张三 changed jobs (a three-month gap, then 26 months at 六安皖西茶业,
/// the fund's 连续缴存 26 months, balance 48,600.00); 李四 runs that company and repays a fund loan
/// (yearly 还贷提取, balance 23,150.00); 王奶奶 is retired, with residents' medical insurance and
/// a hospital stay. No randomness: the same day of seeding gives the same rows, and the months
/// count back from it so the demo never runs out of history.
enum RecordsSeed {
    static let months = 36
    static let company = DemoAccounts.company.name

    static func load(on db: any Database, cipher: FieldCipher, today: Date) async throws -> Bool {
        guard try await MedicalAccount.query(on: db).count() == 0 else { return false }
        let day = CalendarDay(today)
        let last = RecordMonth(day).adding(months: -1)
        let person = DemoAccounts.citizens.map { cipher.lookupHash("rid:" + $0.idNumber) }
        let zhang = (0..<months).compactMap { back -> Job? in
            back <= 25 ? Job(month: last.adding(months: -back), employer: company, base: raised(650_000, since: last.adding(months: -25), to: last.adding(months: -back)), fundRate: 12)
                : back >= 29 ? Job(month: last.adding(months: -back), employer: "六安市恒达物流有限公司", base: 480_000, fundRate: 5) : nil
        }
        let li = (0..<months).map { back in
            Job(month: last.adding(months: -back), employer: company, base: raised(800_000, since: last.adding(months: -(months - 1)), to: last.adding(months: -back)), fundRate: 12)
        }
        try await db.transaction { db in
            for (index, jobs, number, total) in [(0, zhang, "LA9000000001", 86), (1, li, "LA9000000002", 212)] {
                let insured = SocialInsuranceRecord()
                insured.personHash = person[index]
                insured.number = number
                insured.status = "参保缴费"
                insured.months = total
                insured.employerCreditCode = DemoAccounts.company.creditCode
                try await insured.create(on: db)
                try await contributions(jobs, person: person[index]).create(on: db)
            }
            try await fundBookings(zhang, withdrawals: [], balance: 4_860_000, person: person[0], today: day).create(on: db)
            let repayments = (0..<3).map { last.adding(months: -(3 + 12 * $0)) }
            try await fundBookings(li, withdrawals: repayments, balance: 2_315_000, person: person[1], today: day).create(on: db)
            try await medical(person: person, today: day).create(on: db)
            try await visits(person: person, today: day).create(on: db)
            // 医保局 reads its own registry for any of its items, as the other departments do theirs.
            let grant = RegistryGrant()
            grant.departmentCode = "yb"
            grant.registry = "medicalInsurance"
            grant.fields = RegistryCatalog.registry("medicalInsurance")!.fields.map(\.key).joined(separator: ",")
            grant.purpose = "*"
            grant.expiresOn = day.adding(days: 365).description
            grant.createdAt = today
            try await grant.create(on: db)
        }
        return true
    }

    struct Job {
        var month: RecordMonth
        var employer: String
        var base: Int
        /// Per cent of the base paid into the fund by each side (employee and employer alike).
        var fundRate: Int
    }

    /// The contribution base is adjusted every July to last year's average wage: +3% a year here.
    static func raised(_ base: Int, since start: RecordMonth, to month: RecordMonth) -> Int {
        let span = (month.year - start.year) * 12 + month.month - start.month
        let julys = span <= 0 ? 0 : (1...span).filter { start.adding(months: $0).month == 7 }.count
        // Rounded down to whole yuan, as the 人社 notice publishes it.
        return (0..<julys).reduce(base) { value, _ in value * 103 / 10_000 * 100 }
    }

    static func contributions(_ jobs: [Job], person: String) -> [ContributionRecord] {
        jobs.map { job in
            let row = ContributionRecord()
            row.personHash = person
            row.period = job.month.description
            row.employerName = job.employer
            row.baseFen = job.base
            row.personalFen = job.base * 105 / 1000
            row.employerFen = job.base * 239 / 1000
            return row
        }
    }

    /// A deposit's note is the employer who paid it. Built backwards from today's balance, so the last row ends exactly on the account's balance:
    /// each month's deposit on the 15th, a yearly 结息 (1.5%) on 30 June, and the given withdrawals.
    static func fundBookings(_ jobs: [Job], withdrawals: [RecordMonth], balance: Int, person: String, today: CalendarDay) -> [FundTransaction] {
        var bookings: [(day: CalendarDay, kind: String, amount: Int, note: String)] = jobs.map { job in
            (job.month.day(15), "汇缴", job.base * job.fundRate / 100 * 2, job.employer)
        }
        for month in withdrawals { bookings.append((month.day(20), "提取", -1_800_000, "偿还住房公积金贷款")) }
        let first = jobs.map(\.month).min() ?? RecordMonth(today)
        for year in first.year...today.year where CalendarDay(year: year, month: 6, day: 30) < today && CalendarDay(year: year, month: 6, day: 30) > first.day(1) {
            bookings.append((CalendarDay(year: year, month: 6, day: 30), "结息", 0, "\(year - 1)—\(year)年度结息"))
        }
        bookings.sort { $0.day < $1.day }
        var after = balance
        var rows: [FundTransaction] = []
        for booking in bookings.reversed() {
            var amount = booking.amount
            // Interest is 1.5% of the balance before it: the balance after is 101.5% of that.
            if booking.kind == "结息" { amount = after - after * 1000 / 1015 }
            let row = FundTransaction()
            row.personHash = person
            row.period = RecordMonth(booking.day).description
            row.bookedOn = booking.day.description
            row.kind = booking.kind
            row.amountFen = amount
            row.balanceFen = after
            row.note = booking.note
            rows.append(row)
            after -= amount
        }
        return rows.reversed()
    }

    static func medical(person: [String], today: CalendarDay) -> [MedicalAccount] {
        [(0, "YB9000000001", "职工基本医疗保险", 328_640, "2016-03-01"), (1, "YB9000000002", "职工基本医疗保险", 512_080, "2005-07-01"),
         (2, "YB9000000003", "城乡居民基本医疗保险", 0, "2008-01-01")].map { index, number, kind, balance, since in
            let account = MedicalAccount()
            account.personHash = person[index]
            account.number = number
            account.insuranceType = kind
            account.status = "参保缴费"
            account.balanceFen = balance
            account.insuredSince = since
            return account
        }
    }

    static func visits(person: [String], today: CalendarDay) -> [MedicalVisit] {
        let rows: [(Int, Int, String, String, String, Int, Int)] = [
            (0, 20, "六安市人民医院", "呼吸内科", "门诊", 38_650, 19_325),
            (0, 95, "六安市中医院", "针灸推拿科", "门诊", 26_000, 13_000),
            (0, 210, "六安市百姓缘大药房梅山南路店", "—", "药店购药", 12_800, 0),
            (0, 400, "金安区人民医院", "口腔科", "门诊", 45_000, 0),
            (1, 35, "六安市人民医院", "心血管内科", "门诊", 52_300, 26_150),
            (1, 160, "六安市人民医院", "心血管内科", "住院", 1_865_000, 1_398_200),
            (1, 520, "裕安区人民医院", "消化内科", "门诊", 31_200, 15_600),
            (2, 12, "金寨县人民医院", "内分泌科", "门诊", 21_640, 14_066),
            (2, 74, "金寨县人民医院", "内分泌科", "门诊", 19_880, 12_922),
            (2, 136, "金寨县梅山镇卫生院", "全科", "门诊", 6_500, 3_575),
            (2, 198, "六安市人民医院", "骨科", "住院", 3_248_000, 2_436_000),
            (2, 330, "金寨县人民医院", "内分泌科", "门诊", 20_400, 13_260),
            (2, 700, "金寨县梅山镇卫生院", "全科", "门诊", 5_800, 3_190),
        ]
        return rows.map { index, daysAgo, hospital, department, kind, total, reimbursed in
            let day = today.adding(days: -daysAgo)
            let visit = MedicalVisit()
            visit.personHash = person[index]
            visit.period = RecordMonth(day).description
            visit.visitedOn = day.description
            visit.hospital = hospital
            visit.department = department
            visit.kind = kind
            visit.totalFen = total
            visit.reimbursedFen = reimbursed
            return visit
        }
    }
}
