import Fluent
import TongbanCore
import Vapor

/// The public batch page a package's QR code opens, a lookup by printed code, and the regulator's recall form.
struct TracePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("trace", use: lookup)
        routes.get("trace", "01", ":gtin", "10", ":lot", use: batch)
        routes.post("trace", "01", ":gtin", "10", ":lot", "recall", use: recall)
    }

    /// For people without a scanner: the codes printed under the barcode.
    @Sendable func lookup(_ request: Request) async throws -> Response {
        let gtin = (request.query[String.self, at: "gtin"] ?? "").trimmed, lot = (request.query[String.self, at: "lot"] ?? "").trimmed
        var problem: HTML = .empty
        if !gtin.isEmpty || !lot.isEmpty {
            let padded = String(repeating: "0", count: max(0, 14 - gtin.count)) + gtin
            do throws(TraceFieldError) {
                return request.redirect(to: TraceURL.batch(try BatchID(gtin: padded, lot: lot).key))
            } catch {
                problem = "<p class=\"field-error\" role=\"alert\">\(error.message)</p>"
            }
        }
        return Layout.page(request, title: "食品药品追溯", status: problem.raw.isEmpty ? .ok : .unprocessableEntity, """
        <section class="card"><h1>食品药品追溯查询</h1>
          <p>扫描包装上的追溯二维码即可查看。没有扫码工具时，请输入包装上印的商品条码和批号。</p>
          \(problem)
          <form class="stacked" method="get" action="\(TraceURL.lookup)">
            \(IdentityPages.field("gtin", "商品条码", value: gtin, hint: "条形码下方的 13 或 14 位数字", attributes: "required inputmode=\"numeric\" maxlength=\"14\""))
            \(IdentityPages.field("lot", "批号", value: lot, hint: "包装上的“批号”或“生产批次”", attributes: "required maxlength=\"20\""))
            <p><button type="submit">查询</button></p>
          </form>
          <p class="hint">生产、经营企业的经办人：<a href="\(TraceURL.record)">记录追溯事件</a></p>
        </section>
        """)
    }

    @Sendable func batch(_ request: Request) async throws -> Response {
        let chain = try await request.traceChain.chain(of: try TraceController.batch(request))
        return Layout.page(request, title: chain.batch.productName ?? "批次追溯", TraceView.page(chain, request: request))
    }

    @Sendable func recall(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let id = try TraceController.batch(request)
        _ = try await request.traceRecall.recall(id, reason: try? request.content.get(String.self, at: "reason"), by: principal)
        return request.redirect(to: TraceURL.batch(id.key), redirectType: .normal)
    }
}
