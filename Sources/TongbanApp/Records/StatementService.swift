import Fluent
import Foundation
import TongbanCore
import Vapor

/// 社会保险缴费证明, 住房公积金缴存证明 and 医疗保险参保证明: certificates of their own kinds, issued by the
/// owning department from the records as read now, so the existing ledger entry and public
/// verification (/verify) serve them unchanged. A statement is a snapshot: its content, not the
/// registry, is what it states, and its hash covers every line.
struct StatementService {
    let records: RecordsService
    let certificates: CertificateService

    enum Kind: String, CaseIterable {
        case socialInsurance, fund, medical

        var title: String {
            switch self {
            case .socialInsurance: "社会保险缴费证明"
            case .fund: "住房公积金缴存证明"
            case .medical: "医疗保险参保证明"
            }
        }

        var issuer: String {
            switch self {
            case .socialInsurance: "rs"
            case .fund: "gjj"
            case .medical: "yb"
            }
        }

        init?(title: String) {
            guard let kind = Self.allCases.first(where: { $0.title == title }) else { return nil }
            self = kind
        }
    }

    /// Long enough to hand in to a bank or a school, short enough that an old statement is not mistaken for today's record.
    static let validDays = 90

    func issue(_ input: StatementInput) async throws -> (Certificate, Kind) {
        guard let kind = Kind(rawValue: input.kind) else {
            throw AppError.invalid("records.unknown_statement", "请选择要开具的证明：社保缴费证明、公积金缴存证明或医保参保证明",
                                   details: ["kind": Kind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        let purpose = "开具\(kind.title)"
        let amounts = input.showAmounts ?? true
        let (period, content) = switch kind {
        case .socialInsurance: try await socialInsurance(input, purpose: purpose, amounts: amounts)
        case .fund: try await fund(input, purpose: purpose, amounts: amounts)
        case .medical: try await medical(input, purpose: purpose, amounts: amounts)
        }
        var stated = content
        stated["公民身份号码"] = Masking.residentID(records.owner.idNumber)
        stated["证明期间"] = period.chinese
        stated["说明"] = "本证明依据\(kind.issuer == "yb" ? "医疗保障" : kind.issuer == "gjj" ? "住房公积金" : "社会保险")业务记录出具，自开具之日起\(Self.validDays)日内有效；凭证照编号和核验码可在六安通办“证照核验”页面核验真伪。"
        let validUntil = CalendarDay(certificates.now).adding(days: Self.validDays).description
        let certificate = certificates.make(kind: kind.title, holderName: records.owner.name, holderID: records.owner.userID, companyID: nil,
                                            issuer: kind.issuer, content: stated, validUntil: validUntil, caseID: nil)
        certificate.publicContent = true
        try await serializedTransaction(certificates.db, gate: certificates.gate) { db in
            try await certificate.create(on: db)
            try await CertificateService.record(certificate, on: db)
        }
        return (certificate, kind)
    }

    /// The holder's own statement; anyone else's, or a certificate that is not a statement, does not exist here.
    func mine(_ id: UUID) async throws -> (Certificate, Kind) {
        let certificate = try await certificates.held(id, by: records.owner.userID)
        guard let kind = Kind(title: certificate.kind), certificate.publicContent == true else {
            throw AppError.notFound("证明", code: "records.statement_not_found")
        }
        return (certificate, kind)
    }

    static func yuan(_ fen: Int) -> String { BillMoney.yuan(fen) + " 元" }

    /// A table as text, one line per row, cells separated by ｜, the first line the header: readable as
    /// it is on the public verification page, and turned back into a table on the printable page.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.joined(separator: "｜") }.joined(separator: "\n")
    }

    private func socialInsurance(_ input: StatementInput, purpose: String, amounts: Bool) async throws -> (RecordPeriod, [String: String]) {
        let found = try await records.socialInsurance(from: input.from, to: input.to, purpose: purpose)
        guard let account = found.account else { throw Self.noAccount("社会保险参保记录") }
        let period = try Self.nonEmpty(found.period, found.contributions.count, found.available)
        var content = ["社会保障号码": account.number, "参保状态": account.status, "缴费月数": "\(found.contributions.count) 个月",
                       "参保险种": "企业职工基本养老保险、职工基本医疗保险、失业保险、工伤保险",
                       "参保单位": Self.distinct(found.contributions.map(\.employer)).joined(separator: "、")]
        if amounts {
            content["个人缴费合计"] = Self.yuan(found.personalTotalFen)
            content["单位缴费合计"] = Self.yuan(found.employerTotalFen)
            content["缴费明细"] = Self.table(["月份", "参保单位", "缴费基数", "个人缴纳", "单位缴纳"], found.contributions.map {
                [$0.period, $0.employer, BillMoney.yuan($0.baseFen), BillMoney.yuan($0.personalFen), BillMoney.yuan($0.employerFen)]
            })
        } else {
            content["缴费明细"] = Self.table(["月份", "参保单位"], found.contributions.map { [$0.period, $0.employer] })
        }
        return (period, content)
    }

    private func fund(_ input: StatementInput, purpose: String, amounts: Bool) async throws -> (RecordPeriod, [String: String]) {
        let found = try await records.fund(from: input.from, to: input.to, purpose: purpose)
        guard let account = found.account else { throw Self.noAccount("住房公积金账户") }
        let deposits = found.transactions.filter { $0.kind == "汇缴" }
        let period = try Self.nonEmpty(found.period, deposits.count, found.available)
        let employers = Self.distinct(deposits.map(\.note))
        var content = ["公积金账号": account.accountNumber, "账户状态": account.status, "缴存月数": "\(deposits.count) 个月",
                       "缴存单位": employers.joined(separator: "、")]
        if amounts, let last = found.transactions.last {
            content["期间缴存合计"] = Self.yuan(found.depositedFen)
            content["期间提取合计"] = Self.yuan(found.withdrawnFen)
            content["期末余额"] = Self.yuan(last.balanceFen)
            content["缴存明细"] = Self.table(["日期", "摘要", "发生额", "余额"], found.transactions.map {
                [$0.date, "\($0.kind)：\($0.note)", BillMoney.yuan($0.amountFen), BillMoney.yuan($0.balanceFen)]
            })
        } else {
            content["缴存明细"] = Self.table(["月份", "缴存单位"], deposits.map { [String($0.date.prefix(7)), $0.note] })
        }
        return (period, content)
    }

    /// 参保证明 states the insurance, never the visits: what illnesses a person had is not for a bank or an employer.
    private func medical(_ input: StatementInput, purpose: String, amounts: Bool) async throws -> (RecordPeriod, [String: String]) {
        guard let account = try await records.medicalAccount(purpose: purpose) else { throw Self.noAccount("医疗保险参保记录") }
        let since = RecordMonth(CalendarDay(account.insuredSince) ?? CalendarDay(certificates.now))
        let current = RecordMonth(CalendarDay(certificates.now))
        guard let period = try RecordPeriod.parse(from: input.from, to: input.to, held: since...max(since, current)) else {
            throw Self.noAccount("医疗保险参保记录")
        }
        var content = ["医保编号": account.number, "参保险种": account.insuranceType, "参保状态": account.status, "参保日期": account.insuredSince]
        if amounts, account.insuranceType.hasPrefix("职工") { content["个人账户余额"] = Self.yuan(account.balanceFen) }
        return (period, content)
    }

    static func noAccount(_ what: String) -> AppError {
        AppError.invalid("records.no_account", "没有查询到您的\(what)，无法开具证明；如有疑问请咨询 12345")
    }

    /// A period inside the held months can still fall in a gap (between two jobs): nothing to certify there.
    static func nonEmpty(_ period: RecordPeriodView?, _ count: Int, _ available: RecordPeriodView?) throws -> RecordPeriod {
        guard let period, count > 0, let from = RecordMonth(period.from), let to = RecordMonth(period.to) else {
            throw AppError.invalid("records.no_records_in_period", "所选期间没有缴费记录\(available.map { "，有记录的期间为\($0.from)至\($0.to)" } ?? "")")
        }
        return RecordPeriod(from: from, to: to)
    }

    static func distinct(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}

extension Request {
    func statements() async throws -> StatementService {
        StatementService(records: try await records(), certificates: certificates)
    }
}
