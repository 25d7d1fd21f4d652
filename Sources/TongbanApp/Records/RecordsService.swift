import Fluent
import Foundation
import TongbanCore
import Vapor

/// A citizen's own 社保, 公积金 and 医保 records, every read through the exchange gate as 本人 so it
/// shows in their 数据使用记录. Only the owner: the reader is always the signed-in citizen.
struct RecordsService {
    let gate: ExchangeGate
    let owner: Owner

    struct Owner {
        var userID: UUID
        var name: String
        var idNumber: String

        var reader: ExchangeGate.Reader { .init(name: name, userID: userID, departmentCode: ExchangeGate.Reader.selfService) }
    }

    /// Citizens only: staff accounts have no records of their own here and get no one else's through these routes.
    static func owner(_ request: Request) async throws -> Owner {
        let principal = try request.requirePrincipal()
        guard principal.has(.citizen), !principal.isStaff else {
            throw AppError(.forbidden, "records.citizens_only", "个人社保、公积金、医保记录只能由本人使用市民账号查询")
        }
        guard let user = try await User.find(principal.userID, on: request.db), let sealed = user.idNumberCipher else {
            throw AppError(.forbidden, "records.no_identity", "您的账号尚未登记身份证号，无法查询个人记录")
        }
        return Owner(userID: principal.userID, name: principal.realName, idNumber: try request.application.fieldCipher.open(sealed))
    }

    func overview() async throws -> RecordsOverview {
        let purpose = "查看我的社保、公积金、医保"
        return RecordsOverview(socialInsurance: try await socialAccount(purpose: purpose), fund: try await fundAccount(purpose: purpose),
                               medical: try await medicalAccount(purpose: purpose))
    }

    func socialInsurance(from: String?, to: String?, purpose: String = "查询我的社保缴费记录") async throws -> SocialInsuranceRecords {
        let account = try await socialAccount(purpose: purpose)
        let found = try await history("socialInsurance", "contributions", purpose: purpose, from: from, to: to, month: \.period) { db, subject in
            try await ContributionRecord.query(on: db).filter(\.$personHash == subject).sort(\.$period).all()
        }
        let shown = found.rows.map {
            ContributionView(period: $0.period, employer: $0.employerName, baseFen: $0.baseFen, personalFen: $0.personalFen, employerFen: $0.employerFen)
        }
        return SocialInsuranceRecords(account: account, period: found.period, available: found.available, contributions: shown,
                                      personalTotalFen: shown.map(\.personalFen).reduce(0, +), employerTotalFen: shown.map(\.employerFen).reduce(0, +))
    }

    func fund(from: String?, to: String?, purpose: String = "查询我的公积金缴存记录") async throws -> FundRecords {
        let account = try await fundAccount(purpose: purpose)
        let found = try await history("fund", "transactions", purpose: purpose, from: from, to: to, month: \.period) { db, subject in
            try await FundTransaction.query(on: db).filter(\.$personHash == subject).sort(\.$bookedOn).all()
        }
        let shown = found.rows.map {
            FundTransactionView(date: $0.bookedOn, kind: $0.kind, amountFen: $0.amountFen, balanceFen: $0.balanceFen, note: $0.note)
        }
        return FundRecords(account: account, period: found.period, available: found.available, transactions: shown,
                           depositedFen: shown.filter { $0.kind == "汇缴" }.map(\.amountFen).reduce(0, +),
                           withdrawnFen: -shown.filter { $0.kind == "提取" }.map(\.amountFen).reduce(0, +))
    }

    func medical(from: String?, to: String?, purpose: String = "查询我的医保就医记录") async throws -> MedicalRecords {
        let account = try await medicalAccount(purpose: purpose)
        let found = try await history("medicalInsurance", "visits", purpose: purpose, from: from, to: to, month: \.period) { db, subject in
            try await MedicalVisit.query(on: db).filter(\.$personHash == subject).sort(\.$visitedOn, .descending).all()
        }
        let shown = found.rows.map {
            MedicalVisitView(date: $0.visitedOn, hospital: $0.hospital, department: $0.department, kind: $0.kind,
                             totalFen: $0.totalFen, reimbursedFen: $0.reimbursedFen, selfPaidFen: $0.totalFen - $0.reimbursedFen)
        }
        return MedicalRecords(account: account, period: found.period, available: found.available, visits: shown,
                              totalFen: shown.map(\.totalFen).reduce(0, +), reimbursedFen: shown.map(\.reimbursedFen).reduce(0, +))
    }

