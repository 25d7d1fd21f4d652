import Foundation
import TongbanCore
import Vapor

/// Read-only copies of the catalogue that pages and the API serve from memory: the catalogue is
/// read thousands of times for every edit, and search needs its index in memory anyway.
struct ServiceItemRecord: Content, Sendable {
    var code: String
    var name: String
    var departmentCode: String
    var departmentName: String
    var type: String
    var audience: [String]
    var themes: [String]
    var onlineDepth: String
    var legalLimitDays: Int
    var promisedLimitDays: Int
    var hot: Bool
    var crossRegion: Bool
    var guide: Guide
    var updatedAt: Date?
}

struct DepartmentRecord: Content, Sendable {
    var code: String
    var name: String
    var shortName: String
    var phone: String?
    var address: String?
    var hours: String?
    var itemCount: Int
}

struct ThemeRecord: Content, Sendable {
    var code: String
    var name: String
    var itemCount: Int
}

struct DistrictRecord: Content, Sendable {
    var code: String
    var name: String
}

struct LifeEventRecord: Content, Sendable {
    var code: String
    var name: String
    var audience: [String]
    var summary: String
    var items: [String]
    var promisedLimitDays: Int
    var keywords: [String]
    /// Item code → item codes whose result it needs first (bank account after the licence).
    var dependencies: [String: [String]]
}

struct CatalogSnapshot: Sendable {
    var items: [String: ServiceItemRecord] = [:]
    /// Display order: departments by their sort order, items by name within.
    var itemOrder: [String] = []
    var departments: [DepartmentRecord] = []
    /// Department row ids by code, so fanning a case out into tasks needs no query.
    var departmentIDs: [String: UUID] = [:]
    var themes: [ThemeRecord] = []
    var districts: [DistrictRecord] = []
    var lifeEvents: [LifeEventRecord] = []
    var index = SearchIndex()
    /// What people say → how the catalogue names it; the assistant's index uses the same table.
    var synonyms = SynonymTable([:])
    /// Each item's API representation, encoded once per reload: guides are large and read far
    /// more often than they change, so GET /api/v1/services/{code} only copies bytes.
    var itemJSON: [String: Data] = [:]
    /// 跨域通办: items another city decides, by item code, so a window acceptance needs no query to know.
    var decidingCities: [String: DecidingCity] = [:]
    /// Changes when anything in the catalogue changes; instances compare it to notice another's edit.
    var revision = ""

    struct DecidingCity: Sendable, Equatable {
        var code: String
        var name: String
    }

    var hotItems: [ServiceItemRecord] { itemOrder.compactMap { items[$0] }.filter(\.hot) }

    func items(department: String? = nil, theme: String? = nil, audience: String? = nil) -> [ServiceItemRecord] {
        itemOrder.compactMap { items[$0] }.filter { item in
            (department == nil || item.departmentCode == department)
                && (theme == nil || item.themes.contains(theme!))
                && (audience == nil || item.audience.contains(audience!))
        }
    }

    func lifeEvent(_ code: String) -> LifeEventRecord? { lifeEvents.first { $0.code == code } }
    func department(_ code: String) -> DepartmentRecord? { departments.first { $0.code == code } }
    func theme(_ code: String) -> ThemeRecord? { themes.first { $0.code == code } }

    static let lifeEventPrefix = "event:"

    /// Items are weighted by name first, then the words people use for them; life events are in
    /// the same index so "开公司" can find the 企业开办 bundle as well as its items.
    static func buildIndex(items: [ServiceItemRecord], lifeEvents: [LifeEventRecord], synonyms: SynonymTable) -> SearchIndex {
        var index = SearchIndex(synonyms: synonyms)
        for item in items {
            index.upsert(id: item.code, fields: fields(of: item), boost: item.hot ? 1.15 : 1.0)
        }
        for event in lifeEvents {
            index.upsert(
                id: lifeEventPrefix + event.code,
                fields: [
                    SearchField(event.name + " 一件事", weight: 3),
                    SearchField(event.keywords.joined(separator: " "), weight: 2),
                    SearchField(event.summary, weight: 0.5),
                ],
                boost: 1.1)
        }
        return index
    }

    static func fields(of item: ServiceItemRecord) -> [SearchField] {
        [
            SearchField(item.name, weight: 3),
            SearchField(item.guide.keywords.joined(separator: " "), weight: 2),
            SearchField(item.departmentName, weight: 0.5),
            SearchField(item.guide.summary, weight: 0.5),
        ]
    }
}
