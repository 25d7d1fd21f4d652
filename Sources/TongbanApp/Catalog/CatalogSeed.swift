import Fluent
import Foundation
import Vapor

/// Lu'an's catalogue as shipped in `Resources/seed/catalog.json`.
struct CatalogSeed: Decodable, Sendable {
    var districts: [DistrictRecord]
    var departments: [SeedDepartment]
    var themes: [ThemeInput]
    var items: [ServiceItemInput]
    var lifeEvents: [LifeEventInput]
    var synonyms: [String: [String]]

    struct SeedDepartment: Decodable, Sendable {
        var code: String
        var name: String
        var shortName: String
        var consultPhone: String?
        var address: String?
        var hours: String?
    }

    struct ThemeInput: Decodable, Sendable {
        var code: String
        var name: String
    }

    static func bundled() throws -> CatalogSeed {
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: "json", subdirectory: "Resources/seed") else {
            throw AppError(.internalServerError, "seed.missing", "找不到内置的事项目录数据 catalog.json")
        }
        return try JSONDecoder().decode(CatalogSeed.self, from: Data(contentsOf: url))
    }

    /// Loads the catalogue into an empty database in one transaction; does nothing if departments exist,
    /// so a restart never duplicates or overwrites what administrators have edited.
    func load(on db: any Database) async throws -> Bool {
        guard try await Department.query(on: db).count() == 0 else { return false }
        try await db.transaction { db in
            for district in districts { try await District(code: district.code, name: district.name).create(on: db) }
            var departmentIDs: [String: UUID] = [:]
            for (n, input) in departments.enumerated() {
                let department = Department(
                    code: input.code, name: input.name, shortName: input.shortName, phone: input.consultPhone,
                    address: input.address, hours: input.hours, sortOrder: n + 1)
                try await department.create(on: db)
                departmentIDs[input.code] = try department.requireID()
            }
            for (n, theme) in themes.enumerated() { try await Theme(code: theme.code, name: theme.name, sortOrder: n + 1).create(on: db) }
            let service = CatalogService(db: db, cache: CatalogCache())
            for input in items {
                guard let departmentID = departmentIDs[input.department] else {
                    throw AppError(.internalServerError, "seed.invalid", "种子数据中事项 \(input.code) 的部门 \(input.department) 不存在")
                }
                let item = ServiceItem()
                item.code = input.code
                item.active = true
                service.apply(input, to: item, departmentID: departmentID)
                try await item.create(on: db)
            }
            for input in lifeEvents {
                let event = LifeEvent()
                event.code = input.code
                event.name = input.name
                event.audience = ServiceItem.delimited(input.audience)
                event.summary = input.summary
                event.itemCodes = ServiceItem.delimited(input.items)
                event.keywords = ServiceItem.delimited(input.keywords)
                event.promisedLimitDays = input.promisedLimitDays
                if let dependencies = input.dependencies {
                    event.dependenciesJSON = String(decoding: try JSONEncoder().encode(dependencies), as: UTF8.self)
                }
                try await event.create(on: db)
            }
            for (term, expansions) in synonyms.sorted(by: { $0.key < $1.key }) {
                try await SearchSynonym(term: term, expansions: expansions).create(on: db)
            }
        }
        return true
    }
}
