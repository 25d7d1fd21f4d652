import Fluent
import Foundation
import TongbanCore
import Vapor

/// The 关爱名单 computed from 人口库: who qualifies, who is added, who leaves and why.
///
/// - 独居: aged 70+ and the only living member of the household.
/// - 空巢: aged 70+ and every other living member of the household aged 60+.
/// - 残疾: holds a disability certificate (any level, any age).
///
/// Reading 人口库 for the list is logged as the exchange logs a read, with the community as reader and
/// purpose 社区关爱, for each person when they are added, when their reasons change and when they leave:
/// the daily recheck of people whose situation did not change reads nothing new about them.
struct CareList {
    let db: any Database
    let cipher: FieldCipher
    let now: Date

    static let purpose = "社区关爱"
    static let careAge = 70
    static let elderAge = 60

    struct Change: Content, Equatable {
        var added = 0
        var updated = 0
        var closed = 0
    }

    /// Who qualifies, and why, among one community's living residents.
    static func qualifying(_ residents: [PopulationRecord], today: CalendarDay) -> [String: [String]] {
        let age = { (person: PopulationRecord) -> Int? in CalendarDay(person.birthDate).map { LifeStageRules.age(born: $0, on: today) } }
        var result: [String: [String]] = [:]
        for (_, household) in Dictionary(grouping: residents, by: \.householdNumber) {
            for person in household {
                var reasons: [String] = []
                if let years = age(person), years >= careAge {
                    let others = household.filter { $0.personHash != person.personHash }
                    if others.isEmpty {
                        reasons.append("独居")
                    } else if others.allSatisfy({ (age($0) ?? 0) >= elderAge }) {
                        reasons.append("空巢")
                    }
                }
                if person.disabilityLevel != nil { reasons.append("残疾") }
                if !reasons.isEmpty { result[person.personHash] = reasons }
            }
        }
        return result
    }

    /// A first need level: 80+ living alone, or a severe disability (一级/二级), are visited weekly; the rest every two weeks.
    static func initialLevel(reasons: [String], age: Int, disability: String?) -> CareEntry.Level {
        if reasons.contains("独居") && age >= 80 { return .high }
        if let disability, ["一级", "二级"].contains(disability) { return .high }
        return .medium
    }

    /// Brings every community's list (or one's) in line with 人口库.
    @discardableResult
    func refresh(community code: String? = nil) async throws -> Change {
        let today = CalendarDay(now)
        var query = PopulationRecord.query(on: db).filter(\.$communityCode != nil)
        if let code { query = query.filter(\.$communityCode == code) }
        let registered = try await query.all()
        var entryQuery = CareEntry.query(on: db).filter(\.$closedAt == nil)
        if let code { entryQuery = entryQuery.filter(\.$communityCode == code) }
        let open = try await entryQuery.all()
        let communities = Dictionary(try await Community.query(on: db).all().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let everyone = Dictionary(registered.map { ($0.personHash, $0) }, uniquingKeysWith: { a, _ in a })
        var qualifying: [String: (community: String, reasons: [String])] = [:]
        for (community, residents) in Dictionary(grouping: registered.filter(\.alive), by: { $0.communityCode ?? "" }) {
            for (hash, reasons) in Self.qualifying(residents, today: today) { qualifying[hash] = (community, reasons) }
        }
        // Decide first, then write everything in one transaction (a closure that may not capture mutable state).
        var (closing, updating, adding, logs) = ([CareEntry](), [CareEntry](), [CareEntry](), [DataAccess]())
        let openByPerson = Dictionary(open.map { ($0.personHash, $0) }, uniquingKeysWith: { a, _ in a })
        for entry in open {
            let record = everyone[entry.personHash]
            guard let found = qualifying[entry.personHash], found.community == entry.communityCode, let person = record else {
                entry.closedAt = now
                entry.closedReason = record == nil || record?.communityCode != entry.communityCode ? "已迁出本社区"
                    : record?.alive == false ? "已去世" : "不再符合关爱条件（年龄或同住人员变化、残疾证注销）"
                closing.append(entry)
                logs.append(log(entry.personHash, community: entry.communityCode, name: communities[entry.communityCode], fields: "alive,community,householdSize"))
                continue
            }
            let reasons = found.reasons.joined(separator: ",")
            if reasons != entry.reasons || person.disabilityLevel != entry.disabilityLevel {
                (entry.reasons, entry.disabilityLevel) = (reasons, person.disabilityLevel)
                updating.append(entry)
                logs.append(log(entry.personHash, community: entry.communityCode, name: communities[entry.communityCode], fields: "birthDate,householdSize,disabilityLevel"))
            }
        }
        for (hash, found) in qualifying.sorted(by: { $0.key < $1.key }) {
            if let existing = openByPerson[hash], existing.communityCode == found.community { continue }
            guard let person = everyone[hash] else { continue }
            let age = CalendarDay(person.birthDate).map { LifeStageRules.age(born: $0, on: today) } ?? 0
            let entry = CareEntry()
            entry.communityCode = found.community
            entry.personHash = hash
            entry.idNumberCipher = person.idNumberCipher
            entry.name = person.name
            entry.addressCipher = try cipher.seal(person.address)
            entry.birthDate = person.birthDate
            entry.reasons = found.reasons.joined(separator: ",")
            entry.disabilityLevel = person.disabilityLevel
            let level = Self.initialLevel(reasons: found.reasons, age: age, disability: person.disabilityLevel)
            entry.level = level.rawValue
            entry.nextDueOn = today.adding(days: level.intervalDays).description
            entry.addedAt = now
            adding.append(entry)
            logs.append(log(hash, community: found.community, name: communities[found.community],
                            fields: "name,birthDate,address,householdSize,disabilityLevel"))
        }
        let (saved, created, records) = (closing + updating, adding, logs)
        try await db.transaction { db in
            for entry in saved { try await entry.save(on: db) }
            for chunk in created.chunked(300) { try await Array(chunk).create(on: db) }
            for chunk in records.chunked(300) { try await Array(chunk).create(on: db) }
        }
        let change = Change(added: adding.count, updated: updating.count, closed: closing.count)
        return change
    }

    /// The same audit record `ExchangeGate` writes, with the community as the reader.
    private func log(_ subjectHash: String, community: String, name: String?, fields: String) -> DataAccess {
        let record = DataAccess()
        record.subjectHash = subjectHash
        record.registry = "population"
        record.fields = fields
        record.readerName = "\(name ?? community)（社区关爱名单）"
        record.departmentCode = community
        record.purpose = Self.purpose
        record.at = now
        return record
    }
}

/// Keeps every community's care list in line with 人口库, daily.
enum CareRefresh {
    static let kind = "care_list_refresh"
    static let period: TimeInterval = 24 * 3600

    /// One community at a time, so the work is bounded by a community's size, not the city's.
    static func run(_ job: Job, _ app: Application) async throws {
        let list = CareList(db: app.db, cipher: app.fieldCipher, now: app.clock.now())
        var total = CareList.Change()
        for code in try await Community.query(on: app.db).all(\.$code) {
            let change = try await list.refresh(community: code)
            (total.added, total.updated, total.closed) = (total.added + change.added, total.updated + change.updated, total.closed + change.closed)
        }
        app.logger.info("care lists refreshed: \(total.added) added, \(total.updated) updated, \(total.closed) closed")
    }
}
