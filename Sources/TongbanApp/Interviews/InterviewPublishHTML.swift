import Foundation
import Vapor

extension InterviewHTML {
    /// The department's form for a new interview; published at once as 预告, so citizens can start asking.
    static func publishForm(_ request: Request, form: InterviewInput, departments: [(value: String, title: String)], errors: [String: String]) -> HTML {
        """
        <section class="card"><h1>发布在线访谈</h1>
          <p class="muted">发布后即显示为“访谈预告”，市民可以提前提问。到时间后在访谈页面点“开始直播”。</p>
          \(TicketHTML.alert(errors.isEmpty ? nil : "提交的内容有误，请按提示修改。"))
          <form class="stacked" method="post" action="\(InterviewURL.list)">
            \(Layout.csrfField(request))
            \(TicketHTML.select("department", "所属部门", options: departments, selected: form.department, error: errors["department"], attributes: "required"))
            \(TicketHTML.input("title", "访谈标题", value: form.title, error: errors["title"],
                               attributes: "required minlength=\"4\" maxlength=\"\(InterviewService.maxTitle)\""))
            \(TicketHTML.input("guest", "嘉宾", value: form.guest, hint: "如“市人社局局长 王某某”。", error: errors["guest"],
                               attributes: "required minlength=\"2\" maxlength=\"\(InterviewService.maxGuest)\""))
            \(TicketHTML.textArea("summary", "访谈简介", value: form.summary, hint: "本次访谈回答哪些方面的问题。", error: errors["summary"],
                                  attributes: "maxlength=\"\(InterviewService.maxSummary)\" rows=\"4\""))
            \(TicketHTML.input("startsAt", "开始时间", type: "datetime-local", value: form.startsAt, error: errors["startsAt"], attributes: "required"))
            \(TicketHTML.input("endsAt", "结束时间", type: "datetime-local", value: form.endsAt, error: errors["endsAt"], attributes: "required"))
            <p><button type="submit">发布</button></p>
          </form>
        </section>
        """
    }
}
