import Vapor

/// 代办报修 in the browser: the form a community's staff or grid worker fills in with the resident beside them.
struct RepairOnBehalfPages: RouteCollection {
    static func path(_ code: String) -> String { RepairURL.queue(code) + "/on-behalf" }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "repairs", "on-behalf", use: page)
        routes.post("community", ":code", "repairs", "on-behalf", use: file)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        try RepairService.requireAgent(code, try request.requirePrincipal())
        return try await render(request, code: code, input: RepairOnBehalf(), errors: [:])
    }

    @Sendable func file(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let input = try request.content.decode(RepairOnBehalf.self)
        do {
            let filed = try await request.repairs.file(input, community: code, by: try request.requirePrincipal())
            return request.redirect(to: RepairURL.staff(code, filed.ticket.number), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, code: code, input: input, errors: error.details, status: error.status)
        }
    }

    private func render(_ request: Request, code: String, input: RepairOnBehalf, errors: [String: String],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let community = try await request.communities.find(code)
        let options: [HTML] = RepairCategory.allCases.map {
            "<option value=\"\($0.rawValue)\"\(input.category == $0.rawValue ? " selected" as HTML : .empty)>\($0.title)（\($0.examples)）</option>"
        }
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        return Layout.page(request, title: "代办报修 · \(community.name)", status: status, """
        <section class="card"><h1>代居民报修 · \(community.name)</h1>
          <p class="hint">为不方便上网的居民代为报修，需征得本人同意并写明方式。工单属于居民本人：办理进度和答复会通知本人，由本人评价。</p>
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">报修信息有误，请按提示修改</p>")
          <form class="stacked" method="post" action="\(Self.path(code))">
            \(Layout.csrfField(request))
            \(IdentityPages.field("residentIdNumber", "居民身份证号码", value: input.residentIdNumber ?? "", error: errors["residentIdNumber"], attributes: "required autocomplete=\"off\""))
            \(IdentityPages.field("consent", "本人同意方式", value: input.consent ?? "", error: errors["consent"], attributes: "required placeholder=\"如：本人到社区服务站当面同意\""))
            <label for="category">报修类别</label><select id="category" name="category">\(options)</select>\(error("category"))
            \(IdentityPages.field("location", "位置", value: input.location ?? "", error: errors["location"], attributes: "required placeholder=\"如：3栋2单元楼道\""))
            <label for="description">问题描述</label><textarea id="description" name="description" rows="4" required>\(input.description ?? "")</textarea>\(error("description"))
            <p><button type="submit">提交报修</button></p>
          </form>
          <p><a href="\(RepairURL.queue(code))">返回报修工单</a></p>
        </section>
        """)
    }
}
