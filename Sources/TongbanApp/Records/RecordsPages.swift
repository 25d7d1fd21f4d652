import Fluent
import Vapor

/// 我的社保 / 我的公积金 / 我的医保 in the browser: an overview and one page per record with its
/// history, a period to narrow it, and the form that issues a statement. Plain forms, no JavaScript.
struct RecordsPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "records", use: overview)
        routes.get("me", "records", "social-insurance") { try await detail($0, .socialInsurance) }
        routes.get("me", "records", "fund") { try await detail($0, .fund) }
        routes.get("me", "records", "medical") { try await detail($0, .medical) }
    }

    static func path(_ kind: StatementService.Kind) -> String {
        switch kind {
        case .socialInsurance: RecordsURL.socialInsurance
        case .fund: RecordsURL.fund
        case .medical: RecordsURL.medical
        }
    }

    static func heading(_ kind: StatementService.Kind) -> String {
        switch kind {
        case .socialInsurance: "我的社保"
        case .fund: "我的公积金"
        case .medical: "我的医保"
        }
    }

    static func tabs(_ current: StatementService.Kind?) -> HTML {
        let links: [HTML] = StatementService.Kind.allCases.map { kind in
            current == kind ? "<a class=\"button\" aria-current=\"page\" href=\"\(path(kind))\">\(heading(kind))</a> "
                : "<a class=\"button secondary\" href=\"\(path(kind))\">\(heading(kind))</a> "
        }
        return "<nav class=\"no-print\" aria-label=\"我的记录\"><p><a class=\"button secondary\" href=\"\(RecordsURL.home)\">总览</a> \(links)</p></nav>"
    }

    @Sendable func overview(_ request: Request) async throws -> Response {
        let found = try await request.records().overview()
        let social: HTML = found.socialInsurance.map { "<dl class=\"facts\"><dt>参保状态</dt><dd>\($0.status)</dd><dt>累计缴费</dt><dd>\($0.totalMonths) 个月</dd></dl>" }
            ?? "<p class=\"muted\">没有查询到社会保险参保记录。</p>"
        let fund: HTML = found.fund.map { "<dl class=\"facts\"><dt>账户状态</dt><dd>\($0.status)</dd><dt>账户余额</dt><dd>\(StatementService.yuan($0.balanceFen))</dd><dt>连续缴存</dt><dd>\($0.consecutiveMonths) 个月</dd></dl>" }
            ?? "<p class=\"muted\">没有查询到住房公积金账户。</p>"
        let medical: HTML = found.medical.map { "<dl class=\"facts\"><dt>参保险种</dt><dd>\($0.insuranceType)</dd><dt>参保状态</dt><dd>\($0.status)</dd>\(Self.balance($0))</dl>" }
            ?? "<p class=\"muted\">没有查询到医疗保险参保记录。</p>"
        let card = { (kind: StatementService.Kind, body: HTML) -> HTML in
            "<section class=\"card\"><h2>\(Self.heading(kind))</h2>\(body)<p><a class=\"button secondary\" href=\"\(Self.path(kind))\">查看明细、开具证明</a></p></section>"
        }
        return Layout.page(request, title: "我的社保公积金医保", """
        <section class="card"><h1>我的社保 · 公积金 · 医保</h1>
          <p class="muted">数据来自市人社局、住房公积金管理中心、医疗保障局。每次查询都会记入您的“<a href="/me/data-usage">谁用了我的数据</a>”。</p>
        </section>
        \(card(.socialInsurance, social))\(card(.fund, fund))\(card(.medical, medical))
        """)
    }

    static func balance(_ account: MedicalAccountView) -> HTML {
        account.insuranceType.hasPrefix("职工") ? "<dt>个人账户余额</dt><dd>\(StatementService.yuan(account.balanceFen))</dd>"
            : "<dt>个人账户</dt><dd>城乡居民医保不设个人账户</dd>"
    }

    /// A period the registry does not hold is answered on the page (422) with the whole history below it.
    func detail(_ request: Request, _ kind: StatementService.Kind) async throws -> Response {
        try await Self.render(request, kind, from: request.query["from"], to: request.query["to"])
    }

    static func render(_ request: Request, _ kind: StatementService.Kind, from: String?, to: String?, problem: AppError? = nil) async throws -> Response {
        let service = try await request.records()
        var problem = problem
        let body: RecordsTables.Rendered
        do {
            body = try await RecordsTables.render(kind, service, from: problem == nil ? from : nil, to: problem == nil ? to : nil)
        } catch let error as AppError where error.status == .unprocessableEntity {
            problem = error
            body = try await RecordsTables.render(kind, service, from: nil, to: nil)
        }
        let alert: HTML = problem.map { "<p class=\"field-error card\" role=\"alert\">\($0.message)</p>" } ?? .empty
        return Layout.page(request, title: heading(kind), status: problem?.status ?? .ok, """
        \(tabs(kind))
        \(alert)
        <section class="card"><h1>\(heading(kind))</h1>\(body.account)</section>
        <section class="card"><h2>\(body.historyTitle)</h2>
          \(periodForm(kind, body))
          \(body.history)
        </section>
        \(body.hasAccount ? statementForm(request, kind, body) : .empty)
        """)
    }

    static func periodForm(_ kind: StatementService.Kind, _ body: RecordsTables.Rendered) -> HTML {
        guard let available = body.available else { return .empty }
        return """
        <form class="stacked no-print" method="get" action="\(path(kind))">
          \(IdentityPages.field("from", "起始月份", type: "month", value: body.period?.from ?? available.from, hint: "格式 YYYY-MM，可查询 \(available.from) 至 \(available.to)", attributes: "pattern=\"[0-9]{4}-[0-9]{2}\""))
          \(IdentityPages.field("to", "截止月份", type: "month", value: body.period?.to ?? available.to, attributes: "pattern=\"[0-9]{4}-[0-9]{2}\""))
          <p><button type="submit">查询</button></p>
        </form>
        """
    }

    static func statementForm(_ request: Request, _ kind: StatementService.Kind, _ body: RecordsTables.Rendered) -> HTML {
        // 参保证明 covers the insurance since it began, not the months with visits: left empty, that is what it states.
        let period = kind == .medical ? nil : body.period
        return """
        <section class="card no-print"><h2>开具\(kind.title)</h2>
          <p class="muted">证明由\(kind == .socialInsurance ? "市人社局" : kind == .fund ? "住房公积金管理中心" : "市医疗保障局")出具，带证照编号和核验码，可打印或另存为 PDF；
          收到证明的单位可在“<a href="/verify">证照核验</a>”页面核验。证明上的身份证号已脱敏。</p>
          <form class="stacked" method="post" action="\(RecordsURL.statements)">\(Layout.csrfField(request))
            <input type="hidden" name="kind" value="\(kind.rawValue)">
            <label for="statement-from">证明起始月份</label>
            <input id="statement-from" name="from" type="month" value="\(period?.from ?? "")" pattern="[0-9]{4}-[0-9]{2}">
            <label for="statement-to">证明截止月份</label>
            <input id="statement-to" name="to" type="month" value="\(period?.to ?? "")" pattern="[0-9]{4}-[0-9]{2}">
            <label><input type="checkbox" name="showAmounts" value="on" checked> \(kind == .medical ? "写明个人账户余额" : "写明缴费基数和金额")（不勾选则只写明月份和单位）</label>
            <p><button type="submit">开具证明</button></p>
          </form>
        </section>
        """
    }
}
