import Fluent
import Foundation
import Vapor

/// Which items another city decides, set by the administrator; the same rules for the API and the page.
struct FederationItems {
    let db: any Database
    let cache: CatalogCache
    let directory: FederationDirectory
    let now: Date

    func set(_ code: String, decidingCity: String, note: String?) async throws -> FederationItem {
        guard cache.snapshot.items[code] != nil else { throw AppError.notFound("事项", code: "catalog.item_not_found") }
        guard let peer = directory.peer(named: decidingCity) else {
            throw AppError.invalid("federation.peer_not_configured", "城市“\(decidingCity)”未配置为跨域通办的对方城市", details: ["decidingCityCode": "未配置"])
        }
        let item = try await FederationItem.query(on: db).filter(\.$itemCode == code).first() ?? FederationItem()
        (item.itemCode, item.decidingCityCode, item.decidingCityName) = (code, peer.code, peer.name)
        (item.note, item.updatedAt) = (note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty.map { String($0.prefix(200)) }, now)
        try await item.save(on: db)
        try await CatalogService(db: db, cache: cache).reload()  // the windows read who decides from the snapshot
        return item
    }

    func remove(_ code: String) async throws {
        try await FederationItem.query(on: db).filter(\.$itemCode == code).delete()
        try await CatalogService(db: db, cache: cache).reload()
    }
}

extension Request {
    var federationItems: FederationItems {
        FederationItems(db: db, cache: application.catalogCache, directory: application.federation.directory, now: application.clock.now())
    }
}

/// The administrator's view of 跨域通办: the peers, the items and the last requests in both directions.
struct FederationAdminPages: RouteCollection {
    static let path = "/admin/cross-region"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "cross-region", use: overview)
        routes.post("admin", "cross-region", "items", use: setItem)
        routes.post("admin", "cross-region", "items", ":code", "remove", use: removeItem)
        routes.post("admin", "cross-region", "messages", ":id", "resend", use: resend)
    }

    @Sendable func overview(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        return try await Self.render(request, error: nil)
    }

    static func render(_ request: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = request.application.federation
        let snapshot = request.application.catalogCache.snapshot
        let peers: [HTML] = context.directory.all.map { "<li>\($0.name)（\($0.code)）\($0.baseURL)\($0.ledgerPublicKey == nil ? " · 未配置账本公钥" : "")</li>" }
        let items: [HTML] = try await FederationItem.query(on: request.db).sort(\.$itemCode).all().map { item in
            """
            <tr><td>\(snapshot.items[item.itemCode]?.name ?? item.itemCode)（\(item.itemCode)）</td><td>\(item.decidingCityName)</td><td>\(item.note ?? "")</td>
            <td><form method="post" action="\(path)/items/\(item.itemCode)/remove">\(Layout.csrfField(request))<button type="submit" class="link">取消</button></form></td></tr>
            """
        }
        let messages: [HTML] = try await FederationMessage.query(on: request.db).sort(\.$createdAt, .descending).limit(100).all().map { message in
            """
            <tr><td>\(TimeText.minute(message.updatedAt))</td><td>\(message.direction == "in" ? "收" : "发")</td><td>\(message.peerCode)</td>
            <td>\(message.path)</td><td>\(message.outcome)</td><td>\(message.attempts)</td><td>\(message.detail ?? "")</td>
            <td>\(message.direction == FederationMessage.Direction.outgoing.rawValue && message.outcome != FederationMessage.Outcome.delivered.rawValue ? """
              <form method="post" action="\(path)/messages/\(message.id?.uuidString ?? "")/resend">\(Layout.csrfField(request))<button type="submit" class="link">重新发送</button></form>
              """ as HTML : .empty)</td></tr>
            """
        }
        let options: [HTML] = context.directory.all.map { "<option value=\"\($0.code)\">\($0.name)</option>" }
        let alert: HTML = error.map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" } ?? .empty
        return Layout.page(request, title: "跨域通办管理", status: status, """
        <section class="card"><h1>跨域通办</h1>
          <p>本市：\(context.cityName)（\(context.cityCode)）· 公钥 <code>\(context.publicKeyBase64)</code> · 允许时钟偏差 \(Int(context.windowSeconds)) 秒</p>
          <h2>对方城市</h2>\(peers.isEmpty ? "<p>未配置（TONGBAN_PEERS）。</p>" : "<ul>\(peers)</ul>" as HTML)
        </section>
        <section class="card"><h2>跨域通办事项</h2>
          \(alert)
          <div class="table-wrap"><table><thead><tr><th>事项</th><th>审批城市</th><th>说明</th><th></th></tr></thead><tbody>\(items)</tbody></table></div>
          <form method="post" action="\(path)/items">\(Layout.csrfField(request))
            <label>事项编码 <input name="code" required maxlength="40"></label>
            <label>审批城市 <select name="decidingCityCode">\(options)</select></label>
            <label>说明 <input name="note" maxlength="200"></label>
            <button type="submit">设为跨域通办</button>
          </form>
        </section>
        <section class="card"><h2>最近的跨域请求</h2>
          <div class="table-wrap"><table><thead><tr><th>时间</th><th>方向</th><th>城市</th><th>路径</th><th>结果</th><th>尝试</th><th>说明</th><th></th></tr></thead>
          <tbody>\(messages)</tbody></table></div>
        </section>
        """)
    }

    struct ItemForm: Content {
        var code: String
        var decidingCityCode: String
        var note: String?
    }

    @Sendable func setItem(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let form = try request.content.decode(ItemForm.self)
        do {
            _ = try await request.federationItems.set(form.code.trimmingCharacters(in: .whitespaces), decidingCity: form.decidingCityCode, note: form.note)
        } catch let error as AppError where error.status == .notFound || error.status == .unprocessableEntity {
            return try await Self.render(request, error: error.message, status: .unprocessableEntity)
        }
        return request.redirect(to: Self.path, redirectType: .normal)
    }

    @Sendable func resend(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("跨域消息", code: "federation.message_not_found") }
        do {
            _ = try await FederationOutbox.resend(id, on: request.db, gate: request.application.writeGate, now: request.application.clock.now())
        } catch let error as AppError where error.status == .conflict {
            return try await Self.render(request, error: error.message, status: .conflict)
        }
        return request.redirect(to: Self.path, redirectType: .normal)
    }

    @Sendable func removeItem(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        try await request.federationItems.remove(request.parameters.get("code") ?? "")
        return request.redirect(to: Self.path, redirectType: .normal)
    }
}
