import Foundation
import Vapor

/// The public side of the interview pages: the list, the page with its transcript, and the citizen's question form.
enum InterviewHTML {
    static func list(_ all: [InterviewSummary], canPublish: Bool) -> HTML {
        func section(_ title: String, _ state: InterviewState, empty: String) -> HTML {
            var rows = all.filter { $0.state == state.rawValue }
            if state != .ended { rows.reverse() }  // upcoming and live soonest first; past most recent first
            let items: [HTML] = rows.map { interview in
                """
                <li><a href="\(InterviewURL.page(interview.id))"><strong>\(interview.title)</strong></a> <span class="badge">\(interview.stateTitle)</span><br>
                \(interview.guest) · \(interview.departmentName)<br>
                <span class="muted">\(TimeText.minute(interview.startsAt)) – \(TimeText.minute(interview.endsAt))</span></li>
                """
            }
            return """
            <section class="card"><h2>\(title)</h2>
              \(items.isEmpty ? "<p class=\"muted\">\(empty)</p>" as HTML : "<ul class=\"list\">\(items)</ul>")</section>
            """
        }
        return """
        <section class="card"><h1>在线访谈</h1>
          <p>部门负责人在线回答市民提问。访谈前和访谈中都可以提问；访谈结束后，没来得及回答的问题转12345热线，由部门答复。</p>
          \(canPublish ? "<p><a class=\"button\" href=\"\(InterviewURL.new)\">发布访谈</a></p>" as HTML : .empty)</section>
        \(section("正在直播", .live, empty: "现在没有直播中的访谈。"))
        \(section("访谈预告", .scheduled, empty: "暂无访谈预告。"))
        \(section("往期访谈", .ended, empty: "暂无往期访谈。"))
        """
    }

    static func page(_ request: Request, _ detail: InterviewDetail, asker: Bool, typed: [String: String], errors: [String: String]) -> HTML {
        let interview = detail.interview
        let live = interview.state == InterviewState.live.rawValue
        // Without JavaScript a live page reloads itself; with it, the <noscript> is inert and interview.js listens instead.
        let refresh: HTML = live ? """
            <noscript><meta http-equiv="refresh" content="10"></noscript>
            <p class="notice" id="live-note">直播中：新的回答会自动出现在下方。没有出现时请 <a href="\(InterviewURL.page(interview.id))">刷新</a>。</p>
            """ : .empty
        let listen: HTML = interview.state == InterviewState.ended.rawValue ? .empty
            : " data-events=\"\(InterviewURL.events(interview.id))?after=\(interview.revision)&amp;state=\(interview.state)\""
        return """
        <section class="card"><h1>\(interview.title)</h1>
          <p><span class="badge" id="interview-state">\(interview.stateTitle)</span> \(interview.guest) · \(interview.departmentName)</p>
          <p class="muted">\(TimeText.minute(interview.startsAt)) – \(TimeText.minute(interview.endsAt))</p>
          \(interview.summary.isEmpty ? HTML.empty : "<p>\(TicketHTML.multiline(interview.summary))</p>")
          \(refresh)
          <p><a href="\(InterviewURL.list)">全部访谈</a></p>
        </section>
        <section class="card" id="transcript-card"><h2>访谈实录</h2>
          <ol class="list" id="transcript" data-guest="\(interview.guest)"\(listen)>\(detail.transcript.map { entry($0, guest: interview.guest) })</ol>
          \(detail.transcript.isEmpty ? "<p class=\"muted\" id=\"transcript-empty\">还没有回答。</p>" as HTML : .empty)
        </section>
        \(upcoming(detail.upcoming))
        \(askSection(request, detail, asker: asker, typed: typed, errors: errors))
        \(detail.canModerate ? InterviewModerationHTML.section(request, detail, typed: typed, errors: errors) : .empty)
        <script src="\(InterviewURL.script)" defer></script>
        """
    }

    /// One answered question; interview.js builds the same markup for answers that arrive live.
    static func entry(_ question: QuestionView, guest: String) -> HTML {
        """
        <li id="answer-\(question.id.uuidString)"><p><strong>网友 \(question.asker)</strong> 问：\(question.text)</p>
        <p><strong>\(guest)</strong> 答：\(TicketHTML.multiline(question.answer ?? ""))</p>
        <p class="muted">\(TimeText.minute(question.answeredAt))</p></li>
        """
    }

    static func upcoming(_ questions: [QuestionView]) -> HTML {
        guard !questions.isEmpty else { return .empty }
        let rows: [HTML] = questions.map { "<li id=\"upcoming-\($0.id.uuidString)\">网友 \($0.asker)：\($0.text)</li>" }
        return "<section class=\"card\"><h2>即将回答</h2><ol class=\"list\" id=\"upcoming\">\(rows)</ol></section>"
    }

    static func askSection(_ request: Request, _ detail: InterviewDetail, asker: Bool, typed: [String: String], errors: [String: String]) -> HTML {
        let interview = detail.interview
        let form: HTML
        if interview.state == InterviewState.ended.rawValue {
            form = "<p class=\"muted\">访谈已结束，不再接受提问。仍有疑问请拨打 <a href=\"tel:12345\">12345</a>。</p>"
        } else if request.principal == nil {
            form = "<p><a class=\"button\" href=\"\(SiteURL.login)\">登录后提问</a></p>"
        } else if !asker {
            form = "<p class=\"muted\">提问请使用市民账户。</p>"
        } else {
            form = """
            \(TicketHTML.alert(detail.canModerate ? nil : errors["form"]))
            <form class="stacked" method="post" action="\(InterviewURL.questions(interview.id))">
              \(Layout.csrfField(request))
              \(TicketHTML.textArea("text", "我的问题", value: typed["text"], hint: "5–\(InterviewService.maxQuestion)字。公开显示时只显示您的姓氏，如“张*”。",
                                    error: errors["text"], attributes: "required minlength=\"5\" maxlength=\"\(InterviewService.maxQuestion)\" rows=\"4\""))
              <p><button type="submit">提交问题</button></p>
            </form>
            """
        }
        let mine: [HTML] = detail.mine.map { question in
            let outcome: HTML = if let number = question.ticketNumber {
                "未及现场回答，已转12345咨询，工单号 <a href=\"\(HotlineURL.mine(number))\">\(number)</a>"
            } else if question.answer != nil {
                "已回答"
            } else {
                "\(question.stateTitle ?? "")"
            }
            return "<li>\(question.text)<br><span class=\"tag\">\(outcome)</span></li>"
        }
        return """
        <section class="card" id="mine"><h2>我要提问</h2>
          \(form)
          \(mine.isEmpty ? HTML.empty : "<h3>我的提问</h3><ul class=\"list\">\(mine)</ul><p class=\"hint\">待审和未选用的问题只有您自己看得到。</p>")
        </section>
        """
    }
}
