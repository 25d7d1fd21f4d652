import Fluent
import TongbanCore
import Vapor

/// 访客通行证 in the browser: the resident's form and list at `/me/visitors`, and each pass's own page with its QR code
/// at `/passes/{code}` — the link the resident sends the visitor. Whoever holds the code can open the door in its
/// window anyway, so the page shows nothing more than the door needs: masked names, the community and the window.
struct VisitorPassPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "visitors", use: mine)
        routes.post("me", "visitors", use: issue)
        routes.post("me", "visitors", ":id", "revoke", use: revoke)
        routes.get("passes", ":code", use: pass)
    }

    struct Form: Content {
        var visitorName: String
        var from: String
        var until: String
    }

    @Sendable func mine(_ request: Request) async throws -> Response {
        try await render(request, form: nil, errors: [:])
    }

    @Sendable func issue(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let form = try request.content.decode(Form.self)
        var errors: [String: String] = [:]
        let from = TimeText.localInput(form.from), until = TimeText.localInput(form.until)
        if from == nil { errors["from"] = "请选择开始时间" }
        if until == nil { errors["until"] = "请选择结束时间" }
        do {
            guard let from, let until else { throw AppError.invalid("pass.invalid", "请选择时间", details: errors) }
            let community = try await SecurityController.homeCommunity(request)
            let pass = try await request.security.issuePass(.init(visitorName: form.visitorName, from: from, until: until), host: person, community: community)
            return request.redirect(to: SecurityURL.pass(pass.code), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, form: form, errors: error.details, status: error.status)
        }
    }

    @Sendable func revoke(_ request: Request) async throws -> Response {
        let pass = try await request.security.ownPass(request.parameters.get("id", as: UUID.self), of: try request.requirePrincipal())
        _ = try await request.security.revoke(pass)
        return request.redirect(to: SecurityURL.mine, redirectType: .normal)
    }

    private func render(_ request: Request, form: Form?, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try request.requirePrincipal()
        let now = request.application.clock.now()
        let items: [HTML] = try await request.security.passes(of: person).map { pass in
            let decision = VisitorPassRules.decide(from: pass.validFrom, until: pass.validUntil, revoked: pass.revokedAt != nil, now: now)
            let live = decision == .open || { if case .notYet = decision { return true } else { return false } }()
            return """
            <li><strong>访客 \(pass.visitorName)</strong> · \(TimeText.minute(pass.validFrom)) 至 \(TimeText.minute(pass.validUntil))<br>
              <span class="muted">\(Self.state(decision))\(pass.entries > 0 ? " · 已通行 \(pass.entries) 次" : "")</span><br>
              \(live ? """
              <a class="button" href="\(SecurityURL.pass(pass.code))">出示或发送通行证</a>
              <form method="post" action="\(SecurityURL.mine)/\(pass.id!.uuidString)/revoke" class="inline">\(Layout.csrfField(request))<button type="submit" class="secondary">取消通行证</button></form>
              """ as HTML : .empty)</li>
            """
        }
        let start = form?.from ?? TimeText.inputValue(now.addingTimeInterval(600))
        let end = form?.until ?? TimeText.inputValue(now.addingTimeInterval(600 + 4 * 3600))
        return Layout.page(request, title: "访客通行证", status: status, """
        <section class="card"><h1>访客通行证</h1>
          <p>亲友来访时，为其办理通行证：在约定时间内出示二维码即可通过本小区门禁，最长 24 小时，可随时取消。</p>
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">\(errors.count == 1 ? errors.values.first! : "通行证信息有误，请按提示修改")</p>")
          <form class="stacked" method="post" action="\(SecurityURL.mine)">\(Layout.csrfField(request))
            \(IdentityPages.field("visitorName", "访客姓名", value: form?.visitorName ?? "", error: errors["visitorName"], attributes: "required maxlength=\"20\""))
            \(IdentityPages.field("from", "开始时间", type: "datetime-local", value: start, error: errors["from"], attributes: "required"))
            \(IdentityPages.field("until", "结束时间", type: "datetime-local", value: end, error: errors["until"], attributes: "required"))
            <p><button type="submit">办理通行证</button></p>
          </form>
        </section>
        <section class="card"><h2>我办理的通行证</h2>
          \(items.isEmpty ? "<p class=\"muted\">还没有办理过通行证。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
        </section>
        """)
    }

    static func state(_ decision: VisitorPassRules.Decision) -> String {
        switch decision {
        case .open: "有效，可通行"
        case .notYet: "未到通行时间"
        case .expired: "已过期"
        case .revoked: "已取消"
        }
    }

    @Sendable func pass(_ request: Request) async throws -> Response {
        let code = (request.parameters.get("code") ?? "").uppercased()
        guard let pass = try await VisitorPass.query(on: request.db).filter(\.$code == code).first() else {
            throw AppError.notFound("通行证", code: "pass.not_found")
        }
        let community = try await request.communities.find(pass.communityCode)
        let decision = VisitorPassRules.decide(from: pass.validFrom, until: pass.validUntil, revoked: pass.revokedAt != nil, now: request.application.clock.now())
        let qr: HTML = (try? QRCode(pass.code).svg(title: "访客通行证 \(pass.code) 的二维码", pixelsPerModule: 8))
            .map { HTML(unsafeRaw: "<p class=\"qr\">\($0)</p>") } ?? .empty
        return Layout.page(request, title: "访客通行证", """
        <section class="card"><h1>访客通行证</h1>
          <p class="big">\(Self.state(decision))</p>
          \(decision == .expired || decision == .revoked ? HTML.empty : qr)
          <dl>
            <dt>小区</dt><dd>\(community.name)</dd>
            <dt>访客</dt><dd>\(NameMasking.mask(pass.visitorName))</dd>
            <dt>拜访住户</dt><dd>\(NameMasking.mask(pass.hostName))</dd>
            <dt>通行时间</dt><dd>\(TimeText.minute(pass.validFrom)) 至 \(TimeText.minute(pass.validUntil))</dd>
            <dt>通行证号</dt><dd>\(pass.code)</dd>
          </dl>
          <p class="muted">在门禁读头前出示二维码；读头无法扫码时，请保安输入通行证号。</p>
        </section>
        """)
    }
}
