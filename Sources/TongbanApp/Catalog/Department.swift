import Fluent
import Foundation

/// 部门: owns service items, and later tickets and datasets.
final class Department: Model, @unchecked Sendable {
    static let schema = "departments"

    @ID(key: .id) var id: UUID?
    /// Short stable slug used in URLs and seeds, e.g. `gjj`.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "hours") var hours: String?
    @Field(key: "sort_order") var sortOrder: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, code: String, name: String, shortName: String, phone: String?, address: String?, hours: String?, sortOrder: Int) {
        self.id = id
        self.code = code
        self.name = name
        self.shortName = shortName
        self.phone = phone
        self.address = address
        self.hours = hours
        self.sortOrder = sortOrder
    }
}

/// 区县.
final class District: Model, @unchecked Sendable {
    static let schema = "districts"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String

    init() {}
    init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// 主题: 社保, 医疗, 住房 … a way of browsing the catalogue.
final class Theme: Model, @unchecked Sendable {
    static let schema = "themes"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "sort_order") var sortOrder: Int

    init() {}
    init(code: String, name: String, sortOrder: Int) {
        self.code = code
        self.name = name
        self.sortOrder = sortOrder
    }
}
