import Fluent
import Foundation
import TongbanCore
import Vapor

/// Policies in the browser: the public list, "我能享受哪些政策" for the signed-in person, and the administrators' form.
struct PolicyPages: RouteCollection {
    static let path = "/policies"
    static let mine = "/me/policies"
    static let admin = "/admin/policies"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("policies", use: list)
        routes.get("me", "policies", use: checks)
        routes.get("admin", "policies", use: adminPage)
        routes.post("admin", "policies", use: create)
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        let service = request.policies
        let items: [HTML] = try await service.published().map(service.view).map { policy in
            """
            <li><strong>\(policy.title)</strong> <span class="muted">\(policy.departmentName)</span><br>\(policy.summary)
              <br>享受：\(policy.benefit)\(policy.noApplication ? "（免申即享，符合条件无需申请）" as HTML : .empty)</li>
            """
        }
        return Layout.page(request, title: "惠民惠企政策", """
        <section class="card"><h1>惠民惠企政策</h1>
          <p><a class="button" href="\(Self.mine)">我能享受哪些政策</a></p>
          \(items.isEmpty ? "<p class=\"muted\">暂无已发布的政策。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
        </section>
        """)
    }

    @Sendable func checks(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let checks = try await request.policies.checks(for: person)
        let items: [HTML] = checks.map { check in
            let badge: HTML = switch check.eligibility {
            case .eligible: "<span class=\"badge\">符合条件</span>"
            case .notEligible: "<span class=\"badge danger\">不符合条件</span>"
            case .unknown: "<span class=\"badge\">部分条件无法核验</span>"
            }
            let conditions: [HTML] = check.conditions.map { outcome in
                let mark = outcome.status == .passed ? "✓" : outcome.status == .failed ? "✗" : "？"
                return "<li>\(mark) \(outcome.description)：\(outcome.explanation)</li>"
            }
            let action: HTML
            if let granted = check.grantedCase {
                action = "<p>免申即享：已为您办理，无需申请。<a href=\"\(CaseURL.mine(granted))\">查看办件和办理依据</a></p>"
            } else if check.eligibility == .eligible, check.policy.noApplication {
                action = "<p>免申即享：符合条件无需申请，由\(check.policy.departmentName)直接办理。</p>"
            } else if let code = check.policy.itemCode, let name = check.policy.itemName, check.eligibility != .notEligible {
                action = "<p><a class=\"button\" href=\"/apply?item=\(code)\">申请（\(name)）</a></p>"
            } else {
                action = .empty
            }
            return """
            <li><strong>\(check.policy.title)</strong> \(badge)<br><span class="muted">\(check.policy.departmentName)</span> 享受：\(check.policy.benefit)
              <ul>\(conditions)</ul>\(action)</li>
            """
        }
        return Layout.page(request, title: "我能享受哪些政策", """
        <section class="card"><h1>我能享受哪些政策</h1>
          <p>根据您的身份证信息和基础库中您本人的数据逐条核对（每次核对都记入“谁用了我的数据”）。</p>
          \(items.isEmpty ? "<p class=\"muted\">暂无已发布的政策。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
        </section>
        """)
    }

    @Sendable func adminPage(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        return try await render(request, input: nil, errors: [:])
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let input = try request.content.decode(PolicyService.Input.self)
        do {
            _ = try await request.policies.save(input)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, input: input, errors: error.details, status: error.status)
        }
        return request.redirect(to: Self.admin, redirectType: .normal)
    }

    static let example = """
    {"rules": [
      {"id": "age", "description": "年满70周岁", "fact": "person.age", "op": "greaterOrEqual", "value": 70, "onFail": "reject", "factLabel": "年龄"},
      {"id": "alive", "description": "健在", "fact": "population.alive", "op": "isTrue", "onFail": "reject", "factLabel": "是否健在"}
    ]}
    """

    private func render(_ request: Request, input: PolicyService.Input?, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let service = request.policies
        let snapshot = request.catalog.snapshot
        let existing: [HTML] = try await service.reach().map { reach in
            let policy = reach.policy
            let figures: HTML = policy.published ? "<br>已告知 \(reach.told) 人\(policy.noApplication ? "，其中免申办结 \(reach.granted) 件" : "")" : .empty
            return "<li><strong>\(policy.title)</strong> <span class=\"muted\">\(policy.departmentName)\(policy.published ? " · 已发布" : " · 草稿")\(policy.noApplication ? " · 免申即享" : "")</span>\(figures)</li>"
        }
        let departments: [HTML] = snapshot.departments.map {
            "<option value=\"\($0.code)\"\(input?.department == $0.code ? " selected" as HTML : .empty)>\($0.name)</option>"
        }
        let items: [HTML] = [HTML("<option value=\"\">不关联事项</option>")] + snapshot.itemOrder.compactMap { snapshot.items[$0] }.map {
            "<option value=\"\($0.code)\"\(input?.itemCode == $0.code ? " selected" as HTML : .empty)>\($0.name)</option>"
        }
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        return Layout.page(request, title: "政策发布", status: status, """
        <section class="card"><h1>政策发布</h1>
          \(existing.isEmpty ? "<p class=\"muted\">还没有政策。</p>" as HTML : "<ul class=\"list\">\(existing)</ul>")
        </section>
        <section class="card"><h2>新增政策</h2>
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">政策内容有误，请按提示修改</p>")
          <form class="stacked" method="post" action="\(Self.admin)">
            \(Layout.csrfField(request))
            \(IdentityPages.field("title", "标题", value: input?.title ?? "", error: errors["title"], attributes: "required"))
            <label for="summary">政策内容</label><textarea id="summary" name="summary" rows="3" required>\(input?.summary ?? "")</textarea>\(error("summary"))
            \(IdentityPages.field("benefit", "享受什么", value: input?.benefit ?? "", error: errors["benefit"], attributes: "required"))
            <label for="department">发布部门</label><select id="department" name="department">\(departments)</select>\(error("department"))
            <label for="conditions">享受条件（与智能审批相同的规则写法；可用 person.age、person.gender、person.district 和基础库字段）</label>
            <textarea id="conditions" name="conditions" rows="8" required>\(input?.conditions ?? Self.example)</textarea>\(error("conditions"))
            <label for="itemCode">申请所用事项</label><select id="itemCode" name="itemCode">\(items)</select>\(error("itemCode"))
            <label class="choice"><input type="checkbox" name="noApplication" value="true"\(input?.noApplication == true ? " checked" as HTML : .empty)> 免申即享（符合条件无需申请）</label>
            <label class="choice"><input type="checkbox" name="publish" value="true"\(input?.publish == true ? " checked" as HTML : .empty)> 立即发布</label>
            <p><button type="submit">保存</button></p>
          </form>
        </section>
        """)
    }
}
