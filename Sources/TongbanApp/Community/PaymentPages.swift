import Fluent
import Vapor

/// The test provider's 模拟支付 page, the payer's result page, and the printable 电子收据.
struct PaymentPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("payments", "test", ":order", use: testPage)
        routes.post("payments", "test", ":order", use: testAnswer)
        routes.get("me", "community", "payments", ":id", use: result)
        routes.get("community", "receipts", ":id", use: receipt)
    }

    /// Only while the test provider is configured, and only to the payer: it stands in for the provider's own login.
    /// Fines (`FineOrder`) are paid through the same page, so it works on what every order has, not on a bill `Payment`.
    private func testPayment(_ request: Request) async throws -> (TestPaymentProvider, TestPaymentOrder) {
        let person = try request.requirePrincipal()
        let number = request.parameters.get("order") ?? ""
        guard let provider = request.application.paymentProvider as? TestPaymentProvider else {
            throw AppError.notFound("支付订单", code: "payment.unknown_order")
        }
        if FineOrder.owns(number), let order = try await request.fines.testOrder(number, payer: person.userID) { return (provider, order) }
        guard let payment = try await Payment.query(on: request.db).filter(\.$orderNumber == number)
                .filter(\.$provider == provider.name).first(), payment.payerID == person.userID, let id = payment.id else {
            throw AppError.notFound("支付订单", code: "payment.unknown_order")
        }
        return (provider, TestPaymentOrder(orderNumber: payment.orderNumber, description: payment.description, amountFen: payment.amountFen,
                                           pending: payment.state == .pending, resultURL: PaymentURL.result(id)))
    }

    @Sendable func testPage(_ request: Request) async throws -> Response {
        let (_, payment) = try await testPayment(request)
        guard payment.pending else { return request.redirect(to: payment.resultURL, redirectType: .normal) }
        return Layout.page(request, title: "模拟支付", """
        <section class="card"><h1>模拟支付</h1>
          <p class="alert">这是测试支付通道，不会真实扣款。正式上线时由配置接入真实支付机构。</p>
          <dl><dt>订单号</dt><dd>\(payment.orderNumber)</dd><dt>内容</dt><dd>\(payment.description)</dd>
              <dt>金额</dt><dd><strong>¥\(BillMoney.yuan(payment.amountFen))</strong></dd></dl>
          <form method="post" action="\(PaymentURL.testPage(payment.orderNumber))">
            \(Layout.csrfField(request))
            <p class="actions"><button type="submit" name="action" value="confirm">确认支付</button>
              <button type="submit" name="action" value="cancel" class="secondary">取消</button></p>
          </form>
          <p class="muted"><a href="\(payment.resultURL)">查看支付结果</a></p>
        </section>
        """)
    }

    struct TestAnswer: Content {
        var action: String?
    }

    /// Sends what a provider would send: a signed notice, checked by the same code as the real callback.
    @Sendable func testAnswer(_ request: Request) async throws -> Response {
        let (provider, payment) = try await testPayment(request)
        let action = try request.content.decode(TestAnswer.self).action
        let notice = PaymentNotice(orderNumber: payment.orderNumber, providerOrder: "TEST" + payment.orderNumber.dropFirst(2),
                                   amountFen: payment.amountFen, status: action == "confirm" ? .paid : .cancelled)
        let signed = try provider.callback(notice)
        _ = try await request.receivePayment(try provider.verify(body: signed.body, headers: signed.headers))
        return request.redirect(to: payment.resultURL, redirectType: .normal)
    }

    @Sendable func result(_ request: Request) async throws -> Response {
        let payment = try await request.visiblePayment(request.parameters.get("id", as: UUID.self), asStaff: false).payment
        let id = payment.id ?? UUID()
        let next: HTML = switch payment.state {
        case .paid: "<p>缴费成功。<a class=\"button\" href=\"\(PaymentURL.receipt(id))\">查看电子收据</a></p>"
        case .pending: "<p>尚未收到支付机构的确认。如已付款，请稍后刷新本页；未付款可<a href=\"\(BillPages.mine)\">返回重新缴费</a>。</p>"
        case .cancelled: "<p>支付已取消，账单仍为待缴。<a href=\"\(BillPages.mine)\">返回社区缴费</a></p>"
        case .refundDue: "<p>这些账单已由家人缴过，本次付款将原路退回。如有疑问请联系社区。</p>"
        case .refunded: "<p>这些账单已由家人缴过，本次付款已于 \(TimeText.minute(payment.refundedAt)) 原路退回（退款单号 \(payment.refundReference ?? "—")）。</p>"
        }
        return Self.resultPage(request, state: payment.state, description: payment.description, amountFen: payment.amountFen,
                               orderNumber: payment.orderNumber, next: next)
    }

    /// The payer's 支付结果 page, for a bill payment or a fine (`TrafficPages`): `next` says what now.
    static func resultPage(_ request: Request, state: Payment.Status, description: String, amountFen: Int, orderNumber: String, next: HTML) -> Response {
        Layout.page(request, title: "支付结果", """
        <section class="card"><h1>支付结果：\(state.title)</h1>
          <p>\(description) · ¥\(BillMoney.yuan(amountFen))</p>
          <p class="muted">订单号 \(orderNumber)</p>
          \(next)
        </section>
        """)
    }

    @Sendable func receipt(_ request: Request) async throws -> Response {
        let found = try await request.visiblePayment(request.parameters.get("id", as: UUID.self), asStaff: true)
        let receipt = try await Receipt.load(found.payment, ownHousehold: found.ownHousehold, on: request)
        let rows: [HTML] = receipt.bills.map { "<tr><td>\($0.kind)</td><td>\($0.period)</td><td class=\"num\">\($0.amount)</td></tr>" }
        return Layout.page(request, title: "电子收据 \(receipt.receiptNumber)", """
        <section class="card receipt"><h1>电子收据</h1>
          <dl>
            <dt>收据号</dt><dd>\(receipt.receiptNumber)</dd>
            <dt>收款单位</dt><dd>\(receipt.communityName)</dd>
            <dt>缴费人</dt><dd>\(receipt.payer)</dd>
            <dt>户号</dt><dd>\(receipt.household)\(receipt.building.map { "（\($0)）" } ?? "")</dd>
            <dt>支付时间</dt><dd>\(TimeText.minute(receipt.paidAt))</dd>
            <dt>订单号</dt><dd>\(receipt.orderNumber)</dd>
            \(receipt.collection.map { "<dt>收款方式</dt><dd>\($0)</dd>" as HTML } ?? "<dt>支付流水号</dt><dd>\(receipt.providerOrder ?? "—")\(receipt.provider == "test" ? "（测试通道）" : "")</dd>" as HTML)
          </dl>
          <div class="table-wrap"><table>
            <thead><tr><th>费用</th><th>账期</th><th>金额（元）</th></tr></thead>
            <tbody>\(rows)</tbody>
            <tfoot><tr><th colspan="2">合计</th><th class="num">\(receipt.amount)</th></tr></tfoot>
          </table></div>
          <p class="muted">\(receipt.collection == nil ? "本收据由六安通办平台根据支付机构的确认生成，可打印留存。" : "本收据由社区服务站收款后在六安通办平台登记生成，可打印留存。")</p>
        </section>
        """)
    }
}

/// What the 模拟支付 page shows of an order, whatever it pays for.
struct TestPaymentOrder: Sendable {
    var orderNumber: String
    var description: String
    var amountFen: Int
    var pending: Bool
    /// Where the payer reads the outcome.
    var resultURL: String
}
