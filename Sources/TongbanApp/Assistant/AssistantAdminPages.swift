import Fluent
import Foundation
import Vapor

/// Administrators see the questions the assistant could not answer and write FAQ entries for them; an entry is
/// used from the next question on. Also as JSON under /api/v1/admin/assistant.
struct AssistantAdminPages: RouteCollection {
    static let path = "/admin/assistant"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "assistant", use: page)
        routes.post("admin", "assistant", "faqs", use: create)
        routes.post("admin", "assistant", "faqs", ":id", "delete", use: delete)
        let api = routes.grouped("api", "v1", "admin", "assistant")
        api.get("misses", use: misses)
        api.get("faqs", use: faqs)
        api.post("faqs", use: createJSON)
    }

    struct FAQInput: Content {
        /// One phrasing per line.
        var questions: String
        var answer: String
        var itemCode: String?
    }

    struct FAQView: Content {
        var id: UUID
        var questions: [String]
        var answer: String
        var itemCode: String?
        var updatedBy: String
        var updatedAt: Date
    }

    struct MissView: Content {
        var question: String
        var count: Int
        var nearest: String
        var last: Date
    }

    static func view(_ faq: AssistantFAQ) -> FAQView {
        FAQView(id: faq.id!, questions: faq.questionList, answer: faq.answer, itemCode: faq.itemCode, updatedBy: faq.updatedBy, updatedAt: faq.updatedAt)
    }

    /// Unanswered questions, the same wording counted together, most asked first.
    static func openMisses(_ db: any Database) async throws -> [MissView] {
        let rows = try await AssistantMiss.query(on: db).filter(\.$resolvedAt == nil).sort(\.$at, .descending).limit(2000).all()
        var grouped: [String: MissView] = [:]
        for row in rows {
            grouped[row.question, default: MissView(question: row.question, count: 0, nearest: row.nearest, last: row.at)].count += 1
        }
        return grouped.values.sorted { ($0.count, $0.last) > ($1.count, $1.last) }.prefix(100).map { $0 }
    }

    /// Checks and saves an entry; the questions it answers stop being listed as unanswered.
    static func save(_ input: FAQInput, request: Request) async throws -> AssistantFAQ {
        let admin = try request.requireAdmin()
        var problems: [String: String] = [:]
        let questions = input.questions.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if questions.isEmpty || questions.count > 20 || questions.contains(where: { $0.count > AssistantService.maxQuestion }) {
            problems["questions"] = "请填写 1–20 种问法，每行一种，每种不超过\(AssistantService.maxQuestion)字"
        }
        let answer = input.answer.trimmed
        if answer.count < 5 || answer.count > 1000 { problems["answer"] = "答案应为 5–1000 字" }
        let item = input.itemCode?.trimmed.nilIfEmpty
        if let item, request.catalog.snapshot.items[item] == nil { problems["itemCode"] = "没有这个事项编码" }
        guard problems.isEmpty else { throw AppError.invalid("assistant.invalid_faq", "常见问题有误，请按提示修改", details: problems) }
        let faq = AssistantFAQ()
        let now = request.application.clock.now()
        (faq.questions, faq.answer, faq.itemCode, faq.updatedBy, faq.updatedAt) = (questions.joined(separator: "\n"), answer, item, admin.realName, now)
        try await request.db.transaction { db in
            try await faq.create(on: db)
            for miss in try await AssistantMiss.query(on: db).filter(\.$question ~~ questions).filter(\.$resolvedAt == nil).all() {
                miss.resolvedAt = now
                try await miss.save(on: db)
            }
        }
        request.application.assistantCache.faqChanged()
        return faq
    }

    @Sendable func misses(_ request: Request) async throws -> [MissView] {
        _ = try request.requireAdmin()
        return try await Self.openMisses(request.db)
    }

    @Sendable func faqs(_ request: Request) async throws -> [FAQView] {
        _ = try request.requireAdmin()
        return try await AssistantFAQ.query(on: request.db).sort(\.$updatedAt, .descending).all().map(Self.view)
    }

    @Sendable func createJSON(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()  // refused before the body is read: anonymous is asked to sign in, others get 403
        let faq = try await Self.save(try request.content.decode(FAQInput.self), request: request)
        return try await Self.view(faq).encodeResponse(status: .created, for: request)
    }

    @Sendable func page(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let asked = request.query[String.self, at: "question"] ?? ""
        return try await render(request, input: FAQInput(questions: asked, answer: "", itemCode: nil), errors: [:])
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let input = try request.content.decode(FAQInput.self)
        do {
            _ = try await Self.save(input, request: request)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, input: input, errors: error.details, status: error.status)
        }
        return request.redirect(to: Self.path, redirectType: .normal)
    }

    @Sendable func delete(_ request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        guard let id = request.parameters.get("id", as: UUID.self), let faq = try await AssistantFAQ.find(id, on: request.db) else {
            throw AppError.notFound("常见问题", code: "assistant.faq_not_found")
        }
        try await faq.delete(on: request.db)
        request.application.assistantCache.faqChanged()
        return request.redirect(to: Self.path, redirectType: .normal)
    }

    private func render(_ request: Request, input: FAQInput, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        _ = try request.requireAdmin()
        let misses = try await Self.openMisses(request.db)
        let faqs = try await AssistantFAQ.query(on: request.db).sort(\.$updatedAt, .descending).limit(200).all()
        let snapshot = request.catalog.snapshot
        let missRows: [HTML] = misses.map { miss in
            """
            <tr><td>\(miss.question)</td><td>\(miss.count)</td><td>\(miss.nearest.isEmpty ? "—" : miss.nearest)</td><td>\(TimeText.minute(miss.last))</td>
            <td><a href="\(Self.path)?question=\(AssistantPages.escape(miss.question))#faq-form">写答案</a></td></tr>
            """
        }
        let faqRows: [HTML] = faqs.map { faq in
            """
            <li><strong>\(faq.questionList.joined(separator: " / "))</strong><br>\(faq.answer)
              <br><span class="muted">\(faq.itemCode.flatMap { snapshot.items[$0]?.name } ?? "未关联事项") · \(faq.updatedBy) \(TimeText.minute(faq.updatedAt))</span>
              <form method="post" action="\(Self.path)/faqs/\(faq.id!.uuidString)/delete" class="inline">\(Layout.csrfField(request))<button type="submit" class="secondary">删除</button></form></li>
            """
        }
        let items: [HTML] = [HTML("<option value=\"\">不关联事项</option>")] + snapshot.itemOrder.compactMap { snapshot.items[$0] }.map { item in
            "<option value=\"\(item.code)\"\(input.itemCode == item.code ? " selected" as HTML : .empty)>\(item.name)</option>"
        }
        let error: (String) -> HTML = { key in errors[key].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty }
        return Layout.page(request, title: "智能客服知识库", status: status, """
        <section class="card"><h1>智能客服知识库</h1>
          <p>下面是智能客服没有把握回答的问题（同样的问法合并计数）。为它们写一条常见问题，保存后立即生效。</p>
          \(missRows.isEmpty ? "<p class=\"muted\">目前没有未解答的问题。</p>" as HTML : """
          <div class="table-wrap"><table><thead><tr><th>问题</th><th>次数</th><th>当时推荐的事项</th><th>最近一次</th><th></th></tr></thead>
          <tbody>\(missRows)</tbody></table></div>
          """)
        </section>
        <section class="card" id="faq-form"><h2>新增常见问题</h2>
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">常见问题有误，请按提示修改</p>")
          <form class="stacked" method="post" action="\(Self.path)/faqs">
            \(Layout.csrfField(request))
            <label for="questions">问法（每行一种）</label>
            <textarea id="questions" name="questions" rows="3" required>\(input.questions)</textarea>\(error("questions"))
            <label for="answer">答案</label>
            <textarea id="answer" name="answer" rows="4" required maxlength="1000">\(input.answer)</textarea>\(error("answer"))
            <label for="itemCode">关联事项（答案下方会链接它的办事指南和办理入口）</label>
            <select id="itemCode" name="itemCode">\(items)</select>\(error("itemCode"))
            <p><button type="submit">保存</button></p>
          </form>
        </section>
        <section class="card"><h2>已有常见问题（\(faqs.count)）</h2>
          \(faqRows.isEmpty ? "<p class=\"muted\">还没有常见问题。</p>" as HTML : "<ul class=\"list\">\(faqRows)</ul>")
        </section>
        """)
    }
}