    struct History<Row> {
        var rows: [Row]
        var period: RecordPeriodView?
        var available: RecordPeriodView?
    }

    /// One history read through the gate, narrowed to the asked months. A person's history is a few dozen
    /// rows, so it is read whole: the months it spans are what a wrong period is told.
    private func history<Row: Sendable>(_ registry: String, _ name: String, purpose: String, from: String?, to: String?, month: KeyPath<Row, String>,
                                        query: (any Database, String) async throws -> [Row]) async throws -> History<Row> {
        let rows = try await gate.readOwnHistory(registry, history: name, of: owner.idNumber, by: owner.reader, purpose: purpose, rows: query)
        let held = Self.held(rows.map { $0[keyPath: month] })
        let period = try RecordPeriod.parse(from: from, to: to, held: held)
        return History(rows: rows.filter { period?.contains($0[keyPath: month]) ?? false },
                       period: period.map(RecordPeriodView.init), available: held.map(RecordPeriodView.init))
    }

    static func held(_ periods: [String]) -> ClosedRange<RecordMonth>? {
        let months = periods.compactMap(RecordMonth.init)
        guard let first = months.min(), let last = months.max() else { return nil }
        return first...last
    }

    // MARK: the accounts, as facts through the gate

    private func facts(_ registry: String, _ fields: [String], purpose: String) async throws -> Facts {
        try await gate.read(registry, fields: fields, of: owner.idNumber, by: owner.reader, purpose: purpose).values
    }

    func socialAccount(purpose: String) async throws -> SocialAccountView? {
        let facts = try await facts("socialInsurance", ["number", "status", "months"], purpose: purpose)
        guard case .string(let number)? = facts["number"] else { return nil }
        return SocialAccountView(number: number, status: Self.text(facts["status"]), totalMonths: Self.count(facts["months"]))
    }

    func fundAccount(purpose: String) async throws -> FundAccountView? {
        let facts = try await facts("fund", ["accountNumber", "accountStatus", "balanceYuan", "consecutiveMonths", "outstandingLoan"], purpose: purpose)
        guard case .string(let number)? = facts["accountNumber"] else { return nil }
        return FundAccountView(accountNumber: number, status: Self.text(facts["accountStatus"]), balanceFen: Self.fen(facts["balanceYuan"]),
                               consecutiveMonths: Self.count(facts["consecutiveMonths"]), outstandingLoan: facts["outstandingLoan"] == .bool(true))
    }

    func medicalAccount(purpose: String) async throws -> MedicalAccountView? {
        let facts = try await facts("medicalInsurance", ["number", "insuranceType", "status", "balanceYuan", "insuredSince"], purpose: purpose)
        guard case .string(let number)? = facts["number"] else { return nil }
        return MedicalAccountView(number: number, insuranceType: Self.text(facts["insuranceType"]), status: Self.text(facts["status"]),
                                  balanceFen: Self.fen(facts["balanceYuan"]), insuredSince: Self.text(facts["insuredSince"]))
    }

    static func text(_ value: FactValue?) -> String { value.flatMap(RegistryFacts.text) ?? "" }

    static func count(_ value: FactValue?) -> Int {
        guard case .number(let number)? = value else { return 0 }
        return Int(number)
    }

    /// Registry numbers are yuan (or counts) as doubles; fen are whole, so round once here.
    static func fen(_ value: FactValue?) -> Int {
        guard case .number(let number)? = value else { return 0 }
        return Int((number * 100).rounded())
    }
}

extension Request {
    func records() async throws -> RecordsService {
        RecordsService(gate: exchange, owner: try await RecordsService.owner(self))
    }
}
