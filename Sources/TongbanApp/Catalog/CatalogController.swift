import Fluent
import Vapor

/// JSON API of the catalogue: public reading under /api/v1, editing under /api/v1/admin.
struct CatalogController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("services", use: listItems)
        api.get("services", ":code", use: showItem)
        api.get("search", use: search)
        api.get("departments", use: listDepartments)
        api.get("departments", ":code", use: showDepartment)
        api.get("themes", use: listThemes)
        api.get("districts", use: listDistricts)
        api.get("life-events", use: listLifeEvents)
        api.get("life-events", ":code", use: showLifeEvent)

        let admin = api.grouped("admin")
        admin.post("services", use: createItem)
        admin.put("services", ":code", use: updateItem)
        admin.post("departments", use: createDepartment)
        admin.put("departments", ":code", use: updateDepartment)
    }

    struct ItemSummary: Content {
        var code: String
        var name: String
        var department: String
        var departmentName: String
        var onlineDepth: String
        var promisedLimitDays: Int
        var hot: Bool

        init(_ item: ServiceItemRecord) {
            code = item.code
            name = item.name
            department = item.departmentCode
            departmentName = item.departmentName
            onlineDepth = item.onlineDepth
            promisedLimitDays = item.promisedLimitDays
            hot = item.hot
        }
    }

    struct ListQuery: Content {
        var department: String?
        var theme: String?
        var audience: String?
        var hot: Bool?
    }

    @Sendable func listItems(_ request: Request) throws -> [ItemSummary] {
        let query = try request.query.decode(ListQuery.self)
        let snapshot = request.catalog.snapshot
        if let department = query.department, snapshot.department(department) == nil {
            throw AppError.notFound("部门", code: "catalog.department_not_found")
        }
        if let theme = query.theme, snapshot.theme(theme) == nil { throw AppError.notFound("主题", code: "catalog.theme_not_found") }
        if let audience = query.audience, !["个人", "法人"].contains(audience) {
            throw AppError(.badRequest, "request.invalid", "audience 只能是 个人 或 法人")
        }
        return snapshot.items(department: query.department, theme: query.theme, audience: query.audience)
            .filter { query.hot != true || $0.hot }
            .map(ItemSummary.init)
    }

    @Sendable func showItem(_ request: Request) throws -> Response {
        let code = request.parameters.get("code") ?? ""
        guard let json = request.catalog.snapshot.itemJSON[code] else { throw AppError.notFound("事项", code: "catalog.item_not_found") }
        return Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: json))
    }

    struct SearchQuery: Content {
        var q: String?
        var limit: Int?
    }

    struct SearchResponse: Content {
        struct Hit: Content {
            var kind: String
            var code: String
            var name: String
            var department: String?
            var score: Double
        }
        var query: String
        var results: [Hit]
    }

    @Sendable func search(_ request: Request) throws -> SearchResponse {
        let query = try request.query.decode(SearchQuery.self)
        let text = query.q ?? ""
        let limit = query.limit ?? 20
        guard (1...100).contains(limit) else { throw AppError(.badRequest, "request.invalid", "limit 应在 1–100 之间") }
        guard text.count <= 200 else { throw AppError(.badRequest, "search.query_too_long", "搜索内容不能超过200字") }
        let hits = request.catalog.search(text, limit: limit).map { result -> SearchResponse.Hit in
            switch result {
            case .item(let item, let score):
                .init(kind: "service", code: item.code, name: item.name, department: item.departmentName, score: score)
            case .lifeEvent(let event, let score):
                .init(kind: "lifeEvent", code: event.code, name: event.name, department: nil, score: score)
            }
        }
        return SearchResponse(query: text, results: hits)
    }

    @Sendable func listDepartments(_ request: Request) -> [DepartmentRecord] { request.catalog.snapshot.departments }

    @Sendable func showDepartment(_ request: Request) throws -> DepartmentRecord {
        try request.catalog.department(request.parameters.get("code") ?? "")
    }

    @Sendable func listThemes(_ request: Request) -> [ThemeRecord] { request.catalog.snapshot.themes }
    @Sendable func listDistricts(_ request: Request) -> [DistrictRecord] { request.catalog.snapshot.districts }
    @Sendable func listLifeEvents(_ request: Request) -> [LifeEventRecord] { request.catalog.snapshot.lifeEvents }

    @Sendable func showLifeEvent(_ request: Request) throws -> LifeEventRecord {
        try request.catalog.lifeEvent(request.parameters.get("code") ?? "")
    }

    @Sendable func createItem(_ request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let item = try await request.catalog.saveItem(try request.content.decode(ServiceItemInput.self))
        request.logger.info("service item created", metadata: ["item": .string(item.code), "by": .string(admin.userID.uuidString)])
        return try await item.encodeResponse(status: .created, for: request)
    }

    @Sendable func updateItem(_ request: Request) async throws -> ServiceItemRecord {
        let admin = try request.requireAdmin()
        let code = request.parameters.get("code") ?? ""
        let item = try await request.catalog.saveItem(try request.content.decode(ServiceItemInput.self), replacing: code)
        request.logger.info("service item updated", metadata: ["item": .string(code), "by": .string(admin.userID.uuidString)])
        return item
    }

    @Sendable func createDepartment(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let department = try await request.catalog.saveDepartment(try request.content.decode(DepartmentInput.self))
        return try await department.encodeResponse(status: .created, for: request)
    }

    @Sendable func updateDepartment(_ request: Request) async throws -> DepartmentRecord {
        _ = try request.requireAdmin()
        return try await request.catalog.saveDepartment(
            try request.content.decode(DepartmentInput.self), replacing: request.parameters.get("code") ?? "")
    }
}
