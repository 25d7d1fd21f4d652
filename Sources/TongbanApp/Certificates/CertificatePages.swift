import Fluent
import Vapor

/// 电子证照夹, 授权亮证, public verification and the issuing department's revocation. Plain forms.
struct CertificatePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "certificates", use: wallet)
        routes.get("me", "certificates", ":id", use: detail)
        routes.post("me", "certificates", ":id", "share", use: share)
        routes.get("verify", use: verify)
        routes.get("shared", ":code", use: shared)
        routes.post("workbench", "certificates", ":id", "revoke", use: revoke)
    }

    static func card(_ v: CertificateService.Verification, extra: HTML = .empty) -> HTML {
        // Statements carry their monthly lines as one multi-line value: one line each, escaped line by line.
        let content: [HTML] = (v.content ?? [:]).sorted { $0.key < $1.key }.map { item in
            let lines: [HTML] = item.value.split(separator: "\n").map { "\(String($0))" }
            return "<dt>\(item.key)</dt><dd>\(lines.joined(separator: "<br>"))</dd>"
        }
        let status: HTML = v.status == "valid" ? "<span class=\"state state-approved\">\(v.statusTitle)</span>"
            : "<span class=\"state state-refused\">\(v.statusTitle)</span>\(v.revokeReason.map { "（\($0)）" } ?? "")"
        return """
        <article class="card certificate">
          <h2>\(v.kind)</h2>
          <dl class="facts">
            <dt>证照编号</dt><dd><strong>\(v.number)</strong></dd>
            <dt>状态</dt><dd>\(status)</dd>
            <dt>持证人</dt><dd>\(v.holder)</dd>
            <dt>发证机关</dt><dd>\(v.issuer)</dd>
            <dt>发证日期</dt><dd>\(TimeText.minute(v.issuedAt))</dd>
            <dt>有效期</dt><dd>\(v.validUntil ?? "长期有效")</dd>
            \(content)
            <dt>内容校验</dt><dd>\(v.contentIntact ? "✔ 内容与签发时一致" : "✘ 内容与签发时不一致，可能被篡改") <br><span class="hint">摘要 \(String(v.contentHash.prefix(16)))…</span></dd>
            \(v.ledger.map { l in "<dt>存证账本</dt><dd>\(l.verified ? "✔" : "✘") 签发记录为账本第 \(l.entry + 1) 条，包含证明已按签名树头（共 \(l.treeSize) 条，根 \(String(l.rootHash.prefix(12)))…）核验\(l.verified ? "通过" : "失败")</dd>" as HTML } ?? .empty)
          </dl>
          \(extra)
        </article>
        """
    }

    @Sendable func wallet(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let service = request.certificates
        let rows: [HTML] = try await service.wallet(of: principal.userID).map { certificate in
            let v = service.verification(certificate, showContent: false)
            return "<li><a href=\"/me/certificates/\(certificate.id!.uuidString)\"><strong>\(v.kind)</strong></a> \(v.status == "valid" ? HTML.empty : "<span class=\"state state-refused\">\(v.statusTitle)</span>")<br><span class=\"muted\">\(v.issuer) · \(v.number)</span></li>"
        }
        return Layout.page(request, title: "我的证照", """
        <section class="card"><h1>我的证照</h1>
          <p class="muted">办结后的电子证照自动放入这里。办事时出示“亮证码”，对方即可查看并核验，无需复印。</p>
          \(rows.isEmpty ? "<p class=\"muted\">暂无证照。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
        </section>
        """)
    }

    func held(_ request: Request) async throws -> Certificate {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("证照", code: "certificate.not_found") }
        return try await request.certificates.held(id, by: principal.userID)
    }

    @Sendable func detail(_ request: Request) async throws -> Response {
        let certificate = try await held(request)
        return render(request, certificate, share: nil)
    }

    func render(_ request: Request, _ certificate: Certificate, share: CertificateShare?) -> Response {
        let v = request.certificates.verification(certificate, showContent: true)
        let shareBlock: HTML = if let share {
            """
            <div class="notice card" role="status"><h1>亮证码：<strong class="big">\(share.code)</strong></h1>
              <p>请对方打开 <strong>/shared/\(share.code)</strong> 或在“证照核验”输入亮证码，\(TimeText.minute(share.expiresAt))前有效。</p></div>
            """
        } else { .empty }
        let form: HTML = v.status == "valid" ? """
            <form class="stacked" method="post" action="/me/certificates/\(certificate.id!.uuidString)/share">\(Layout.csrfField(request))
              <label for="minutes">亮证有效时间</label>
              <select id="minutes" name="minutes"><option value="30">30 分钟</option><option value="120">2 小时</option><option value="1440">1 天</option></select>
              <p><button type="submit">生成亮证码</button></p>
            </form>
            <p class="hint">核验码：\(certificate.verificationCode)（与证照编号一起可在 /verify 公开核验，不显示个人信息）</p>
            """ : .empty
        // A fresh code goes first: on a phone held up at a counter it must be the first thing seen.
        return Layout.page(request, title: v.kind, "\(shareBlock)\(Self.card(v, extra: form))")
    }

    @Sendable func share(_ request: Request) async throws -> Response {
        let certificate = try await held(request)
        let minutes = (try? request.content.get(Int.self, at: "minutes")) ?? 30
        return render(request, certificate, share: try await request.certificates.share(certificate, minutes: minutes))
    }

    @Sendable func verify(_ request: Request) async throws -> Response {
        let number = request.query[String.self, at: "number"] ?? ""
        let code = request.query[String.self, at: "code"] ?? ""
        var result: HTML = .empty
        var status: HTTPResponseStatus = .ok
        if !number.isEmpty || !code.isEmpty {
            let service = request.certificates
            do {
                let found = try await service.verify(number: number, code: code)
                result = Self.card(try await service.withLedger(service.verification(found, showContent: false), ledger: request.ledger))
            } catch let error as AppError where error.status == .notFound || error.status == .unprocessableEntity {
                result = "<p class=\"field-error card\" role=\"alert\">\(error.message)</p>"
                status = error.status
            }
        }
        return Layout.page(request, title: "证照核验", status: status, """
        <section class="card"><h1>电子证照核验</h1>
          <form class="stacked" method="get" action="/verify">
            \(IdentityPages.field("number", "证照编号", value: number, attributes: "required"))
            \(IdentityPages.field("code", "核验码", value: code, hint: "证照上的 6 位核验码", attributes: "required maxlength=\"6\""))
            <p><button type="submit">核验</button></p>
          </form>
        </section>
        \(result)
        <section class="card secondary-info"><h2>存证账本</h2>
          <p>证照的签发与撤销记入按 RFC 9162 构建的默克尔树账本，树头由平台以 Ed25519 签名。任何人都可通过
          <a href="/api/v1/ledger/tree-head">/api/v1/ledger/tree-head</a> 和包含证明接口独立核验。</p>
          <p class="hint">签名公钥（Ed25519，base64）：<code>\(request.application.ledgerKey.publicKey.rawRepresentation.base64EncodedString())</code></p>
        </section>
        """)
    }

    @Sendable func shared(_ request: Request) async throws -> Response {
        let service = request.certificates
        let certificate = try await service.shared(request.parameters.get("code") ?? "")
        let verification = try await service.withLedger(service.verification(certificate, showContent: true), ledger: request.ledger)
        return Layout.page(request, title: "亮证", Self.card(verification,
                                                            extra: "<p class=\"hint\">持证人授权您查看此证照，授权到期后页面失效。</p>"))
    }

    @Sendable func revoke(_ request: Request) async throws -> Response {
        let principal = try request.requireStaff()
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("证照", code: "certificate.not_found") }
        let certificate = try await request.certificates.revoke(id, reason: try? request.content.get(String.self, at: "reason"), by: principal)
        return request.redirect(to: certificate.caseID.map(CaseURL.staff) ?? SiteURL.workbench, redirectType: .normal)
    }
}
