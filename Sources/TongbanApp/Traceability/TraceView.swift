import Foundation
import TongbanCore
import Vapor

/// The batch page's HTML: the recall warning first (in red, before anything else on a phone),
/// then what the product is, its QR code, its history with each event's ledger proof, and where it went.
enum TraceView {
    static func page(_ chain: TraceChainView, request: Request) -> HTML {
        let batch = chain.batch
        let title = batch.productName ?? "商品条码 \(batch.gtin)"
        let status: HTML = chain.recalledBatches.isEmpty ? "<span class=\"state state-approved\">未被召回</span>" : "<span class=\"badge danger\">已召回</span>"
        return """
        \(recallWarning(chain))
        <section class="card"><h1>\(title)</h1>
          <dl class="facts">
            <dt>批号</dt><dd><strong>\(batch.lot)</strong></dd>
            <dt>商品条码</dt><dd>\(batch.gtin)</dd>
            <dt>状态</dt><dd>\(status)</dd>
          </dl>
          \(qr(batch, request: request))
        </section>
        <section class="card"><h2>从生产到销售（\(chain.events.count) 条记录）</h2>
          \(chain.truncated ? "<p class=\"hint\">记录过多，只列出前一部分。</p>" as HTML : .empty)
          <ol class="timeline">\(chain.events.map { event(chain, $0) })</ol>
        </section>
        \(related("原料批次（由这些批次加工而来）", chain.upstream))
        \(related("去向批次（由本批次加工而成）", chain.downstream))
        \(recallForm(chain, request: request))
        <section class="card secondary-info"><h2>存证账本</h2>
          <p>每条记录都写入平台按 RFC 9162 构建的默克尔树账本，上面的包含证明均按此签名树头核验：共 \(chain.treeHead.treeSize) 条，
          根哈希 <code>\(String(chain.treeHead.rootHash.prefix(16)))…</code>。每条记录的完整证明见
          <a href="/api/v1/trace/batches/\(batch.gtin)/\(batch.lot)">本批次追溯数据（JSON）</a>，
          树头签名可用<a href="/api/v1/ledger/public-key">平台公钥</a>核验。</p>
        </section>
        """
    }

    /// Red, first, and in words an elderly shopper acts on: stop eating it, take it back.
    static func recallWarning(_ chain: TraceChainView) -> HTML {
        let notes: [HTML] = chain.recalledBatches.compactMap { batch in
            guard let recall = batch.recall else { return nil }
            let which: HTML = batch.key == chain.batch.key ? "本批次" : "本批次所用的原料批次 <a href=\"\(batch.link)\">\(batch.lot)</a>"
            return "<p class=\"field-error\">\(which)已于 \(TimeText.minute(recall.at)) 被市场监管局责令召回：\(recall.reason)</p>"
        }
        guard !notes.isEmpty else { return .empty }
        return """
        <section class="card recall" role="alert"><h1 class="field-error"><span class="badge danger">召回</span> 请停止食用和使用</h1>
          \(notes)
          <p>已购买的，请保留包装，退回购买处或拨打 12345 咨询。</p>
        </section>
        """
    }

    static func event(_ chain: TraceChainView, _ event: TraceChainView.Event) -> HTML {
        let lines: [HTML] = event.lines.map { line in
            let amount = line.quantity.map { "\(Self.number($0)) \(line.unit)" } ?? "数量未注明"
            let role = ["input": "原料 ", "output": "产出 "][line.role] ?? ""
            let which: HTML = line.batch == chain.batch.key ? "本批次" : "<a href=\"\(TraceURL.batch(line.batch))\">\(line.batch.split(separator: "/").last.map(String.init) ?? line.batch)</a>"
            return "\(role)\(which) \(amount)<br>"
        }
        let proof = event.proof
        let ledger: HTML = proof.verified && proof.recordIntact
            ? "✔ 已记入存证账本第 \(proof.leafIndex + 1) 条，包含证明核验通过"
            : "<span class=\"field-error\">✘ 账本核验未通过：\(proof.recordIntact ? "包含证明不成立" : "记录与账本不一致，可能被篡改")</span>"
        return """
        <li><time>\(TimeText.minute(event.eventTime))</time>
          <strong>\(event.bizStepLabel)</strong>\(event.dispositionLabel.map { " · \($0)" } ?? "")<br>
          \(event.company)<span class="hint">（统一社会信用代码 \(event.creditCode)）</span><br>
          \(event.place.map { "地点：\($0)<br>" as HTML } ?? .empty)\(lines)
          <span class="hint">\(ledger)</span></li>
        """
    }

    static func related(_ title: String, _ batches: [TraceChainView.Batch]) -> HTML {
        guard !batches.isEmpty else { return .empty }
        let items: [HTML] = batches.map { batch in
            "<li><a href=\"\(batch.link)\">\(batch.productName ?? batch.gtin) 批号 \(batch.lot)</a>\(batch.recall == nil ? HTML.empty : " <span class=\"badge danger\">已召回</span>")</li>"
        }
        return "<section class=\"card\"><h2>\(title)</h2><ul class=\"list\">\(items)</ul></section>"
    }

    static func recallForm(_ chain: TraceChainView, request: Request) -> HTML {
        guard chain.batch.recall == nil, let principal = request.principal,
              principal.isAdmin || principal.grants.contains(where: { $0.departmentCode == TraceRecall.regulator })
        else { return .empty }
        return """
        <section class="card"><h2>责令召回（市场监管局）</h2>
          <form class="stacked" method="post" action="\(TraceURL.recall(chain.batch.key))">\(Layout.csrfField(request))
            <label for="reason">召回原因</label>
            <textarea id="reason" name="reason" required maxlength="500"></textarea>
            <p class="hint">提交后，本批次及由其加工的批次的所有持有企业会收到站内消息和短信，公众页面会以红色提示。</p>
            <p><button type="submit">责令召回</button></p>
          </form>
        </section>
        """
    }

    /// The page's own address, for printing on the package; a failure loses only the picture.
    static func qr(_ batch: TraceChainView.Batch, request: Request) -> HTML {
        let host = request.headers.first(name: .host) ?? "localhost"
        let scheme = request.headers.first(name: "X-Forwarded-Proto") ?? "http"
        guard let svg = try? QRCode("\(scheme)://\(host)\(batch.link)").svg(title: "批次 \(batch.lot) 的追溯二维码", pixelsPerModule: 4) else { return .empty }
        return "<p class=\"qr\">\(HTML(unsafeRaw: svg))</p><p class=\"hint\">印在包装上的追溯码，扫码即打开本页。</p>"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
