import Fluent
import TongbanCore
import Vapor

/// 自助终端 (kiosk mode) for terminals in communities, banks and malls: sign in with the ID number and a code sent to
/// the registered phone (no password to remember), large buttons, and sign-out after two idle minutes — by the page
/// itself without JavaScript, and by the server, whose kiosk sessions end after ten minutes whatever happens.
struct KioskPages: RouteCollection {
    static let path = "/kiosk"
    static let home = "/kiosk/home"
    static let idle = "/kiosk/idle"
    static let idleSeconds = 120
    static let sessionLifetime: TimeInterval = 600

    func boot(routes: any RoutesBuilder) throws {
        routes.get("kiosk", use: start)
        routes.post("kiosk", "code", use: sendCode)
        routes.post("kiosk", "login", use: login)
        routes.get("kiosk", "home", use: menu)
        routes.get("kiosk", "idle", use: signOut)
    }

    /// An untouched page goes back to the start: signed in, through the sign-out.
    static func idleRefresh(signedIn: Bool) -> HTML {
        "<meta http-equiv=\"refresh\" content=\"\(idleSeconds);url=\(signedIn ? idle : path)\">"
    }

    static func bar(_ request: Request) -> HTML {
        let out: HTML = request.web.principal == nil ? .empty : "<a class=\"button\" href=\"\(idle)\">退出（\(request.web.principal!.realName)）</a>"
        return """
        <nav class="kiosk-bar" aria-label="自助终端"><a class="button secondary" href="\(request.web.principal == nil ? path : home)">返回首页</a> \(out)
          <span class="hint">无操作 \(idleSeconds / 60) 分钟后自动退出</span></nav>
        """
    }

    struct Form: Content {
        var idNumber: String?
        var code: String?
    }

    /// Opening /kiosk on a terminal makes it one (a cookie), so the terminal's browser stays in kiosk mode.
    @Sendable func start(_ request: Request) async throws -> Response {
        if request.web.principal != nil, request.web.kiosk { return request.redirect(to: Self.home, redirectType: .normal) }
        request.web.kiosk = true
        let response = render(request, step: .idNumber, idNumber: "", error: nil)
        response.cookies[CookieName.kiosk] = HTTPCookies.Value(string: "1", maxAge: 10 * 365 * 86_400, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func sendCode(_ request: Request) async throws -> Response {
        let idNumber = (try request.content.decode(Form.self).idNumber ?? "").trimmed.uppercased()
        guard case .success(let id) = ResidentID.result(idNumber) else {
            let message = if case .failure(let error) = ResidentID.result(idNumber) { error.message } else { "请输入身份证号码" }
            return render(request, step: .idNumber, idNumber: idNumber, error: message, status: .unprocessableEntity)
        }
        do {
            try await LoginCodes(db: request.db, cipher: request.application.fieldCipher, now: request.application.clock.now())
                .send(idNumber: id.value, clientAddress: request.clientAddress)
        } catch let error as AppError where error.status == .tooManyRequests {
            return render(request, step: .idNumber, idNumber: idNumber, error: error.message, status: error.status)
        }
        return render(request, step: .code, idNumber: id.value, error: nil)
    }

    @Sendable func login(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let idNumber = (form.idNumber ?? "").trimmed.uppercased()
        let codes = LoginCodes(db: request.db, cipher: request.application.fieldCipher, now: request.application.clock.now())
        do {
            let user = try await codes.verify(idNumber: idNumber, code: form.code ?? "")
            let token = try await request.identity.startSession(for: user, lifetime: Self.sessionLifetime)
            let response = request.redirect(to: Self.home, redirectType: .normal)
            response.cookies[CookieName.session] = HTTPCookies.Value(string: token, maxAge: Int(Self.sessionLifetime), path: "/",
                                                                     isHTTPOnly: true, sameSite: .lax)
            return response
        } catch let error as AppError where [.unauthorized, .tooManyRequests].contains(error.status) {
            return render(request, step: error.status == .tooManyRequests ? .idNumber : .code, idNumber: idNumber, error: error.message,
                          status: error.status)
        }
    }

    @Sendable func menu(_ request: Request) async throws -> Response {
        guard let person = request.web.principal else { return request.redirect(to: Self.path, redirectType: .normal) }
        let buttons: [(String, String)] = [
            ("我的办件", "/me/cases"), ("查找事项", SiteURL.search), ("社区活动", EventURL.resident), ("我的社区", CommunityURL.mine),
            ("我能享受哪些政策", PolicyPages.mine), ("12345 我要反映", HotlineURL.home), ("问智能客服", AssistantPages.path),
        ]
        let items: [HTML] = buttons.map { "<a class=\"button kiosk-button\" href=\"\($0.1)\">\($0.0)</a>" }
        return Layout.page(request, title: "自助服务", """
        <section class="card"><h1>\(person.realName)，您好</h1>
          <div class="kiosk-grid">\(items)</div>
          <p class="hint">办完请点“退出”。不会操作可以请身边的工作人员帮忙，或拨打 12345。</p>
        </section>
        """)
    }

    @Sendable func signOut(_ request: Request) async throws -> Response {
        if let token = request.cookies[CookieName.session]?.string { try await request.identity.endSession(token: token) }
        let response = request.redirect(to: Self.path, redirectType: .normal)
        response.cookies[CookieName.session] = HTTPCookies.Value(string: "", maxAge: 0, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    enum Step { case idNumber, code }

    private func render(_ request: Request, step: Step, idNumber: String, error: String?, status: HTTPResponseStatus = .ok) -> Response {
        let alert: HTML = error.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" } ?? .empty
        let form: HTML = switch step {
        case .idNumber: """
            <form class="stacked" method="post" action="/kiosk/code">\(Layout.csrfField(request))
              <label for="idNumber">请输入身份证号码</label>
              <input id="idNumber" name="idNumber" value="\(idNumber)" inputmode="text" autocomplete="off" maxlength="18" required>
              <button type="submit" class="kiosk-button">获取短信验证码</button>
            </form>
            """
        case .code: """
            <p>如该身份证号码已在六安通办注册，验证码已发送到预留的手机，5 分钟内有效。</p>
            <form class="stacked" method="post" action="/kiosk/login">\(Layout.csrfField(request))
              <input type="hidden" name="idNumber" value="\(idNumber)">
              <label for="code">短信验证码（6 位数字）</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
              <button type="submit" class="kiosk-button">登录</button>
            </form>
            <p><a href="\(Self.path)">重新输入身份证号码</a></p>
            """
        }
        return Layout.page(request, title: "自助终端", status: status, """
        <section class="card"><h1>自助服务终端</h1>
          \(alert)\(form)
          <p class="hint">没有注册？请到服务窗口办理，或用手机访问六安通办注册。不用登录也可以<a href="\(SiteURL.search)">查找事项</a>和<a href="\(AssistantPages.path)">问智能客服</a>。</p>
        </section>
        """)
    }
}
