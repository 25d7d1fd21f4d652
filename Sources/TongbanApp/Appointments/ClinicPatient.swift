import Fluent
import Foundation
import TongbanCore
import Vapor

/// Whom a booking is for: the signed-in person, or a parent, child or spouse 人口库 links them to, with that
/// person's consent written down. The relative's name comes from the registry, and the look-up is recorded in the
/// relative's 数据使用记录 (read for 卫健委's booking service, naming the relative who did it).
struct ClinicPatient: Sendable {
    var hash: String
    var name: String
    /// Their account, when they have one: they see and may cancel the booking too.
    var userID: UUID?
    var consent: String?

    static func resolve(forIdNumber: String?, consent: String?, booker: User, db: any Database, cipher: FieldCipher, now: Date) async throws -> ClinicPatient {
        guard let own = booker.idNumberHash else {
            throw AppError(.forbidden, "clinic.no_identity", "预约挂号需要实名账号（身份证号）")
        }
        guard let given = forIdNumber?.trimmed.uppercased().nilIfEmpty else {
            return ClinicPatient(hash: own, name: booker.realName, userID: booker.id, consent: nil)
        }
        var problems: [String: String] = [:]
        let consent = (consent ?? "").trimmed
        if !(2...100).contains(consent.count) { problems["consent"] = "为家人预约需写明家人如何同意（如“母亲电话中同意”）" }
        var relative: PopulationRecord?
        switch ResidentID.result(given) {
        case .failure(let error): problems["forIdNumber"] = error.message
        case .success(let id):
            let hash = cipher.lookupHash("rid:" + id.value)
            if hash == own { return ClinicPatient(hash: own, name: booker.realName, userID: booker.id, consent: nil) }
            let records = try await PopulationRecord.query(on: db).filter(\.$personHash ~~ [hash, own]).all()
            let me = records.first { $0.personHash == own }, them = records.first { $0.personHash == hash }
            let related = me.map { [$0.fatherHash, $0.motherHash, $0.spouseHash].contains(hash) } == true
                || them.map { [$0.fatherHash, $0.motherHash].contains(own) } == true
            if them?.alive != true || !related {
                problems["forIdNumber"] = "人口库中该居民不是您的父母、子女或配偶，不能代为预约"
            } else {
                relative = them
            }
        }
        guard problems.isEmpty, let relative else {
            throw AppError.invalid("clinic.invalid_patient", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        let access = DataAccess()
        (access.subjectHash, access.registry, access.fields) = (relative.personHash, "population", "name")
        (access.readerName, access.readerID, access.departmentCode) = ("\(booker.realName)（家属代约挂号）", booker.id, "wj")
        (access.purpose, access.at) = ("代家人预约挂号（本人同意：\(consent)）", now)
        try await access.create(on: db)
        let account = try await User.query(on: db).filter(\.$idNumberHash == relative.personHash).first()?.id
        return ClinicPatient(hash: relative.personHash, name: relative.name, userID: account, consent: consent)
    }
}
