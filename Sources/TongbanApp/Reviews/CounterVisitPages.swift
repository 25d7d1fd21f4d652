import Foundation
import Vapor

/// 窗口服务记录 at the counter: after serving someone, the clerk records the visit and the visitor is invited to rate
/// it. A plain form (JavaScript off works); also `POST /api/v1/counter-visits`.
struct CounterVisitPages: RouteCollection {
    static let path = "/workbench/visits"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("workbench", "visits", use: page)
        routes.post("workbench", "visits", use: record)
        routes.post("api", "v1", "counter-visits", use: recordJSON)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        return render(request, input: nil, errors: [:], recorded: nil)
    }

    @Sendable func record(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])  // refused before the form is read, so anonymous is asked to sign in
        let input = try request.content.decode(CounterVisitService.Input.self)
        do {
            let view = try await request.counterVisits.record(input)
            return render(request, input: nil, errors: [:], recorded: view, status: .created)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return render(request, input: input, errors: error.details.isEmpty ? ["form": error.message] : error.details, recorded: nil, status: error.status)
        }
    }

    @Sendable func recordJSON(_ request: Request) async throws -> Response {
        _ = try request.require(anyOf: [.clerk])
        let view = try await request.counterVisits.record(try request.content.decode(CounterVisitService.Input.self))
        return try await view.encodeResponse(status: .created, for: request)
    }

    private func render(_ request: Request, input: CounterVisitService.Input?, errors: [String: String], recorded: CounterVisitService.View?,
                        status: HTTPResponseStatus = .ok) -> Response {
        let snapshot = request.catalog.snapshot
        let items: [HTML] = snapshot.itemOrder.compactMap { snapshot.items[$0] }.map { item in
            "<option value=\"\(item.code)\"\(input?.item == item.code ? " selected" as HTML : .empty)>\(item.name)（\(item.departmentName)）</option>"
        }
        let districts: [HTML] = snapshot.districts.map { district in
            "<option value=\"\(district.code)\"\(input?.district == district.code ? " selected" as HTML : .empty)>\(district.name)</option>"
        }
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        let done: HTML = recorded.map { view in
            "<p class=\"alert\" role=\"status\">已记录：\(view.itemName)，\(view.window)。已请办事人评价本次服务（站内消息和短信）。</p>"
        } ?? .empty
        return Layout.page(request, title: "窗口服务记录", status: status, """
        <section class="card"><h1>窗口服务记录</h1>
          <p>为办事人办完业务后在这里登记，系统会请办事人对本次窗口服务作出好差评。</p>
          \(done)\(errors["form"].map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form class="stacked" method="post" action="\(Self.path)">
            \(Layout.csrfField(request))
            \(IdentityPages.field("visitorIdNumber", "办事人身份证号码", value: input?.visitorIdNumber ?? "", error: errors["visitorIdNumber"], attributes: "required autocomplete=\"off\""))
            \(IdentityPages.field("visitorName", "办事人姓名（未注册时填写）", value: input?.visitorName ?? "", error: errors["visitorName"]))
            \(IdentityPages.field("visitorPhone", "办事人手机号（未注册时填写，用于发送评价短信）", type: "tel", value: input?.visitorPhone ?? "", error: errors["visitorPhone"]))
            <label for="item">办理事项</label><select id="item" name="item">\(items)</select>\(error("item"))
            \(IdentityPages.field("window", "窗口", value: input?.window ?? "六安市政务服务中心综合窗口", error: errors["window"]))
            <label for="district">所在区县</label><select id="district" name="district">\(districts)</select>\(error("district"))
            <p><button type="submit">登记并邀请评价</button></p>
          </form>
        </section>
        """)
    }
}
