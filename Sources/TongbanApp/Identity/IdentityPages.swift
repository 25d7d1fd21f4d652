import Vapor

/// Sign-in, registration and "我的" pages. Plain forms: they work with JavaScript off.
struct IdentityPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.get("register", use: registerPage)
        routes.post("register", use: register)
        routes.get("me", use: mePage)
        routes.post("me", "companies", use: linkCompany)
    }

    static func field(_ name: String, _ label: String, type: String = "text", value: String = "", hint: String? = nil,
                      error: String? = nil, attributes: HTML = .empty) -> HTML {
        """
        <label for="\(name)">\(label)</label>
        <input id="\(name)" name="\(name)" type="\(type)" value="\(value)" \(attributes)\(error == nil ? HTML.empty : " aria-invalid=\"true\"")>
        \(hint.map { "<p class=\"hint\">\($0)</p>" as HTML } ?? .empty)\(error.map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
        """
    }

    static func safeNext(_ next: String?) -> String {
        SiteURL.localPath(next) ?? ""
    }

    @Sendable func loginPage(_ request: Request) -> Response {
        Self.renderLogin(request, login: "", error: nil, next: Self.safeNext(request.query[String.self, at: "next"]))
    }

    static func renderLogin(_ request: Request, login: String, error: String?, next: String, status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(request, title: "登录", status: status, """
        <section class="card">
          <h1>登录</h1>
          \(error.map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form class="stacked" method="post" action="\(SiteURL.login)">
            \(Layout.csrfField(request))
            <input type="hidden" name="next" value="\(next)">
            \(field("login", "手机号或工作人员账号", value: login, attributes: "autocomplete=\"username\" required"))
            \(field("password", "密码", type: "password", attributes: "autocomplete=\"current-password\" required"))
            <p><button type="submit">登录</button></p>
          </form>
          <p>还没有账号？<a href="\(SiteURL.register)">实名注册</a></p>
        </section>
        """)
    }

    struct LoginForm: Content {
        var login: String?
        var password: String?
        var next: String?
    }

    @Sendable func login(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LoginForm.self)
        let next = Self.safeNext(form.next)
        let identity = request.identity
        do {
            let user = try await identity.authenticate(LoginInput(login: form.login ?? "", password: form.password ?? ""),
                                                       clientAddress: request.clientAddress)
            let token = try await identity.startSession(for: user)
            let principal = try await identity.principal(userID: try user.requireID())
            let destination = next.isEmpty ? (principal?.isStaff == true ? SiteURL.workbench : SiteURL.me) : next
            let response = request.redirect(to: destination, redirectType: .normal)
            response.cookies[CookieName.session] = HTTPCookies.Value(
                string: token, maxAge: Int(IdentityService.sessionLifetime), path: "/", isHTTPOnly: true, sameSite: .lax)
            return response
        } catch let error as AppError where [.unauthorized, .tooManyRequests].contains(error.status) {
            return Self.renderLogin(request, login: form.login ?? "", error: error.message, next: next, status: error.status)
        }
    }

    @Sendable func logout(_ request: Request) async throws -> Response {
        if let token = request.cookies[CookieName.session]?.string { try await request.identity.endSession(token: token) }
        let response = request.redirect(to: SiteURL.home, redirectType: .normal)
        response.cookies[CookieName.session] = HTTPCookies.Value(string: "", maxAge: 0, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func registerPage(_ request: Request) -> Response {
        Self.renderRegister(request, RegistrationInput(phone: "", password: "", realName: "", idNumber: ""), errors: [:])
    }

    static func renderRegister(_ request: Request, _ input: RegistrationInput, errors: [String: String], status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(request, title: "实名注册", status: status, """
        <section class="card">
          <h1>实名注册</h1>
          \(errors.isEmpty ? HTML.empty : "<p class=\"field-error\" role=\"alert\">注册信息有误，请按提示修改</p>")
          <form class="stacked" method="post" action="\(SiteURL.register)">
            \(Layout.csrfField(request))
            \(field("realName", "姓名", value: input.realName, hint: "与身份证一致", error: errors["realName"], attributes: "autocomplete=\"name\" required"))
            \(field("idNumber", "居民身份证号码", value: input.idNumber, hint: "18位，最后一位可能是 X", error: errors["idNumber"], attributes: "required maxlength=\"18\""))
            \(field("phone", "手机号码", type: "tel", value: input.phone, error: errors["phone"], attributes: "autocomplete=\"tel\" required maxlength=\"11\""))
            \(field("password", "设置密码", type: "password", hint: "8位以上，同时包含字母和数字", error: errors["password"], attributes: "autocomplete=\"new-password\" required"))
            <p><button type="submit">注册</button></p>
          </form>
          <p class="muted">您的身份证号码和手机号码加密保存，仅在办理业务时按需使用。</p>
        </section>
        """)
    }

    @Sendable func register(_ request: Request) async throws -> Response {
        let input = try request.content.decode(RegistrationInput.self)
        let identity = request.identity
        do {
            let user = try await identity.register(input)
            let token = try await identity.startSession(for: user)
            let response = request.redirect(to: SiteURL.me, redirectType: .normal)
            response.cookies[CookieName.session] = HTTPCookies.Value(
                string: token, maxAge: Int(IdentityService.sessionLifetime), path: "/", isHTTPOnly: true, sameSite: .lax)
            return response
        } catch let error as AppError where !error.details.isEmpty {
            var redisplay = input
            redisplay.password = ""
            return Self.renderRegister(request, redisplay, errors: error.details, status: error.status)
        }
    }

    @Sendable func mePage(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let profile = try await request.identity.profile(userID: principal.userID)
        let recommended = principal.isStaff ? [] : try await Recommendations(request: request).forPerson(principal)
        return Self.renderMe(request, profile, companyError: nil, recommended: recommended)
    }

    static func renderMe(_ request: Request, _ profile: ProfileView, companyError: String?, recommended: [Recommendations.View] = [],
                         status: HTTPResponseStatus = .ok) -> Response {
        let companies: [HTML] = profile.companies.map { "<li>\($0.name) <span class=\"muted\">\($0.creditCode)</span></li>" }
        let suggestions: [HTML] = recommended.map { item in
            "<li><a href=\"\(item.url)\"><strong>\(item.name)</strong></a> <a class=\"button secondary\" href=\"\(item.apply)\">办理</a><br><span class=\"muted\">\(item.reason)</span></li>"
        }
        return Layout.page(request, title: "我的", status: status, """
        <section class="card">
          <h1>\(profile.realName)，您好</h1>
          <dl class="facts">
            <dt>手机号码</dt><dd>\(profile.phone ?? "—")</dd>
            <dt>身份证号码</dt><dd>\(profile.idNumber ?? "—")</dd>
            <dt>身份</dt><dd>\(profile.roles.map(\.title).joined(separator: "、"))</dd>
          </dl>
          <p><a class="button" href="/me/cases">我的办件</a> <a class="button secondary" href="\(HotlineURL.mine)">我的诉求</a>
            <a class="button secondary" href="\(HotlineURL.home)">12345 我要反映</a> <a class="button secondary" href="/me/certificates">我的证照</a>
            <a class="button secondary" href="\(RecordsURL.home)">我的社保公积金医保</a>
            <a class="button secondary" href="/me/messages">我的消息</a>
            <a class="button secondary" href="/me/data-usage">谁用了我的数据</a>
            <a class="button secondary" href="/me/policies">我能享受哪些政策</a> <a class="button secondary" href="\(CommunityURL.mine)">我的社区</a>
            <a class="button secondary" href="\(TrafficURL.mine)">我的交通违章</a></p>
        </section>
        \(suggestions.isEmpty ? HTML.empty : "<section class=\"card\"><h2>为您推荐</h2><ul class=\"list\">\(suggestions)</ul></section>")
        <section class="card">
          <h2>我代办的企业</h2>
          \(companies.isEmpty ? "<p class=\"muted\">尚未关联企业</p>" as HTML : "<ul>\(companies)</ul>")
          <form class="stacked" method="post" action="/me/companies">
            \(Layout.csrfField(request))
            \(field("creditCode", "统一社会信用代码", hint: "18位，由数字和大写字母组成", error: companyError, attributes: "required maxlength=\"18\""))
            \(field("name", "企业名称", attributes: "required"))
            <p><button type="submit" class="secondary">关联企业</button></p>
          </form>
        </section>
        """)
    }

    @Sendable func linkCompany(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let identity = request.identity
        do {
            _ = try await identity.linkCompany(try request.content.decode(CompanyLinkInput.self), userID: principal.userID)
            return request.redirect(to: SiteURL.me, redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .forbidden {
            return Self.renderMe(request, try await identity.profile(userID: principal.userID), companyError: error.message, status: error.status)
        }
    }
}
