import Fluent
import Foundation

/// Row histories some registries keep beside their facts: 人社's monthly contributions, the fund
/// centre's bookings, 医保's settled visits. Named here so the access log can say what was read.
extension RegistryCatalog {
    static let histories: [String: [(key: String, label: String)]] = [
        "socialInsurance": [("contributions", "缴费明细")],
        "fund": [("transactions", "缴存与提取明细")],
        "medicalInsurance": [("visits", "就医结算记录")],
    ]
}

extension ExchangeGate {
    /// A person's own rows of one history. Grants describe fields, not rows, so no department reads
    /// histories this way: only the owner, and the read is logged like any other, as 本人.
    /// `rows` receives the subject's keyed hash and runs on the gate's database.
    func readOwnHistory<Row: Sendable>(_ registryCode: String, history: String, of idNumber: String, by reader: Reader, purpose: String,
                                       rows: (any Database, String) async throws -> [Row]) async throws -> [Row] {
        guard reader.departmentCode == Reader.selfService else {
            throw AppError(.forbidden, "exchange.history_owner_only", "明细记录只能由本人查询")
        }
        guard let registry = RegistryCatalog.registry(registryCode),
              RegistryCatalog.histories[registryCode]?.contains(where: { $0.key == history }) == true
        else { throw AppError.notFound("明细“\(registryCode).\(history)”", code: "exchange.unknown_history") }
        let found = try await rows(db, registry.subjectHash(idNumber, cipher: cipher))
        try await log(registry, subject: idNumber, fields: [history], masked: [], by: reader, purpose: purpose.trimmed, caseID: nil)
        return found
    }
}
