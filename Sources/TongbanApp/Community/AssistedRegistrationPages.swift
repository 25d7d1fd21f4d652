import Vapor

/// 协助开户 in the browser and over the API: the form at the station's counter, and what to do next for the person.
struct AssistedRegistrationPages: RouteCollection {
    static func path(_ code: String) -> String { "/community/\(code)/residents/new" }

    struct Opened: Content {
        var userId: UUID
        var realName: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "residents", "new", use: page)
        routes.post("community", ":code", "residents", "new", use: open)
        routes.post("api", "v1", "communities", ":code", "residents", use: openAPI)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        try request.communities.requireStaff(code, roles: [.communityStaff, .gridWorker])
        return try await render(request, code: code, input: AssistedRegistration(), errors: [:], opened: nil)
    }

    @Sendable func open(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let input = try request.content.decode(AssistedRegistration.self)
        do {
            let user = try await request.communities.register(input, community: code)
            return try await render(request, code: code, input: AssistedRegistration(), errors: [:], opened: user.realName)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            var errors = error.details
            if errors.isEmpty { errors["form"] = error.message }
            return try await render(request, code: code, input: input, errors: errors, status: error.status, opened: nil)
        }
    }

    @Sendable func openAPI(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let user = try await request.communities.register(try request.content.decode(AssistedRegistration.self), community: code)
        return try await Opened(userId: try user.requireID(), realName: user.realName).encodeResponse(status: .created, for: request)
    }

    private func render(_ request: Request, code: String, input: AssistedRegistration, errors: [String: String],
                        status: HTTPResponseStatus = .ok, opened: String?) async throws -> Response {
        let community = try await request.communities.find(code)
        let done: HTML = opened.map { name in """
            <p class="notice" role="status">已为\(name)开通账号，开户短信已发送。接下来可以为其：
              <a href="\(RepairOnBehalfPages.path(code))">代为报修</a> · <a href="\(EventURL.staff(code))">代为报名活动</a> ·
              <a href="\(CounterCollectionPages.collect(code))">社区代收缴费</a></p>
            """ } ?? .empty
        return Layout.page(request, title: "协助开户 · \(community.name)", status: status, """
        <section class="card"><h1>协助居民开户 · \(community.name)</h1>
          <p class="hint">为没有六安通办账号的居民开户，需征得本人同意并写明方式。姓名按人口库登记；不设密码，居民在自助终端用身份证号和短信验证码登录。</p>
          \(done)
          \(errors["form"].map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form class="stacked" method="post" action="\(Self.path(code))">
            \(Layout.csrfField(request))
            \(IdentityPages.field("idNumber", "居民身份证号码", value: input.idNumber ?? "", error: errors["idNumber"], attributes: "required autocomplete=\"off\""))
            \(IdentityPages.field("phone", "手机号码", type: "tel", value: input.phone ?? "", hint: "本人或家属的手机号，用于接收验证码和办理进度", error: errors["phone"], attributes: "required inputmode=\"numeric\" maxlength=\"11\""))
            \(IdentityPages.field("consent", "本人同意方式", value: input.consent ?? "", error: errors["consent"], attributes: "required placeholder=\"如：本人到社区服务站当面同意\""))
            <p><button type="submit">开通账号</button></p>
          </form>
          <p><a href="\(CommunityURL.workbench(code))">返回社区工作台</a></p>
        </section>
        """)
    }
}
