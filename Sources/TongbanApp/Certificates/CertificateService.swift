import Fluent
import Foundation
import TongbanCore
import Vapor

/// Issuing, sharing, revoking and verifying electronic certificates. No HTTP in here.
struct CertificateService {
    let db: any Database
    let catalog: CatalogSnapshot
    let now: Date
    var gate: WriteGate? = nil

    static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    static func code(_ length: Int) -> String { String((0..<length).map { _ in alphabet.randomElement()! }) }

    /// One certificate per approved item of a concluded case, held by the applicant (or their company).
    /// Runs inside the transaction that concludes the case.
    func issue(for serviceCase: Case, on db: any Database) async throws -> [Certificate] {
        let caseID = try serviceCase.requireID()
        let tasks = try await ReviewTask.query(on: db).filter(\.$serviceCase.$id == caseID)
            .filter(\.$state == TaskState.approved.rawValue).all()
        let applicant = try await User.find(serviceCase.$applicant.id, on: db)
        let company = try await serviceCase.$company.id.asyncMap { try await Company.find($0, on: db) } ?? nil
        var issued: [Certificate] = []
        for task in tasks {
            guard let item = catalog.items[task.itemCode] else { continue }
            var content = ["办理事项": item.name, "办件编号": serviceCase.number, "办结日期": CalendarDay(now).chinese]
            if let company {
                content["企业名称"] = company.name
                content["统一社会信用代码"] = company.creditCode
                content["经办人"] = applicant?.realName ?? ""
            } else {
                content["持证人"] = applicant?.realName ?? ""
            }
            let certificate = make(kind: item.guide.result ?? item.name, holderName: company?.name ?? applicant?.realName ?? "",
                                   holderID: serviceCase.$applicant.id, companyID: company?.id, issuer: item.departmentCode,
                                   content: content, validUntil: nil, caseID: caseID)
            try await certificate.create(on: db)
            try await Self.record(certificate, on: db)
            issued.append(certificate)
        }
        return issued
    }

    /// The issuance on the ledger: the content hash, so a later edit of the row is detectable.
    static func record(_ certificate: Certificate, on db: any Database) async throws {
        try await Ledger.append(kind: "certificate.issued", subject: certificate.number,
                                fields: ["contentHash": certificate.contentHash, "issuer": certificate.issuerCode, "certificateKind": certificate.kind],
                                at: certificate.issuedAt, on: db)
    }

    func make(kind: String, holderName: String, holderID: UUID?, companyID: UUID?, issuer: String,
              content: [String: String], validUntil: String?, caseID: UUID?) -> Certificate {
        let certificate = Certificate()
        certificate.number = "LA-\(CalendarDay(now).year)-" + Self.code(8)
        certificate.kind = kind
        certificate.holderName = holderName
        certificate.holderID = holderID
        certificate.companyID = companyID
        certificate.issuerCode = issuer
        certificate.issuerName = catalog.department(issuer)?.name ?? issuer
        // Whole seconds: the hash covers the issue time as stored, on SQLite and PostgreSQL alike.
        certificate.issuedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        certificate.validUntil = validUntil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        certificate.contentJSON = String(decoding: (try? encoder.encode(content)) ?? Data("{}".utf8), as: UTF8.self)
        certificate.verificationCode = Self.code(6)
        certificate.caseID = caseID
        certificate.contentHash = certificate.computedHash
        return certificate
    }

    /// The holder's wallet: their own certificates and those of companies they act for.
    func wallet(of userID: UUID) async throws -> [Certificate] {
        let companies = try await CompanyAgent.query(on: db).filter(\.$user.$id == userID).all().map(\.$company.id)
        return try await Certificate.query(on: db).group(.or) { group in
            group.filter(\.$holderID == userID)
            if !companies.isEmpty { group.filter(\.$companyID ~~ companies) }
        }.sort(\.$issuedAt, .descending).all()
    }

    func held(_ id: UUID, by userID: UUID) async throws -> Certificate {
        guard let certificate = try await wallet(of: userID).first(where: { $0.id == id }) else {
            throw AppError.notFound("证照", code: "certificate.not_found")
        }
        return certificate
    }

    /// 授权亮证: a code valid for `minutes` that lets anyone holding it see this one certificate.
    func share(_ certificate: Certificate, minutes: Int) async throws -> CertificateShare {
        guard (5...7 * 24 * 60).contains(minutes) else {
            throw AppError.invalid("certificate.invalid_share", "亮证有效时间应在 5 分钟到 7 天之间")
        }
        let share = CertificateShare()
        share.code = Self.code(10)
        share.$certificate.id = try certificate.requireID()
        share.expiresAt = now.addingTimeInterval(Double(minutes) * 60)
        share.createdAt = now
        try await share.create(on: db)
        return share
    }

