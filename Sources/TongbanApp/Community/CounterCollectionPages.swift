import Fluent
import Vapor

/// 社区代收 and 退款登记 in the browser, for the station's counter: find a household's unpaid bills by its number,
/// tick them, say how the money was paid and who asked; the receipt opens to be printed for the resident.
struct CounterCollectionPages: RouteCollection {
    static func collect(_ code: String) -> String { "/community/\(code)/collect" }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "collect", use: page)
        routes.post("community", ":code", "collect", use: collect)
        routes.post("community", ":code", "payments", ":id", "refunded", use: refunded)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        struct Query: Content { var household: String? }
        let household = (try? request.query.decode(Query.self))?.household?.trimmed ?? ""
        return try await render(request, input: CounterCollection(household: household), errors: [:])
    }

    private func render(_ request: Request, input: CounterCollection, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        try await request.requireBillIssuer(code)
        let community = try await request.communities.find(code)
        let household = input.household ?? ""
        let service = request.bills
        let unpaid = household.isEmpty ? [] : try await service.bills(household: household, community: code).filter { $0.paidAt == nil }
        let chosen = Set(input.bills ?? unpaid.compactMap(\.id))
        let error = { (field: String) -> HTML in errors[field].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        let bills: [HTML] = unpaid.map { bill in
            let view = service.view(bill)
            return """
            <li><label class="choice"><input type="checkbox" name="bills[]" value="\(view.id.uuidString)"\(chosen.contains(view.id) ? " checked" : "")>
              <strong>\(bill.period) \(bill.kind)</strong> ¥\(view.amount)</label> <span class="muted">\(view.status) · \(bill.dueOn) 前</span></li>
            """
        }
        let methods: [HTML] = CounterCollection.Method.allCases.map { method in
            "<label class=\"choice\"><input type=\"radio\" name=\"method\" value=\"\(method.rawValue)\"\(input.method == method.rawValue ? " checked" : "")> \(method.title)</label>"
        }
        let form: HTML = household.isEmpty ? .empty : unpaid.isEmpty ? "<p>户号 \(household) 没有待缴的账单。</p>" : """
        <form method="post" action="\(Self.collect(code))" class="stacked">
          \(Layout.csrfField(request))
          <input type="hidden" name="household" value="\(household)">
          <fieldset><legend>户号 \(household) 的待缴账单</legend><ul class="list">\(bills)</ul>\(error("bills"))</fieldset>
          <fieldset><legend>收款方式</legend>\(methods)\(error("method"))</fieldset>
          \(IdentityPages.field("payerName", "交款人姓名", value: input.payerName ?? "", error: errors["payerName"], attributes: "required maxlength=\"20\""))
          \(IdentityPages.field("consent", "本人如何委托代缴", value: input.consent ?? "", hint: "例如：本人到社区服务站当面交现金；其子代为交款", error: errors["consent"], attributes: "required maxlength=\"100\""))
          <p><button type="submit">确认收款并出具收据</button></p>
        </form>
        """
        return Layout.page(request, title: "社区代收 · \(community.name)", status: status, """
        <section class="card"><h1>社区代收</h1>
          <p class="muted">居民在社区服务站当面缴费时使用：收款后在此登记，账单即为已缴，居民家中有账号的成员会收到短信，收据可当场打印。</p>
          \(errors["form"].map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form method="get" action="\(Self.collect(code))" class="inline">
            \(IdentityPages.field("household", "户号", value: household, error: errors["household"], attributes: "required maxlength=\"40\""))
            <button type="submit" class="secondary">查询账单</button>
          </form>
          \(form)
          <p class="actions"><a class="button secondary" href="\(BillPages.arrears(code))">欠费清单</a> <a class="button secondary" href="\(CommunityURL.workbench(code))">返回社区工作台</a></p>
        </section>
        """)
    }

    @Sendable func collect(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let staff = try await request.requireBillIssuer(code)
        let input = try request.content.decode(CounterCollection.self)
        do {
            let payment = try await request.payments.collect(input, community: code, by: staff)
            return request.redirect(to: PaymentURL.receipt(payment.id!), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict || error.status == .notFound {
            var errors = error.details
            if errors.isEmpty { errors["form"] = error.message }
            return try await render(request, input: input, errors: errors, status: error.status)
        }
    }

    @Sendable func refunded(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let staff = try await request.requireBillIssuer(code)
        let input = try request.content.decode(PaymentService.RefundInput.self)
        _ = try await request.payments.markRefunded(request.parameters.get("id", as: UUID.self), community: code, input, by: staff)
        return request.redirect(to: BillPages.arrears(code), redirectType: .normal)
    }
}
