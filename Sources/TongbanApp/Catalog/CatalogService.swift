import Fluent
import Foundation
import NIOConcurrencyHelpers
import TongbanCore
import Vapor

/// Holds the in-memory catalogue of this instance. Pages and the API read the current snapshot
/// without touching the database; every edit writes to the database and then rebuilds the snapshot.
final class CatalogCache: Sendable {
    private let box = NIOLockedValueBox(CatalogSnapshot())
    var snapshot: CatalogSnapshot { box.withLockedValue { $0 } }
    func replace(_ snapshot: CatalogSnapshot) { box.withLockedValue { $0 = snapshot } }
}

/// The rules of the catalogue: loading, searching and editing items and departments.
struct CatalogService {
    let db: any Database
    let cache: CatalogCache

    var snapshot: CatalogSnapshot { cache.snapshot }

    // MARK: Reading

    func search(_ query: String, limit: Int = 20) -> [CatalogSearchResult] {
        let snapshot = cache.snapshot
        return snapshot.index.search(query, limit: limit).compactMap { hit in
            if hit.id.hasPrefix(CatalogSnapshot.lifeEventPrefix) {
                let code = String(hit.id.dropFirst(CatalogSnapshot.lifeEventPrefix.count))
                return snapshot.lifeEvent(code).map { .lifeEvent($0, score: hit.score) }
            }
            return snapshot.items[hit.id].map { .item($0, score: hit.score) }
        }
    }

    func item(_ code: String) throws -> ServiceItemRecord {
        guard let item = cache.snapshot.items[code] else { throw AppError.notFound("事项", code: "catalog.item_not_found") }
        return item
    }

    func department(_ code: String) throws -> DepartmentRecord {
        guard let department = cache.snapshot.department(code) else {
            throw AppError.notFound("部门", code: "catalog.department_not_found")
        }
        return department
    }

    func lifeEvent(_ code: String) throws -> LifeEventRecord {
        guard let event = cache.snapshot.lifeEvent(code) else { throw AppError.notFound("一件事", code: "catalog.life_event_not_found") }
        return event
    }

    // MARK: Editing

    func saveItem(_ input: ServiceItemInput, replacing existingCode: String? = nil) async throws -> ServiceItemRecord {
        let snapshot = cache.snapshot
        try input.validate(
            knownDepartments: Set(snapshot.departments.map(\.code)), knownThemes: Set(snapshot.themes.map(\.code)))
        guard let department = try await Department.query(on: db).filter(\.$code == input.department).first() else {
            throw AppError.invalid("catalog.invalid_item", "部门 \(input.department) 不存在", details: ["department": "部门不存在"])
        }
        let item: ServiceItem
        if let existingCode {
            guard let found = try await ServiceItem.query(on: db).filter(\.$code == existingCode).first() else {
                throw AppError.notFound("事项", code: "catalog.item_not_found")
            }
            item = found
            if input.code != existingCode { throw AppError.invalid("catalog.code_immutable", "事项编码创建后不能修改") }
        } else {
            if try await ServiceItem.query(on: db).filter(\.$code == input.code).count() > 0 {
                throw AppError(.conflict, "catalog.item_exists", "事项编码 \(input.code) 已存在")
            }
            item = ServiceItem()
            item.code = input.code
            item.active = true
        }
        apply(input, to: item, departmentID: try department.requireID())
        try await item.save(on: db)
        try await reload()
        return try self.item(input.code)
    }

    func apply(_ input: ServiceItemInput, to item: ServiceItem, departmentID: UUID) {
        item.name = input.name.trimmed
        item.$department.id = departmentID
        item.itemType = input.type
        item.audience = ServiceItem.delimited(input.audience)
        item.themes = ServiceItem.delimited(input.themes)
        item.onlineDepth = input.onlineDepth
        item.legalLimitDays = input.legalLimitDays
        item.promisedLimitDays = input.promisedLimitDays
        item.hot = input.hot ?? false
        item.crossRegion = input.crossRegion ?? false
        try? item.setGuide(input.guide)
        item.updatedAt = Date()
    }

    func saveDepartment(_ input: DepartmentInput, replacing existingCode: String? = nil) async throws -> DepartmentRecord {
        try input.validate()
        let department: Department
        if let existingCode {
            guard let found = try await Department.query(on: db).filter(\.$code == existingCode).first() else {
                throw AppError.notFound("部门", code: "catalog.department_not_found")
            }
            if input.code != existingCode { throw AppError.invalid("catalog.code_immutable", "部门编码创建后不能修改") }
            department = found
        } else {
            if try await Department.query(on: db).filter(\.$code == input.code).count() > 0 {
                throw AppError(.conflict, "catalog.department_exists", "部门编码 \(input.code) 已存在")
            }
            let count = try await Department.query(on: db).count()
            department = Department(code: input.code, name: "", shortName: "", phone: nil, address: nil, hours: nil, sortOrder: count + 1)
        }
        department.name = input.name.trimmed
        department.shortName = input.shortName.trimmed
        department.phone = input.phone?.trimmed.nilIfEmpty
        department.address = input.address?.trimmed.nilIfEmpty
        department.hours = input.hours?.trimmed.nilIfEmpty
        department.updatedAt = Date()
        try await department.save(on: db)
        try await reload()
        return try self.department(input.code)
    }