    func shared(_ code: String) async throws -> Certificate {
        guard let share = try await CertificateShare.query(on: db).filter(\.$code == code.uppercased()).with(\.$certificate).first(),
              share.expiresAt > now
        else { throw AppError(.notFound, "certificate.share_not_found", "亮证码无效或已过期，请向持证人重新获取") }
        return share.certificate
    }

    /// By the issuing department's reviewers (or an administrator), with a reason the holder sees.
    func revoke(_ id: UUID, reason: String?, by principal: Principal) async throws -> Certificate {
        guard let certificate = try await Certificate.find(id, on: db),
              principal.isAdmin || principal.has(.reviewer, inDepartment: certificate.issuerCode)
        else { throw AppError.notFound("证照", code: "certificate.not_found") }
        let reason = try CaseService.requireReason(reason)
        guard certificate.revokedAt == nil else {
            throw AppError(.conflict, "certificate.already_revoked", "该证照已于\(TimeText.minute(certificate.revokedAt))撤销")
        }
        certificate.revokedAt = now
        certificate.revokeReason = reason
        try await serializedTransaction(db, gate: gate) { db in
            try await certificate.save(on: db)
            try await Ledger.append(kind: "certificate.revoked", subject: certificate.number, fields: ["reason": reason], at: now, on: db)
            if let holder = certificate.holderID {
                try await NotificationService(db: db, now: now).notify(
                    holder, title: "证照已撤销", body: "您的“\(certificate.kind)”（\(certificate.number)）已被\(certificate.issuerName)撤销：\(reason)",
                    link: "/me/certificates/\(try certificate.requireID().uuidString)")
            }
        }
        return certificate
    }

    struct Verification: Content {
        var number: String
        var kind: String
        var holder: String
        var issuer: String
        var issuedAt: Date
        var validUntil: String?
        var status: String
        var statusTitle: String
        var revokeReason: String?
        /// The stored content still hashes to the hash recorded at issue.
        var contentIntact: Bool
        var contentHash: String
        var content: [String: String]?
        /// Where the issuance sits in the ledger, and whether its inclusion proof checks out
        /// against the latest signed tree head.
        var ledger: LedgerProof?

        struct LedgerProof: Content {
            var entry: Int
            var treeSize: Int
            var rootHash: String
            var verified: Bool
        }
    }

    /// Adds the ledger's word on this certificate's issuance.
    func withLedger(_ verification: Verification, ledger: LedgerService) async throws -> Verification {
        var result = verification
        guard let entry = try await LedgerEntry.query(on: db).filter(\.$kind == "certificate.issued")
            .filter(\.$subject == verification.number).first() else { return result }
        let (head, verified) = try await ledger.proves(entry)
        result.ledger = .init(entry: entry.seq, treeSize: head.treeSize, rootHash: head.rootHash, verified: verified)
        return result
    }

    /// Public verification needs the printed code as well as the number: numbers alone reveal nothing.
    func verify(number: String, code: String) async throws -> Certificate {
        guard !number.trimmed.isEmpty, !code.trimmed.isEmpty else {
            throw AppError.invalid("certificate.verify_incomplete", "请填写证照编号和核验码", details: ["number": "请填写证照编号", "code": "请填写核验码"])
        }
        guard let certificate = try await Certificate.query(on: db).filter(\.$number == number.trimmed.uppercased()).first(),
              Token.constantTimeEquals(certificate.verificationCode, code.trimmed.uppercased())
        else { throw AppError(.notFound, "certificate.not_found", "没有与该编号和核验码相符的证照，请核对后重试") }
        return certificate
    }

    func verification(_ certificate: Certificate, showContent: Bool) -> Verification {
        let status = certificate.status(today: CalendarDate(now).description)
        let titles: [Certificate.Status: String] = [.valid: "有效", .revoked: "已撤销", .expired: "已过期"]
        return Verification(
            number: certificate.number, kind: certificate.kind,
            holder: showContent ? certificate.holderName : Masking.name(certificate.holderName),
            issuer: certificate.issuerName, issuedAt: certificate.issuedAt, validUntil: certificate.validUntil,
            status: status.rawValue, statusTitle: titles[status] ?? status.rawValue, revokeReason: certificate.revokeReason,
            contentIntact: certificate.computedHash == certificate.contentHash, contentHash: certificate.contentHash,
            content: showContent || certificate.publicContent == true ? certificate.content : nil, ledger: nil)
    }
}

extension Request {
    var certificates: CertificateService {
        CertificateService(db: db, catalog: application.catalogCache.snapshot, now: application.clock.now(), gate: application.writeGate)
    }
}
