import Fluent
import Foundation
import TongbanCore

/// The demo citizens' everyday certificates (电子身份证, 社保卡), so the wallet is not empty on day one.
enum CertificateSeed {
    static func load(on db: any Database, catalog: CatalogSnapshot, now: Date) async throws -> Bool {
        guard try await Certificate.query(on: db).filter(\.$caseID == nil).count() == 0 else { return false }
        let service = CertificateService(db: db, catalog: catalog, now: now)
        for citizen in DemoAccounts.citizens {
            guard let user = try await User.query(on: db).filter(\.$realName == citizen.name).first() else { continue }
            let tenYears = CalendarDate(now.addingTimeInterval(10 * 365 * 86_400)).description
            let id = service.make(kind: "居民身份证（电子）", holderName: citizen.name, holderID: user.id, companyID: nil, issuer: "ga",
                                  content: ["姓名": citizen.name, "公民身份号码": Masking.residentID(citizen.idNumber)],
                                  validUntil: tenYears, caseID: nil)
            let card = service.make(kind: "社会保障卡（电子）", holderName: citizen.name, holderID: user.id, companyID: nil, issuer: "rs",
                                    content: ["姓名": citizen.name, "社会保障号码": Masking.residentID(citizen.idNumber)],
                                    validUntil: nil, caseID: nil)
            try await [id, card].create(on: db)
            for certificate in [id, card] { try await CertificateService.record(certificate, on: db) }
        }
        return true
    }
}
