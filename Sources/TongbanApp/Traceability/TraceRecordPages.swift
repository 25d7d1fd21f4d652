import Fluent
import TongbanCore
import Vapor

/// 记录追溯事件 for a company agent without an EPCIS system: one event per form. The form is turned
/// into the same EPCIS JSON the API takes, so it is checked by the same rules and recorded the same way.
struct TraceRecordPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("trace", "record", use: form)
        routes.post("trace", "record", use: submit)
    }

    static let steps: [BizStep] = [.commissioning, .inspecting, .packing, .shipping, .receiving, .storing, .retailSelling, .destroying]
    static let units = [("KGM", "千克"), ("H87", "件"), ("XBX", "箱"), ("XBO", "瓶"), ("LTR", "升")]

    @Sendable func form(_ request: Request) async throws -> Response {
        try await render(request, values: ["time": TimeText.inputValue(request.application.clock.now())], errors: [:])
    }

    @Sendable func submit(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let values = (try? request.content.decode([String: String].self)) ?? [:]
        let recorder = request.traceRecorder
        let company = try await recorder.company(values["company"] ?? "", actingAs: principal)
        do {
            let events = try TraceController.parse(try Self.epcis(values))
            _ = try await recorder.record(events, by: company)
            return request.redirect(to: TraceURL.batch(events[0].quantities[0].batch.key), redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, values: values, errors: Self.fieldErrors(error), status: .unprocessableEntity)
        }
    }

    /// The form as one EPCIS ObjectEvent.
    static func epcis(_ values: [String: String]) throws -> Data {
        let gtin = (values["gtin"] ?? "").trimmed
        var event: [String: Any] = [
            "type": "ObjectEvent", "eventTimeZoneOffset": "+08:00", "bizStep": values["step"] ?? "",
            "action": values["step"] == BizStep.commissioning.rawValue ? "ADD" : "OBSERVE",
            "eventTime": TimeText.localInput(values["time"] ?? "").map { ISO8601DateFormatter().string(from: $0) } ?? (values["time"] ?? ""),
            "quantityList": [["epcClass": "https://id.gs1.org/01/\(String(repeating: "0", count: max(0, 14 - gtin.count)) + gtin)/10/\((values["lot"] ?? "").trimmed)",
                              "quantity": Double(values["quantity"] ?? "") ?? -1, "uom": values["uom"] ?? "KGM"]],
        ]
        for (field, key) in [("disposition", "disposition"), ("place", "tb:place"), ("product", "tb:productName")] {
            if let value = values[field]?.trimmed, !value.isEmpty { event[key] = value }
        }
        if let to = values["destination"]?.trimmed, !to.isEmpty {
            event["destinationList"] = [["type": "owning_party", "destination": "urn:tongban:uscc:" + to.uppercased()]]
        }
        return try JSONSerialization.data(withJSONObject: event)
    }

    /// The parser's paths (event.quantityList[0].epcClass) back to the form's fields.
    static func fieldErrors(_ error: AppError) -> [String: String] {
        let fields = ["epcClass": "lot", "quantity": "quantity", "uom": "uom", "bizStep": "step", "disposition": "disposition",
                      "eventTime": "time", "tb:place": "place", "tb:productName": "product", "destination": "destination"]
        var result: [String: String] = [:]
        for (path, message) in error.details {
            let field = fields.first { path.hasSuffix($0.key) }?.value ?? "form"
            result[field] = result[field] ?? message
        }
        return result.isEmpty ? ["form": error.message] : result
    }

    func render(_ request: Request, values: [String: String], errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let principal = try request.requirePrincipal()
        let companies = try await CompanyAgent.query(on: request.db).filter(\.$user.$id == principal.userID).with(\.$company).all().map(\.company)
        guard !companies.isEmpty else {
            return Layout.page(request, title: "记录追溯事件", "<section class=\"card\"><h1>记录追溯事件</h1><p>您还没有代表任何企业。请先在“我的”页面添加您经办的企业。</p></section>")
        }
        func options(_ name: String, _ items: [(String, String)]) -> HTML {
            let chosen = values[name] ?? ""
            let list: [HTML] = items.map { "<option value=\"\($0.0)\"\($0.0 == chosen ? HTML(unsafeRaw: " selected") : .empty)>\($0.1)</option>" }
            return "<select id=\"\(name)\" name=\"\(name)\">\(list)</select>\(errors[name].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)"
        }
        func field(_ name: String, _ label: String, type: String = "text", hint: String? = nil, attributes: HTML = .empty) -> HTML {
            IdentityPages.field(name, label, type: type, value: values[name] ?? "", hint: hint, error: errors[name], attributes: attributes)
        }
        return Layout.page(request, title: "记录追溯事件", status: status, """
        <section class="card"><h1>记录追溯事件</h1>
          <p class="muted">记录后写入存证账本，公众扫描包装上的追溯码即可看到。已有追溯系统的企业可通过接口批量导入（EPCIS 2.0）。</p>
          \(errors["form"].map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form class="stacked" method="post" action="\(TraceURL.record)">\(Layout.csrfField(request))
            <label for="company">企业</label>\(options("company", companies.map { ($0.creditCode, $0.name) }))
            <label for="step">环节</label>\(options("step", Self.steps.map { ($0.rawValue, $0.label) }))
            <label for="disposition">结果或状态</label>\(options("disposition", [("", "（不填）")] + Disposition.allCases.map { ($0.rawValue, $0.label) }))
            \(field("gtin", "商品条码", hint: "条形码下方的 13 或 14 位数字", attributes: "required inputmode=\"numeric\" maxlength=\"14\""))
            \(field("lot", "批号", attributes: "required maxlength=\"20\""))
            \(field("product", "产品名称", hint: "如：六安瓜片（特级）", attributes: "maxlength=\"100\""))
            \(field("quantity", "数量", attributes: "required inputmode=\"decimal\""))
            <label for="uom">单位</label>\(options("uom", Self.units))
            \(field("time", "时间", type: "datetime-local", attributes: "required"))
            \(field("place", "地点", hint: "厂址、仓库或门店地址", attributes: "maxlength=\"200\""))
            \(field("destination", "发往企业（统一社会信用代码）", hint: "发货时填写，召回时会通知对方", attributes: "maxlength=\"18\""))
            <p><button type="submit">记录</button></p>
          </form>
        </section>
        """)
    }
}
