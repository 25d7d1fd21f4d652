import Foundation
import Vapor

/// Pieces the public and the staff pages share.
enum ConsultationHTML {
    static func heading(_ view: ConsultationView) -> HTML {
        """
        <p><span class="tag">\(view.kind)</span><span class="tag\(view.phase == Consultation.Phase.open.rawValue ? " hot" : "")">\(view.phaseTitle)</span>
        <span class="muted">\(view.departmentName)</span></p>
        <p class="muted">征集时间：\(TimeText.minute(view.opensAt)) 至 \(TimeText.minute(view.closesAt))</p>
        """
    }

    static func item(_ view: ConsultationView, link: String) -> HTML {
        "<li><a href=\"\(link)\"><strong>\(view.title)</strong></a>\(heading(view))</li>"
    }

    static func sectionName(_ id: UUID?, in view: ConsultationView) -> String {
        guard let id, let section = view.sections.first(where: { $0.id == id }) else { return "整体意见" }
        return section.heading
    }

    /// One comment as everyone sees it; `extra` carries the buttons the reader may use.
    static func comment(_ comment: CommentView, in view: ConsultationView, extra: HTML = .empty) -> HTML {
        let held: HTML = comment.status == ConsultationComment.Status.rejected.rawValue
            ? "<p class=\"field-error\">未公开：\(comment.rejectReason ?? "")\(comment.mine ? "（仅您本人可见）" : "")</p>" : .empty
        let author: String = comment.company.map { "\($0)（经办人 \(comment.author)）" } ?? comment.author
        return """
        <li id="c-\(comment.id.uuidString)"><strong>\(author)</strong> <span class="tag">\(sectionName(comment.sectionId, in: view))</span>
          <span class="muted">\(TimeText.minute(comment.createdAt)) · 附议 \(comment.supports)</span><br>
          \(TicketHTML.multiline(comment.body))\(held)\(extra)</li>
        """
    }

    static func verdictBadge(_ answer: AnswerView) -> HTML {
        "<span class=\"tag\(answer.verdict == ConsultationAnswer.Verdict.notAdopted.rawValue ? "" : " online")\">\(answer.verdictTitle)</span>"
    }
}
