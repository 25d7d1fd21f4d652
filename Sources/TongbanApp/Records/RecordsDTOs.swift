import Foundation
import Vapor

/// What 我的社保 / 我的公积金 / 我的医保 show, for the pages and the API alike. Money in fen.
struct RecordPeriodView: Content, Equatable {
    var from: String
    var to: String

    init(_ period: RecordPeriod) { (from, to) = (period.from.description, period.to.description) }
    init(_ held: ClosedRange<RecordMonth>) { (from, to) = (held.lowerBound.description, held.upperBound.description) }
}

struct SocialAccountView: Content {
    var number: String
    var status: String
    /// 累计缴费月数, from before the history shown too.
    var totalMonths: Int
}

struct ContributionView: Content {
    var period: String
    var employer: String
    var baseFen: Int
    var personalFen: Int
    var employerFen: Int
}

struct SocialInsuranceRecords: Content {
    var account: SocialAccountView?
    /// The months shown, and all the months the registry holds.
    var period: RecordPeriodView?
    var available: RecordPeriodView?
    var contributions: [ContributionView]
    var personalTotalFen: Int
    var employerTotalFen: Int
}

struct FundAccountView: Content {
    var accountNumber: String
    var status: String
    var balanceFen: Int
    var consecutiveMonths: Int
    var outstandingLoan: Bool
}

struct FundTransactionView: Content {
    var date: String
    var kind: String
    var amountFen: Int
    var balanceFen: Int
    var note: String
}

struct FundRecords: Content {
    var account: FundAccountView?
    var period: RecordPeriodView?
    var available: RecordPeriodView?
    var transactions: [FundTransactionView]
    var depositedFen: Int
    var withdrawnFen: Int
}

struct MedicalAccountView: Content {
    var number: String
    var insuranceType: String
    var status: String
    var balanceFen: Int
    var insuredSince: String
}

struct MedicalVisitView: Content {
    var date: String
    var hospital: String
    var department: String
    var kind: String
    var totalFen: Int
    var reimbursedFen: Int
    var selfPaidFen: Int
}

struct MedicalRecords: Content {
    var account: MedicalAccountView?
    var period: RecordPeriodView?
    var available: RecordPeriodView?
    var visits: [MedicalVisitView]
    var totalFen: Int
    var reimbursedFen: Int
}

struct RecordsOverview: Content {
    var socialInsurance: SocialAccountView?
    var fund: FundAccountView?
    var medical: MedicalAccountView?
}

struct StatementInput: Content {
    /// socialInsurance, fund or medical
    var kind: String
    var from: String?
    var to: String?
    /// Amounts (bases, deposits, balance) on the statement; without them it states months and employers only.
    var showAmounts: Bool?
}

struct StatementView: Content {
    var id: UUID
    var kind: String
    var title: String
    var number: String
    var verificationCode: String
    /// As stated on it, e.g. 2024年05月至2026年04月.
    var period: String
    var issuedAt: Date
    var validUntil: String?
    var verifyLink: String
    var content: [String: String]

    init(_ certificate: Certificate, kind: StatementService.Kind) {
        id = certificate.id!
        self.kind = kind.rawValue
        title = certificate.kind
        number = certificate.number
        verificationCode = certificate.verificationCode
        let content = certificate.content
        period = content["证明期间"] ?? ""
        issuedAt = certificate.issuedAt
        validUntil = certificate.validUntil
        verifyLink = RecordsURL.verify(certificate)
        self.content = content
    }
}
