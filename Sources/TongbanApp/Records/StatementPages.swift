import Fluent
import TongbanCore
import Vapor

/// Issuing a statement from the record pages, and the statement as a printable page: the print
/// stylesheet drops the navigation, and the browser's 打印 / 另存为 PDF gives the paper or the file.
struct StatementPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("me", "records", "statements", use: issue)
        routes.get("me", "records", "statements", ":id", use: statement)
    }

    struct Form: Content {
        var kind: String?
        var from: String?
        var to: String?
        /// A checkbox: present when ticked, absent otherwise.
        var showAmounts: String?
    }

    @Sendable func issue(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let input = StatementInput(kind: form.kind ?? "", from: form.from, to: form.to, showAmounts: form.showAmounts != nil)
        do {
            let (certificate, _) = try await request.statements().issue(input)
            return request.redirect(to: RecordsURL.statement(try certificate.requireID()), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            guard let kind = StatementService.Kind(rawValue: input.kind) else { throw error }
            return try await RecordsPages.render(request, kind, from: nil, to: nil, problem: error)
        }
    }

    /// The order a reader expects on a 证明; any other stated line follows.
    static let order = ["公民身份号码", "社会保障号码", "公积金账号", "医保编号", "参保险种", "参保状态", "账户状态", "参保日期", "证明期间",
                        "参保单位", "缴存单位", "缴费月数", "缴存月数", "个人缴费合计", "单位缴费合计", "期间缴存合计", "期间提取合计", "期末余额", "个人账户余额"]
    static let tables: Set<String> = ["缴费明细", "缴存明细"]

    @Sendable func statement(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("证明", code: "records.statement_not_found") }
        let (certificate, kind) = try await request.statements().mine(id)
        let content = certificate.content
        let keys = Self.order.filter { content[$0] != nil } + content.keys.sorted().filter { !Self.order.contains($0) && !Self.tables.contains($0) && $0 != "说明" }
        let facts: [HTML] = keys.map { "<dt>\($0)</dt><dd>\(content[$0] ?? "")</dd>" }
        let details: [HTML] = Self.tables.sorted().compactMap { key in content[key].map { Self.table(key, $0) } }
        let status = certificate.status(today: CalendarDate(request.application.clock.now()).description)
        let warning: HTML = status == .valid ? .empty
            : "<p class=\"field-error\" role=\"alert\">此证明\(status == .revoked ? "已撤销" : "已超过有效期")，请重新开具。</p>"
        return Layout.page(request, title: kind.title, """
        \(RecordsPages.tabs(kind))
        <article class="card statement">
          \(warning)
          <h1>\(kind.title)</h1>
          <p>兹证明 <strong>\(certificate.holderName)</strong> 的\(kind == .medical ? "医疗保险参保" : kind == .fund ? "住房公积金缴存" : "社会保险缴费")情况如下：</p>
          <dl class="facts">\(facts)</dl>
          \(details)
          <p class="hint">\(content["说明"] ?? "")</p>
          <dl class="facts">
            <dt>出具单位</dt><dd>\(certificate.issuerName)</dd>
            <dt>出具日期</dt><dd>\(TimeText.minute(certificate.issuedAt))</dd>
            <dt>有效期至</dt><dd>\(certificate.validUntil ?? "长期有效")</dd>
            <dt>证照编号</dt><dd><strong>\(certificate.number)</strong></dd>
            <dt>核验码</dt><dd><strong>\(certificate.verificationCode)</strong></dd>
            <dt>核验方式</dt><dd>在六安通办“证照核验”页面（/verify）输入证照编号和核验码</dd>
          </dl>
        </article>
        <p class="no-print"><button type="button" data-print>打印 / 另存为 PDF</button>
          <a class="button secondary" href="\(RecordsURL.verify(certificate))">自己核验一次</a>
          <a class="button secondary" href="/me/certificates/\(try certificate.requireID().uuidString)">在我的证照中亮证</a></p>
        """)
    }

    /// The ｜-separated lines of `StatementService.table` back into a table.
    static func table(_ title: String, _ text: String) -> HTML {
        let lines = text.split(separator: "\n").map { $0.split(separator: "｜", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return .empty }
        let heads: [HTML] = header.map { "<th>\($0)</th>" }
        let rows: [HTML] = lines.dropFirst().map { cells in
            let tds: [HTML] = cells.map { "<td>\($0)</td>" }
            return "<tr>\(tds)</tr>"
        }
        return "<h2>\(title)</h2><div class=\"table-wrap\"><table><thead><tr>\(heads)</tr></thead><tbody>\(rows)</tbody></table></div>"
    }
}
