import Fluent
import Foundation
import Vapor

/// 跨域通办 in the browser: the public list of items done across regions and the check of another city's
/// certificate; for reviewers, the cases other cities accepted for us, with their decisions.
struct FederationPages: RouteCollection {
    static let path = "/cross-region"
    static let staffPath = "/workbench/cross-region"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("cross-region", use: overview)
        routes.get("workbench", "cross-region", use: queue)
        routes.post("workbench", "cross-region", ":id", use: decide)
        routes.get("workbench", "cross-region", ":id", "files", ":sha256", use: file)
        try FederationAdminPages().boot(routes: routes)
    }

    @Sendable func overview(_ request: Request) async throws -> Response {
        let context = request.application.federation
        let snapshot = request.application.catalogCache.snapshot
        let items = try await FederationItem.query(on: request.db).sort(\.$itemCode).all()
        let rows: [HTML] = items.map { item in
            let record = snapshot.items[item.itemCode]
            return """
            <tr><td><a href="\(SiteURL.service(item.itemCode))">\(record?.name ?? item.itemCode)</a></td><td>\(record?.departmentName ?? "")</td>
            <td>\(context.cityName)政务服务中心综合窗口</td><td>\(item.decidingCityName)</td><td>\(item.note ?? "")</td></tr>
            """
        }
        let city = request.query[String.self, at: "city"] ?? "", number = request.query[String.self, at: "number"] ?? ""
        let code = request.query[String.self, at: "code"] ?? ""
        var result: HTML = .empty
        if !number.isEmpty || !code.isEmpty {
            do {
                let checked = try await FederationCertificates(client: request.client, directory: context.directory).verify(city: city, number: number, code: code)
                result = """
                <p class="\(checked.verified ? "notice" : "field-error")" role="status"><strong>\(checked.verified ? "✔" : "✘") \(checked.message)</strong></p>
                <dl class="facts"><dt>证照</dt><dd>\(checked.certificate.kind) \(checked.certificate.number)</dd>
                <dt>持证人</dt><dd>\(checked.certificate.holder)</dd><dt>签发</dt><dd>\(checked.certificate.issuer)</dd>
                <dt>状态</dt><dd>\(checked.certificate.statusTitle)</dd></dl>
                """
            } catch let error as AppError {
                result = "<p class=\"field-error\" role=\"alert\">\(error.message)</p>"
            }
        }
        let options: [HTML] = context.directory.all.map { "<option value=\"\($0.code)\"\(city == $0.code ? " selected" : "")>\($0.name)</option>" }
        return Layout.page(request, title: "跨域通办", """
        <section class="card"><h1>跨域通办事项</h1>
          <p class="muted">以下事项可在\(context.cityName)窗口收件，材料转交审批城市办理，结果在本地窗口领取（异地代收代办）。</p>
          \(items.isEmpty ? "<p>暂无跨域通办事项。</p>" : """
          <div class="table-wrap"><table><thead><tr><th>事项</th><th>本地部门</th><th>收件地点</th><th>审批城市</th><th>说明</th></tr></thead>
          <tbody>\(rows)</tbody></table></div>
          """ as HTML)
        </section>
        <section class="card"><h2>核验外地电子证照</h2>
          <form method="get" action="\(Self.path)">
            <label>签发城市 <select name="city">\(options)</select></label>
            <label>证照编号 <input name="number" value="\(number)" required></label>
            <label>核验码 <input name="code" value="\(code)" required></label>
            <button type="submit">核验</button>
          </form>
          \(result)
        </section>
        """)
    }

    @Sendable func queue(_ request: Request) async throws -> Response {
        let principal = try request.require(anyOf: [.reviewer, .clerk, .admin])
        var query = FederationInboundCase.query(on: request.db).sort(\.$receivedAt, .descending).limit(200)
        if !principal.isAdmin, !principal.has(.clerk) {
            query = query.filter(\.$departmentCode ~~ principal.grants.compactMap(\.departmentCode))
        }
        let cipher = request.application.fieldCipher, city = request.application.federation.cityCode
        let (calendar, now) = (request.application.workdays, request.application.clock.now())
        let cases = try await query.all().map { try FederationInboundView($0, cipher: cipher, city: city, calendar: calendar, now: now) }
        let snapshot = request.application.catalogCache.snapshot
        let decisions: [(String, String)] = [("accept", "受理"), ("supplement", "要求补正"), ("approve", "准予"), ("reject", "不予许可"), ("conclude", "办结")]
        let rows: [HTML] = cases.map { item in
            let state = FederationCaseState(rawValue: item.state) ?? .received
            let buttons: [HTML] = decisions.filter { state.after($0.0) != nil }.map { decision, label in
                // Accepting again after 补正 resumes the review; the label says so.
                "<button type=\"submit\" name=\"decision\" value=\"\(decision)\">\(state == .supplement && decision == "accept" ? "继续审核" : label)</button>"
            }
            let deadline: HTML = item.deadline == nil ? "受理后计时"
                : "\(TimeText.deadline(item.deadline)) \(CaseHTML.deadlineBadge(item.deadlineStatus, item.deadlineStatusTitle))"
            let supplied: HTML = state == .supplement && item.supplementedAt != nil ? "<br><strong>申请人已补正，请核对材料后继续审核</strong>" : ""
            let files: [HTML] = item.materials.map { material in
                material.sha256.isEmpty ? "<li>\(material.name)（免提交）</li>"
                    : "<li><a href=\"\(Self.staffPath)/\(item.id.uuidString)/files/\(material.sha256)\">\(material.name)</a></li>"
            }
            let fields = snapshot.items[item.itemCode].map { FormValidation.mergedFields([$0]) } ?? []
            return """
            <tr><td>\(item.number)<br><small>\(item.originCityName) \(item.originNumber)</small></td>
            <td>\(item.title)<details><summary>申请信息</summary>\(CaseHTML.form(item.form, fields: fields))</details></td><td>\(item.applicantName)</td>
            <td><ul>\(files)</ul></td><td>\(item.stateTitle)\(item.note.map { "：\($0)" } ?? "")\(supplied)</td><td>\(deadline)</td>
            <td>\(buttons.isEmpty ? "—" : """
              <form method="post" action="\(Self.staffPath)/\(item.id.uuidString)">\(Layout.csrfField(request))
              <input name="note" placeholder="意见（补正、不予许可必填）" maxlength="500">\(buttons)</form>
              """ as HTML)</td></tr>
            """
        }
        return Layout.page(request, title: "跨域办件", """
        <section class="card"><h1>外地代收的跨域办件</h1>
          <p class="muted">其他城市窗口收件、由本市审批的办件；每次决定都回传收件城市，申请人在当地查看并领取结果。</p>
          \(cases.isEmpty ? "<p>暂无跨域办件。</p>" : """
          <div class="table-wrap"><table><thead><tr><th>编号</th><th>事项</th><th>申请人</th><th>材料</th><th>状态</th><th>办结期限</th><th>决定</th></tr></thead>
          <tbody>\(rows)</tbody></table></div>
          """ as HTML)
        </section>
        """)
    }

    /// A file that came with a case from another city, for those who may decide it; only files of that case, so
    /// a hash alone opens nothing. Others get 404, as for any case that is not theirs.
    @Sendable func file(_ request: Request) async throws -> Response {
        let principal = try request.require(anyOf: [.reviewer, .clerk, .admin])
        guard let id = request.parameters.get("id", as: UUID.self), let inbound = try await FederationInboundCase.find(id, on: request.db),
              (try? FederationCases.authorize(principal, inbound)) != nil else {
            throw AppError.notFound("跨域办件", code: "federation.case_not_found")
        }
        let materials = inbound.materials
        let hash = request.parameters.get("sha256") ?? ""
        guard let material = materials.first(where: { !$0.sha256.isEmpty && $0.sha256 == hash }),
              let data = FileManager.default.contents(atPath: "\(request.application.uploadStore.directory)/\(hash.prefix(2))/\(hash)") else {
            throw AppError.notFound("文件", code: "upload.not_found")
        }
        var headers = HTTPHeaders([("Content-Type", UploadStore.detectType(data) ?? "application/octet-stream"), ("Cache-Control", "private, no-store")])
        let encoded = material.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    struct DecisionForm: Content {
        var decision: String
        var note: String?
    }

    @Sendable func decide(_ request: Request) async throws -> Response {
        let principal = try request.require(anyOf: [.reviewer, .clerk, .admin])
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("跨域办件", code: "federation.case_not_found") }
        let form = try request.content.decode(DecisionForm.self)
        _ = try await request.federationCases.decide(id, decision: form.decision, note: form.note?.nilIfEmpty, by: principal)
        return request.redirect(to: Self.staffPath, redirectType: .normal)
    }
}
