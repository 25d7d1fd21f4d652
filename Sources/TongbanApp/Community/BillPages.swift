import Fluent
import TongbanCore
import Vapor

/// Bills in the browser: staff issue them and read the arrears; residents see theirs on 我的社区 and pay. Plain forms.
struct BillPages: RouteCollection {
    static func staff(_ code: String) -> String { "/community/\(code)/bills" }
    static func arrears(_ code: String) -> String { "/community/\(code)/arrears" }
    static let mine = "/me/community/bills"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "bills", use: issuePage)
        routes.post("community", ":code", "bills", use: issue)
        routes.get("community", ":code", "arrears", use: arrearsPage)
        routes.get("community", ":code", "arrears.csv", use: arrearsCSV)
        routes.get("me", "community", "bills", use: minePage)
        routes.post("me", "community", "bills", "pay", use: pay)
    }

    @Sendable func issuePage(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        try await request.requireBillIssuer(code)
        return try await render(request, code: code, input: nil, errors: [:], done: request.query[String.self, at: "done"])
    }

    @Sendable func issue(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let person = try await request.requireBillIssuer(code)
        let input = try request.content.decode(BillService.IssueInput.self)
        do {
            let result = try await request.bills.issue(input, community: code, by: person)
            let done = "已开具 \(result.created) 户，合计 \(BillMoney.yuan(result.totalFen)) 元" + (result.skipped > 0 ? "；\(result.skipped) 户已有同账期账单，未重复开具" : "")
            return request.redirect(to: Self.staff(code) + "?done=" + (done.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await render(request, code: code, input: input, errors: error.details.isEmpty ? ["scope": error.message] : error.details, status: error.status)
        }
    }

    private func render(_ request: Request, code: String, input: BillService.IssueInput?, errors: [String: String], done: String? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let community = request.communities.view(try await request.communities.find(code))
        let buildings = try await request.bills.buildings(community: code)
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        let scope = input?.scope ?? "community"
        let scopes: [HTML] = [("community", "全社区每户"), ("building", "一栋楼每户"), ("household", "一户")].map { value, label in
            "<label class=\"choice\"><input type=\"radio\" name=\"scope\" value=\"\(value)\"\(scope == value ? " checked" as HTML : .empty)> \(label)</label>"
        }
        let kinds: [HTML] = Bill.kinds.map { "<option\(input?.kind == $0 ? " selected" as HTML : .empty)>\($0)</option>" }
        let buildingOptions: [HTML] = [HTML("<option value=\"\">（发给一栋楼时选择）</option>")] + buildings.map {
            "<option\(input?.building == $0 ? " selected" as HTML : .empty)>\($0)</option>"
        }
        let today = CalendarDay(request.application.clock.now())
        return Layout.page(request, title: "开具账单 · \(community.name)", status: status, """
        <section class="card"><h1>开具账单</h1>
          <p class="muted">\(community.name) · 按人口库中登记在本社区的住户开具；同一户同一费用同一账期只开一次。</p>
          <p class="actions"><a class="button secondary" href="\(Self.arrears(code))">欠费清单</a> <a class="button secondary" href="\(CounterCollectionPages.collect(code))">社区代收</a> <a class="button secondary" href="\(CommunityURL.workbench(code))">返回社区工作台</a></p>
          \(done.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? .empty)
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">账单填写有误，请按提示修改</p>")
          <form class="stacked" method="post" action="\(Self.staff(code))">
            \(Layout.csrfField(request))
            <fieldset><legend>发给</legend>\(scopes)\(error("scope"))</fieldset>
            <label for="building">楼栋</label><select id="building" name="building">\(buildingOptions)</select>\(error("building"))
            \(IdentityPages.field("household", "户号（发给一户时填写）", value: input?.household ?? "", error: errors["household"]))
            <label for="kind">费用类型</label><select id="kind" name="kind">\(kinds)</select>\(error("kind"))
            \(IdentityPages.field("period", "账期", value: input?.period ?? "\(today.year)年\(today.month)月", hint: "例如 2026年11月、2026年第4季度", error: errors["period"], attributes: "required maxlength=\"20\""))
            \(IdentityPages.field("amount", "每户金额（元）", value: input?.amount ?? "", hint: "最多两位小数，例如 128.50", error: errors["amount"], attributes: "required inputmode=\"decimal\""))
            \(IdentityPages.field("dueOn", "缴费截止日", type: "date", value: input?.dueOn ?? today.adding(days: 30).description, error: errors["dueOn"], attributes: "required"))
            <p><button type="submit">开具</button></p>
          </form>
        </section>
        """)
    }

    @Sendable func arrearsPage(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        try await request.requireArrearsReader(code)
        let community = request.communities.view(try await request.communities.find(code))
        let arrears = try await request.bills.arrears(community: code)
        let buildings: [HTML] = arrears.buildings.map { "<tr><td>\($0.building)</td><td>\($0.households)</td><td class=\"num\">\($0.total)</td></tr>" }
        let rows: [HTML] = arrears.households.flatMap { household in
            household.bills.map { bill in
                "<tr><td>\(household.building ?? "—")</td><td><a href=\"\(CounterCollectionPages.collect(code))?household=\(household.household)\" title=\"社区代收\">\(household.household)</a></td><td>\(bill.kind)</td><td>\(bill.period)</td><td class=\"num\">\(bill.amount)</td><td>\(bill.dueOn)</td></tr>" as HTML
            }
        }
        let refunds: [HTML] = try await request.bills.refundsDue(community: code).map { payment in
            let field = "reference-\(payment.id!.uuidString)"
            return """
            <li>\(payment.householdNumber) · \(NameMasking.mask(payment.payerName)) · ¥\(BillMoney.yuan(payment.amountFen)) · 订单号 \(payment.orderNumber) · 流水号 \(payment.providerOrder ?? "—") <span class=\"muted\">\(TimeText.minute(payment.paidAt))</span>
              <form method="post" action="/community/\(code)/payments/\(payment.id!.uuidString)/refunded" class="stacked">\(Layout.csrfField(request))
                <label for="\(field)">退款单号（在支付机构退回后填写）</label><input id="\(field)" name="reference" required minlength="4" maxlength="64">
                <button type="submit" class="secondary">登记已退款</button></form></li>
            """
        }
        return Layout.page(request, title: "欠费清单 · \(community.name)", """
        <section class="card"><h1>欠费清单</h1>
          <p class="muted">\(community.name) · 截至 \(arrears.asOf) 已过缴费截止日仍未缴纳的账单</p>
          <div class="figures">
            <div class="figure"><p class="muted">欠费户数</p><p class="big">\(arrears.households.count)</p><p class="hint">户</p></div>
            <div class="figure"><p class="muted">欠费合计</p><p class="big">\(arrears.total)</p><p class="hint">元</p></div>
          </div>
          <p class="actions"><a class="button" href="\(CounterCollectionPages.collect(code))">社区代收</a> <a class="button secondary" href="\(Self.arrears(code)).csv" download>导出 CSV</a> <a class="button secondary" href="\(CommunityURL.workbench(code))">返回社区工作台</a></p>
        </section>
        \(refunds.isEmpty ? HTML.empty : "<section class=\"card\"><h2>重复支付，待退款</h2><p class=\"muted\">同一账单已由家人缴清，以下付款需通过支付机构原路退回。</p><ul class=\"list\">\(refunds)</ul></section>")
        \(arrears.households.isEmpty ? "<section class=\"card\"><p>没有逾期未缴的账单。</p></section>" as HTML : """
        <section class="card"><h2>按楼栋</h2><div class="table-wrap"><table>
          <thead><tr><th>楼栋</th><th>欠费户数</th><th>金额（元）</th></tr></thead><tbody>\(buildings)</tbody></table></div></section>
        <section class="card"><h2>明细</h2><div class="table-wrap"><table>
          <thead><tr><th>楼栋</th><th>户号</th><th>费用</th><th>账期</th><th>金额（元）</th><th>截止日</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
        """)
        """)
    }

    @Sendable func arrearsCSV(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        try await request.requireArrearsReader(code)
        let arrears = try await request.bills.arrears(community: code)
        var headers = HTTPHeaders([("Content-Type", "text/csv; charset=utf-8"), ("Cache-Control", "private, no-store")])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"arrears-\(code)-\(arrears.asOf).csv\"")
        return Response(status: .ok, headers: headers, body: .init(data: BillService.csv(arrears)))
    }

    @Sendable func minePage(_ request: Request) async throws -> Response {
        _ = try request.requirePrincipal()
        guard let household = try await request.billHousehold() else {
            return Layout.page(request, title: "社区缴费", """
            <section class="card"><h1>社区缴费</h1><p>人口库中没有您在六安的户籍地址，暂时无法确定您家的账单。</p></section>
            """)
        }
        return try await renderMine(request, household: household, error: nil)
    }

    private func renderMine(_ request: Request, household: PaymentService.Household, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let service = request.bills
        let bills = try await service.bills(household: household.number, community: household.community)
        let unpaid = bills.filter { $0.paidAt == nil }
        let paid = bills.filter { $0.paidAt != nil }
        let open: [HTML] = unpaid.map { bill in
            let view = service.view(bill)
            let overdue = view.status == "逾期"
            return """
            <li><label class="choice"><input type="checkbox" name="bills[]" value="\(view.id.uuidString)" checked>
              <strong>\(bill.period) \(bill.kind)</strong> ¥\(view.amount)</label>
              <span class="\(overdue ? "field-error" : "muted")">\(view.status) · \(bill.dueOn) 前缴纳</span></li>
            """
        }
        let history: [HTML] = paid.map { bill in
            let receipt: HTML = bill.paymentID.map { "<a href=\"\(PaymentURL.receipt($0))\">电子收据</a>" } ?? .empty
            return "<li>\(bill.period) \(bill.kind) ¥\(BillMoney.yuan(bill.amountFen)) <span class=\"muted\">已缴 \(TimeText.minute(bill.paidAt))</span> \(receipt)</li>"
        }
        let total = unpaid.reduce(0) { $0 + $1.amountFen }
        return Layout.page(request, title: "社区缴费", status: status, """
        <section class="card"><h1>社区缴费</h1>
          <p class="muted">户号 \(household.number) · 按人口库中您的户籍确定（已记入“谁用了我的数据”）</p>
          \(error.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          \(open.isEmpty ? "<p>您家目前没有待缴的账单。</p>" as HTML : """
          <form method="post" action="\(Self.mine)/pay">
            \(Layout.csrfField(request))
            <ul class="list">\(open)</ul>
            <p>待缴合计 ¥\(BillMoney.yuan(total))（可只勾选其中几笔）</p>
            <p><button type="submit">缴费</button></p>
          </form>
          """)
        </section>
        \(history.isEmpty ? HTML.empty : "<section class=\"card\"><h2>缴费记录</h2><ul class=\"list\">\(history)</ul></section>")
        """)
    }

    struct PayForm: Content {
        var bills: [UUID]?
    }

    @Sendable func pay(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let household = try await request.requireBillHousehold()
        let form = (try? request.content.decode(PayForm.self)) ?? PayForm()
        do {
            let started = try await request.payments.start(form.bills ?? [], household: household, payer: person)
            return request.redirect(to: started.payURL, redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderMine(request, household: household, error: error.message, status: error.status)
        }
    }
}
