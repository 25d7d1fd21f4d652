import Fluent
import Foundation

/// 事项: one service a department provides, with its guide.
/// List filters (department, theme, audience, hot) are real columns; the guide is one JSON document.
final class ServiceItem: Model, @unchecked Sendable {
    static let schema = "service_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Parent(key: "department_id") var department: Department
    @Field(key: "item_type") var itemType: String
    /// Delimited lists (",个人,法人,") so that both SQLite and PostgreSQL can filter with LIKE.
    @Field(key: "audience") var audience: String
    @Field(key: "themes") var themes: String
    @Field(key: "online_depth") var onlineDepth: String
    @Field(key: "legal_limit_days") var legalLimitDays: Int
    @Field(key: "promised_limit_days") var promisedLimitDays: Int
    @Field(key: "hot") var hot: Bool
    @Field(key: "cross_region") var crossRegion: Bool
    @Field(key: "guide") var guideJSON: String
    @Field(key: "active") var active: Bool
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var guide: Guide {
        get throws { try JSONDecoder().decode(Guide.self, from: Data(guideJSON.utf8)) }
    }

    func setGuide(_ guide: Guide) throws {
        guideJSON = String(decoding: try JSONEncoder().encode(guide), as: UTF8.self)
    }

    static func delimited(_ values: [String]) -> String {
        values.isEmpty ? "" : "," + values.joined(separator: ",") + ","
    }

    static func undelimited(_ value: String) -> [String] {
        value.split(separator: ",").map(String.init)
    }
}

/// 一件事: several items applied for once.
final class LifeEvent: Model, @unchecked Sendable {
    static let schema = "life_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "audience") var audience: String
    @Field(key: "summary") var summary: String
    /// Item codes in the order the applicant meets them.
    @Field(key: "item_codes") var itemCodes: String
    @Field(key: "keywords") var keywords: String
    @Field(key: "promised_limit_days") var promisedLimitDays: Int
    /// JSON `{item code: [item codes it waits for]}`; added by `LifeEventAddDependencies`.
    @OptionalField(key: "dependencies") var dependenciesJSON: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var dependencies: [String: [String]] {
        dependenciesJSON.flatMap { try? JSONDecoder().decode([String: [String]].self, from: Data($0.utf8)) } ?? [:]
    }
}

/// A colloquial word and the standard phrasings it means, for search ("开公司" → 企业开办).
final class SearchSynonym: Model, @unchecked Sendable {
    static let schema = "search_synonyms"

    @ID(key: .id) var id: UUID?
    @Field(key: "term") var term: String
    /// Newline-separated.
    @Field(key: "expansions") var expansions: String

    init() {}
    init(term: String, expansions: [String]) {
        self.term = term
        self.expansions = expansions.joined(separator: "\n")
    }
}
