import Foundation
import TongbanCore
import Vapor

/// 我的交通违章 in the browser: licence points, vehicles, violations with a button to pay and handle each, the
/// payment's result and the 缴款凭证. Plain forms, no script.
struct TrafficPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "traffic", use: mine)
        routes.post("me", "traffic", "violations", ":id", "pay", use: pay)
        routes.get("me", "traffic", "payments", ":id", use: result)
        routes.get("me", "traffic", "receipts", ":id", use: receipt)
    }

    @Sendable func mine(_ request: Request) async throws -> Response {
        try await render(request, try await request.ownTraffic(), error: nil)
    }

    /// Off to the provider's page; a refusal (no licence, 12 points, already handled) comes back on this page.
    @Sendable func pay(_ request: Request) async throws -> Response {
        let person = try await request.ownTrafficPerson(purpose: "交通违法处理缴款")
        do {
            let started = try await request.fines.start(request.parameters.get("id", as: UUID.self), payer: try request.requirePrincipal(), person: person)
            return request.redirect(to: started.payURL, redirectType: .normal)
        } catch let error as AppError where error.status == .conflict {
            return try await render(request, try await request.traffic.overview(of: person), error: error.message, status: error.status)
        }
    }

    private func render(_ request: Request, _ overview: TrafficOverview, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let licence: HTML = overview.licence.map { licence in
            """
            <dl class="facts">
              <dt>本记分周期剩余</dt><dd><strong>\(licence.pointsLeft) 分</strong>（已记 \(licence.pointsScored) 分，满分 \(PointsCycle.limit) 分）</dd>
              <dt>记分周期</dt><dd>\(licence.cycleStart) 至 \(licence.cycleEnd)</dd>
              <dt>准驾车型</dt><dd>\(licence.licenceClass)</dd>
              <dt>驾驶证状态</dt><dd>\(licence.status)</dd>
              <dt>有效期至</dt><dd>\(licence.validUntil)</dd>
              <dt>档案编号</dt><dd>\(licence.fileNumber)</dd>
            </dl>
            """
        } ?? "<p class=\"muted\">交通管理库中没有您的机动车驾驶证。</p>"
        let vehicles: [HTML] = overview.vehicles.map { vehicle in
            "<li><strong>\(vehicle.plate)</strong> \(vehicle.plateType) · \(vehicle.brand)<br><span class=\"muted\">车架号 \(vehicle.vin) · 检验有效期至 \(vehicle.inspectionDueOn)</span></li>"
        }
        return Layout.page(request, title: "我的交通违章", status: status, """
        <section class="card"><h1>我的交通违章</h1>
          \(error.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <p>未处理 <strong>\(overview.unhandled)</strong> 条，罚款合计 <strong>¥\(BillMoney.yuan(overview.unpaidFineFen))</strong></p>
          <h2>我的驾驶证</h2>
          \(licence)
          <h2>我的机动车</h2>
          \(vehicles.isEmpty ? "<p class=\"muted\">您名下没有登记的机动车。</p>" as HTML : "<ul class=\"list\">\(vehicles)</ul>")
          <p class="muted">数据来自六安市公安局交通警察支队；网上缴款即完成处理，违法记分记入您本人的驾驶证。
            <a href="\(TrafficURL.query)">查询他人车辆违法</a></p>
        </section>
        <section class="card"><h2>交通违法记录</h2>
          \(overview.violations.isEmpty ? "<p class=\"muted\">没有交通违法记录。</p>" as HTML : "<ul class=\"list\">\(overview.violations.map { item(request, $0) })</ul>")
        </section>
        """)
    }

    private func item(_ request: Request, _ violation: ViolationView) -> HTML {
        let action: HTML = violation.handled
            ? "<p>已处理（\(TimeText.minute(violation.handledAt))，决定书编号 \(violation.decisionNumber ?? "—")）\(violation.paymentId.map { " <a href=\"\(TrafficURL.receipt($0))\">缴款凭证</a>" as HTML } ?? .empty)</p>"
            : """
              <form method="post" action="\(TrafficURL.pay(violation.id))">\(Layout.csrfField(request))
                <p><button type="submit">缴纳罚款 ¥\(violation.fine)\(violation.points > 0 ? "并记\(violation.points)分" : "")</button></p>
              </form>
              """
        return """
        <li><strong>\(violation.offence)</strong>
          <br>\(violation.plate) · \(TimeText.minute(violation.occurredAt)) · \(violation.place)
          <br>罚款 ¥\(violation.fine) · 记 \(violation.points) 分 · 违法代码 \(violation.offenceCode) · \(violation.source)（\(violation.authority)）
          \(action)
        </li>
        """
    }

    @Sendable func result(_ request: Request) async throws -> Response {
        let payment = try await request.ownFinePayment(request.parameters.get("id", as: UUID.self))
        let id = payment.id ?? UUID()
        let next: HTML = switch payment.state {
        case .paid: "<p>罚款已缴纳，交通违法已处理。<a class=\"button\" href=\"\(TrafficURL.receipt(id))\">查看缴款凭证</a></p>"
        case .pending: "<p>尚未收到支付机构的确认。如已付款，请稍后刷新本页；未付款可<a href=\"\(TrafficURL.mine)\">返回重新缴款</a>。</p>"
        case .cancelled: "<p>支付已取消，交通违法仍未处理。<a href=\"\(TrafficURL.mine)\">返回我的交通违章</a></p>"
        case .refundDue, .refunded: "<p>这条交通违法已经处理过了，本次付款将原路退回。如有疑问请拨打 12345。</p>"
        }
        return PaymentPages.resultPage(request, state: payment.state, description: payment.description, amountFen: payment.amountFen,
                                       orderNumber: payment.orderNumber, next: next)
    }

    @Sendable func receipt(_ request: Request) async throws -> Response {
        let receipt = try await FineReceipt.load(try await request.ownFinePayment(request.parameters.get("id", as: UUID.self)), on: request.db)
        let violation = receipt.violation
        return Layout.page(request, title: "缴款凭证 \(receipt.receiptNumber)", """
        <section class="card receipt"><h1>交通违法罚款缴款凭证</h1>
          <dl>
            <dt>凭证号</dt><dd>\(receipt.receiptNumber)</dd>
            <dt>执收单位</dt><dd>六安市公安局交通警察支队</dd>
            <dt>缴款人</dt><dd>\(receipt.payer)</dd>
            <dt>号牌号码</dt><dd>\(violation.plate)</dd>
            <dt>违法行为</dt><dd>\(violation.offence)（\(violation.offenceCode)）</dd>
            <dt>违法时间地点</dt><dd>\(TimeText.minute(violation.occurredAt)) \(violation.place)</dd>
            <dt>处罚决定书编号</dt><dd>\(violation.decisionNumber ?? "—")</dd>
            <dt>罚款金额</dt><dd>¥\(receipt.amount)</dd>
            <dt>记分</dt><dd>\(violation.points) 分</dd>
            <dt>缴款时间</dt><dd>\(TimeText.minute(receipt.paidAt))</dd>
            <dt>订单号</dt><dd>\(receipt.orderNumber)</dd>
            <dt>支付流水号</dt><dd>\(receipt.providerOrder ?? "—")\(receipt.provider == "test" ? "（测试通道）" : "")</dd>
          </dl>
          <p class="muted">本凭证由六安通办平台根据支付机构的确认生成，可打印留存。<a href="\(TrafficURL.mine)">返回我的交通违章</a></p>
        </section>
        """)
    }
}