    // MARK: Loading

    /// Reads the whole catalogue (a few hundred rows, a handful of queries) and swaps the snapshot.
    func reload() async throws {
        let departments = try await Department.query(on: db).sort(\.$sortOrder).sort(\.$code).all()
        let items = try await ServiceItem.query(on: db).filter(\.$active == true).sort(\.$name).all()
        let themes = try await Theme.query(on: db).sort(\.$sortOrder).all()
        let districts = try await District.query(on: db).sort(\.$code).all()
        let events = try await LifeEvent.query(on: db).sort(\.$code).all()
        let synonyms = try await SearchSynonym.query(on: db).all()
        let decidedElsewhere = try await FederationItem.query(on: db).all()

        let departmentByID = Dictionary(uniqueKeysWithValues: departments.compactMap { d in d.id.map { ($0, d) } })
        var records: [String: ServiceItemRecord] = [:]
        for item in items {
            guard let department = departmentByID[item.$department.id] else { continue }
            records[item.code] = ServiceItemRecord(
                code: item.code, name: item.name, departmentCode: department.code, departmentName: department.name,
                type: item.itemType, audience: ServiceItem.undelimited(item.audience), themes: ServiceItem.undelimited(item.themes),
                onlineDepth: item.onlineDepth, legalLimitDays: item.legalLimitDays, promisedLimitDays: item.promisedLimitDays,
                hot: item.hot, crossRegion: item.crossRegion, guide: try item.guide, updatedAt: item.updatedAt)
        }
        let order = departments.flatMap { d in items.filter { $0.$department.id == d.id }.map(\.code) }
        var snapshot = CatalogSnapshot()
        snapshot.departmentIDs = Dictionary(uniqueKeysWithValues: departments.compactMap { d in d.id.map { (d.code, $0) } })
        snapshot.items = records
        snapshot.itemOrder = order
        snapshot.departments = departments.map { d in
            DepartmentRecord(
                code: d.code, name: d.name, shortName: d.shortName, phone: d.phone, address: d.address, hours: d.hours,
                itemCount: records.values.filter { $0.departmentCode == d.code }.count)
        }
        snapshot.themes = themes.map { t in
            ThemeRecord(code: t.code, name: t.name, itemCount: records.values.filter { $0.themes.contains(t.code) }.count)
        }
        snapshot.districts = districts.map { DistrictRecord(code: $0.code, name: $0.name) }
        snapshot.lifeEvents = events.map { e in
            var record = LifeEventRecord(
                code: e.code, name: e.name, audience: ServiceItem.undelimited(e.audience), summary: e.summary,
                items: ServiceItem.undelimited(e.itemCodes), promisedLimitDays: e.promisedLimitDays,
                keywords: ServiceItem.undelimited(e.keywords), dependencies: e.dependencies)
            // What the applicant is promised, everywhere: never shorter than the departments' chain.
            record.promisedLimitDays = CaseService.promise(record, items: record.items.compactMap { records[$0] })
            return record
        }
        let table = SynonymTable(Dictionary(synonyms.map { ($0.term, $0.expansions.split(separator: "\n").map(String.init)) },
                                            uniquingKeysWith: { a, _ in a }))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        snapshot.itemJSON = try records.mapValues { try encoder.encode($0) }
        snapshot.index = CatalogSnapshot.buildIndex(items: Array(records.values), lifeEvents: snapshot.lifeEvents, synonyms: table)
        snapshot.synonyms = table
        snapshot.decidingCities = Dictionary(decidedElsewhere.map { ($0.itemCode, .init(code: $0.decidingCityCode, name: $0.decidingCityName)) },
                                             uniquingKeysWith: { first, _ in first })
        snapshot.revision = try await Self.revision(on: db)
        cache.replace(snapshot)
    }

    /// Row counts and the latest edit time: cheap to read, and different after any edit anywhere.
    static func revision(on db: any Database) async throws -> String {
        let itemCount = try await ServiceItem.query(on: db).count()
        let departmentCount = try await Department.query(on: db).count()
        let decidedElsewhereCount = try await FederationItem.query(on: db).count()
        let latestItem = try await ServiceItem.query(on: db).max(\.$updatedAt)
        let latestDepartment = try await Department.query(on: db).max(\.$updatedAt)
        let latestDecidedElsewhere = try await FederationItem.query(on: db).max(\.$updatedAt)
        let stamp = [latestItem, latestDepartment, latestDecidedElsewhere].compactMap { $0?.timeIntervalSince1970 }.max() ?? 0
        return "\(itemCount)/\(departmentCount)/\(decidedElsewhereCount)/\(stamp)"
    }
}

enum CatalogSearchResult: Sendable {
    case item(ServiceItemRecord, score: Double)
    case lifeEvent(LifeEventRecord, score: Double)
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Application {
    private struct CatalogCacheKey: StorageKey { typealias Value = CatalogCache }

    var catalogCache: CatalogCache {
        if let cache = storage[CatalogCacheKey.self] { return cache }
        let cache = CatalogCache()
        storage[CatalogCacheKey.self] = cache
        return cache
    }
}

extension Request {
    var catalog: CatalogService { CatalogService(db: db, cache: application.catalogCache) }
}
