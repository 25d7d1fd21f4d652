import Foundation
import Vapor

/// The department's side of the page: start and end, select, reject and order the questions, and type the answers.
enum InterviewModerationHTML {
    static func section(_ request: Request, _ detail: InterviewDetail, typed: [String: String], errors: [String: String]) -> HTML {
        let interview = detail.interview
        let all = detail.moderation ?? []
        let open = all.filter { $0.answer == nil && $0.ticketNumber == nil && $0.state != QuestionState.rejected.rawValue }
        // Below the questions, so ending is never the first button under the hand.
        let control: HTML = switch InterviewState(rawValue: interview.state) {
        case .scheduled?: form(request, InterviewURL.action(interview.id, "start"), [:], "开始直播")
        case .live?: """
            \(form(request, InterviewURL.action(interview.id, "end"), [:], "结束访谈", secondary: true))
            <p class="hint">结束后，未回答的 \(open.count) 个问题（已选用和待审的）转为12345咨询工单，派给\(interview.departmentName)答复，并告诉提问人工单号。</p>
            """
        default: "<p class=\"muted\">访谈已结束，实录保持公开。</p>"
        }
        let selected = all.filter { $0.position != nil && $0.answer == nil }.sorted { ($0.position ?? 0) < ($1.position ?? 0) }
        let rest = all.filter { $0.position == nil || $0.answer != nil }
        let rows: [HTML] = (selected + rest).map { row(request, interview, $0, count: selected.count, typed: typed, errors: errors) }
        return """
        <section class="card" id="moderation"><h2>主持与回答</h2>
          \(TicketHTML.alert(errors["form"]))
          <p class="muted">已选用的问题按顺序排在前面，直播中可以逐条发布回答。</p>
          \(rows.isEmpty ? "<p class=\"muted\">还没有人提问。</p>" as HTML : "<ol class=\"list\">\(rows)</ol>")
          \(control)
        </section>
        """
    }

    static func row(_ request: Request, _ interview: InterviewSummary, _ question: QuestionView, count: Int,
                    typed: [String: String], errors: [String: String]) -> HTML {
        let action = InterviewURL.question(interview.id, question.id, "decision")
        let live = interview.state == InterviewState.live.rawValue, ended = interview.state == InterviewState.ended.rawValue
        var buttons: [HTML] = []
        var answer: HTML = .empty
        if let number = question.ticketNumber {
            buttons.append("<span class=\"tag\">已转12345 \(number)</span>")
        } else if question.answer != nil {
            buttons.append("<span class=\"tag\">已回答</span>")
        } else if !ended {
            if let position = question.position {
                if position > 1 { buttons.append(form(request, action, ["decision": "move", "position": "\(position - 1)"], "上移", secondary: true)) }
                if position < count { buttons.append(form(request, action, ["decision": "move", "position": "\(position + 1)"], "下移", secondary: true)) }
                buttons.append(form(request, action, ["decision": "reject"], "不选用", secondary: true))
                if live { answer = answerForm(request, interview, question, typed: typed, errors: errors) }
            } else {
                buttons.append(form(request, action, ["decision": "select"], question.state == QuestionState.rejected.rawValue ? "重新选用" : "选用"))
                if question.state == QuestionState.pending.rawValue { buttons.append(form(request, action, ["decision": "reject"], "不选用", secondary: true)) }
            }
        }
        let place: HTML = question.position.map { "第\($0)题 · " as HTML } ?? .empty
        return """
        <li><p>\(place)<span class="tag">\(question.stateTitle ?? "")</span> 网友 \(question.asker)：\(question.text)</p>
          \(question.answer.map { "<p>答：\(TicketHTML.multiline($0))</p>" as HTML } ?? .empty)
          <p>\(buttons.joined(separator: " "))</p>\(answer)</li>
        """
    }

    static func answerForm(_ request: Request, _ interview: InterviewSummary, _ question: QuestionView,
                           typed: [String: String], errors: [String: String]) -> HTML {
        let field = "answer-\(question.id.uuidString)"
        return """
        <form class="stacked" method="post" action="\(InterviewURL.question(interview.id, question.id, "answer"))">
          \(Layout.csrfField(request))
          \(TicketHTML.textArea("answer", "\(interview.guest)的回答", id: field, value: typed[field], error: typed[field] == nil ? nil : errors["answer"],
                                attributes: "required minlength=\"2\" maxlength=\"\(InterviewService.maxAnswer)\" rows=\"4\""))
          <p><button type="submit">发布回答</button></p>
        </form>
        """
    }

    /// A one-button form: each action is its own POST, so it works without JavaScript.
    static func form(_ request: Request, _ action: String, _ fields: [String: String], _ label: String, secondary: Bool = false) -> HTML {
        let hidden: [HTML] = fields.sorted { $0.key < $1.key }.map { "<input type=\"hidden\" name=\"\($0.key)\" value=\"\($0.value)\">" }
        return """
        <form class="inline" method="post" action="\(action)">\(Layout.csrfField(request))\(hidden)<button type="submit"\(secondary ? " class=\"secondary\"" as HTML : .empty)>\(label)</button></form>
        """
    }
}
