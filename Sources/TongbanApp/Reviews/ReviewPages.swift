import Foundation
import TongbanCore
import Vapor

/// 好差评 in the browser: the rating form (no level pre-selected, nothing nudged), my ratings with the
/// departments' answers, the public figures, and the departments' rectification list. Plain forms.
struct ReviewPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("reviews", use: publicPage)
        routes.get("me", "reviews", use: mine)
        routes.get("me", "reviews", "new", use: form)
        routes.post("me", "reviews", use: submit)
        routes.get("workbench", "rectifications", use: rectifications)
        routes.post("workbench", "rectifications", ":id", "reply", use: reply)
    }

    struct FormInput: Content {
        var subject: String?
        var id: String?
        var level: String?
        var tags: [String]?
        var comment: String?
        var department: String?
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        let input = try request.query.decode(FormInput.self)
        return try await render(request, input: input, errors: [:])
    }

    private func render(_ request: Request, input: FormInput, errors: [String: String], message: String? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try request.requirePrincipal()
        guard let kind = input.subject.flatMap(Review.Subject.init(rawValue:)), let key = input.id else {
            throw AppError.notFound("服务", code: "review.subject_not_found")
        }
        let service = request.reviews
        let subject = try await service.subject(kind, key: key, for: person, cases: request.cases, tickets: request.tickets)
        let existing = try await service.existing(kind, key: subject.key, by: person)
        let chosen = input.level.flatMap(Int.init) ?? existing?.level
        let levels: [HTML] = ReviewLevel.allCases.reversed().map { level in
            "<label class=\"choice\"><input type=\"radio\" name=\"level\" value=\"\(level.rawValue)\" required\(chosen == level.rawValue ? " checked" as HTML : .empty)> \(level.title)</label>"
        }
        let tagged = Set(input.tags ?? existing?.tags ?? [])
        let tags: [HTML] = ReviewTag.all.map { tag in
            "<label class=\"choice\"><input type=\"checkbox\" name=\"tags[]\" value=\"\(tag)\"\(tagged.contains(tag) ? " checked" as HTML : .empty)> \(tag)</label>"
        }
        let departments: HTML = subject.departments.count < 2 ? .empty : """
            <label for="department">主要针对哪个部门</label>
            <select id="department" name="department">\(subject.departments.map { code -> HTML in
                "<option value=\"\(code)\"\((input.department ?? existing?.department) == code ? " selected" as HTML : .empty)>\(request.catalog.snapshot.department(code)?.name ?? code)</option>"
            })</select>
            """
        let note: HTML = existing.map { "<p class=\"muted\">您已评价为“\($0.levelTitle)”，\(TimeText.minute($0.changeableUntil)) 前可以修改；部门答复整改后可以再评价一次。</p>" } ?? .empty
        let alert: HTML = (errors.isEmpty ? message : "提交的内容有误，请按提示修改。").map { "<p class=\"alert\" role=\"alert\">\($0)</p>" } ?? .empty
        return Layout.page(request, title: "评价本次服务", status: status, """
        <section class="card"><h1>评价本次服务</h1>
          <p><strong>\(subject.title)</strong></p>
          <p class="muted">您的评价用于改进服务。评价等级由您自主选择；不满意的评价会转交承办部门整改，并把整改情况告诉您。</p>
          \(note)\(alert)
          <form class="stacked" method="post" action="\(ReviewURL.mine)">
            \(Layout.csrfField(request))
            <input type="hidden" name="subject" value="\(kind.rawValue)"><input type="hidden" name="id" value="\(subject.key)">
            <fieldset><legend>满意程度</legend>\(levels)\(errors["level"].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)</fieldset>
            <fieldset><legend>标签（可多选，选填）</legend>\(tags)</fieldset>
            \(departments)
            <label for="comment">评价内容（选填，500字以内）</label>
            <textarea id="comment" name="comment" rows="4" maxlength="500">\(input.comment ?? existing?.comment ?? "")</textarea>
            \(errors["comment"].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
            <p class="hint">公开展示时会去掉电话、证件号等个人信息。</p>
            <p><button type="submit">提交评价</button></p>
          </form>
        </section>
        """)
    }

    @Sendable func submit(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let input = try request.content.decode(FormInput.self)
        guard let kind = input.subject.flatMap(Review.Subject.init(rawValue:)), let key = input.id else {
            throw AppError.notFound("服务", code: "review.subject_not_found")
        }
        let service = request.reviews
        let subject = try await service.subject(kind, key: key, for: person, cases: request.cases, tickets: request.tickets)
        do {
            _ = try await service.rate(ReviewInput(subject: kind.rawValue, id: key, level: input.level.flatMap(Int.init) ?? 0, tags: input.tags,
                                                   comment: input.comment, department: input.department), subject: subject, by: person)
            return request.redirect(to: ReviewURL.mine + "?saved=1", redirectType: .normal)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await render(request, input: input, errors: error.details, message: error.message, status: error.status)
        }
    }

    @Sendable func mine(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let reviews = try await request.reviews.mine(person)
        let rows: [HTML] = reviews.map { review in
            let rectification: HTML = review.rectification.map { r in
                """
                <p>整改：<strong>\(r.statusTitle)</strong>（\(r.departmentName)，\(TimeText.deadline(r.deadline))答复）</p>
                \(r.reply.map { "<blockquote>\($0)</blockquote>" as HTML } ?? .empty)
                \(r.status == "replied" && review.reratedAt == nil ? "<p><a class=\"button secondary\" href=\"\(ReviewURL.new(Review.Subject(rawValue: review.subject) ?? .case, review.subjectKey))\">再次评价</a></p>" as HTML : .empty)
                """
            } ?? .empty
            return """
            <li><strong>\(review.subjectTitle)</strong><br>
              <span>\(review.levelTitle)</span>\(review.tags.isEmpty ? HTML.empty : " · \(review.tags.joined(separator: "、"))")
              <span class="muted"> · \(TimeText.minute(review.updatedAt))</span>
              \(review.comment.map { "<p>\($0)</p>" as HTML } ?? .empty)\(rectification)</li>
            """
        }
        let saved: HTML = request.query[String.self, at: "saved"] == nil ? .empty : "<p class=\"notice\" role=\"status\">评价已提交，谢谢您。</p>"
        return Layout.page(request, title: "我的评价", """
        <section class="card"><h1>我的评价</h1>\(saved)
          \(rows.isEmpty ? "<p class=\"muted\">还没有评价。办件办结或诉求答复后，可以在办件、诉求页面评价。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
          <p><a href="\(ReviewURL.publicPage)">查看好差评公示</a></p>
        </section>
        """)
    }

    @Sendable func publicPage(_ request: Request) async throws -> Response {
        let stats = try await request.reviews.statistics()
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        func table(_ rows: [ReviewFigures], heading: String) -> HTML {
            let header: [HTML] = ReviewLevel.allCases.reversed().map { "<th scope=\"col\">\($0.title)</th>" }
            let body: [HTML] = rows.map { row in
                let cells: [HTML] = ReviewLevel.allCases.reversed().map { "<td>\(row.counts[String($0.rawValue)] ?? 0)</td>" }
                return "<tr><th scope=\"row\">\(row.name)</th><td>\(row.total)</td>\(cells)<td>\(percent(row.goodRate))</td><td>\(percent(row.rectificationOnTimeRate))</td></tr>"
            }
            return """
            <div class="table-scroll"><table><caption>\(heading)</caption>
              <thead><tr><th scope="col">名称</th><th scope="col">评价数</th>\(header)<th scope="col">好评率</th><th scope="col">整改按时率</th></tr></thead>
              <tbody>\(body)</tbody></table></div>
            """
        }
        let comments: [HTML] = stats.comments.map {
            "<li><strong>\($0.levelTitle)</strong> · \($0.itemName)（\($0.departmentName)）<br>\($0.comment)<br><span class=\"muted\">\(TimeText.minute($0.at))</span></li>"
        }
        return Layout.page(request, title: "好差评公示", """
        <section class="card"><h1>政务服务好差评公示</h1>
          <p>每一件办结的事项、每一条答复的12345诉求都可以评价。好评率 = 非常满意、满意、基本满意占全部评价的比例；
          不满意和非常不满意转承办部门整改，整改按时率 = 按期答复的整改占已到期整改的比例。</p>
          \(stats.departments.isEmpty ? "<p class=\"muted\">暂无评价。</p>" as HTML : table(stats.departments, heading: "按部门"))
        </section>
        \(stats.items.isEmpty ? HTML.empty : "<section class=\"card\">\(table(stats.items, heading: "按事项"))</section>")
        <section class="card"><h2>最新评价内容</h2><p class="muted">已去除个人信息。</p>
          \(comments.isEmpty ? "<p class=\"muted\">暂无。</p>" as HTML : "<ul class=\"list\">\(comments)</ul>")</section>
        """)
    }

    @Sendable func rectifications(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        guard person.isStaff else { throw AppError.forbidden }
        let list = try await request.reviews.rectifications(for: person)
        let rows: [HTML] = list.map { r in
            let answer: HTML = r.status == "open" && person.answersFor(r.department) ? """
                <form class="stacked" method="post" action="\(ReviewURL.rectifications)/\(r.id.uuidString)/reply">
                  \(Layout.csrfField(request))
                  <label for="reply-\(r.id.uuidString)">整改情况</label>
                  <textarea id="reply-\(r.id.uuidString)" name="reply" rows="3" required minlength="5" maxlength="2000"></textarea>
                  <button type="submit">答复</button>
                </form>
                """ : .empty
            return """
            <li><strong>\(r.subjectTitle)</strong> · \(r.departmentName)<br>
              评价：\(r.levelTitle)\(r.tags.isEmpty ? HTML.empty : "（\(r.tags.joined(separator: "、"))）")\(r.comment.map { "：\($0)" as HTML } ?? .empty)<br>
              <span class="\(r.late ? "badge danger" : "badge")">\(r.statusTitle)\(r.late ? "（超期）" : "")</span>
              <span class="muted">\(TimeText.deadline(r.deadline))答复</span>
              \(r.stillDissatisfied ? "<span class=\"badge danger\">整改后仍不满意</span>" as HTML : .empty)
              \(r.reply.map { "<blockquote>\($0)</blockquote>" as HTML } ?? .empty)\(answer)</li>
            """
        }
        let open = list.filter { $0.status == "open" }
        return Layout.page(request, title: "差评整改", """
        <section class="card"><h1>差评整改</h1>
          <p>待整改 \(open.count) 件，其中超期 \(open.filter(\.late).count) 件。请核实情况、回访评价人，并在期限内写明整改情况。</p>
          \(rows.isEmpty ? "<p class=\"muted\">没有需要整改的评价。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
        </section>
        """)
    }

    @Sendable func reply(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        guard person.isStaff else { throw AppError.forbidden }
        guard let id = request.parameters.get("id", as: UUID.self) else { throw AppError.notFound("整改", code: "rectification.not_found") }
        _ = try await request.reviews.reply(id, text: try request.content.decode(ReplyInput.self).reply, by: person)
        return request.redirect(to: ReviewURL.rectifications, redirectType: .normal)
    }
}
