import Foundation
import Vapor

struct ConsultationInput: Content {
    var department: String?
    var title: String?
    var kind: String?
    var summary: String?
    var contact: String?
    /// Beijing time as a `datetime-local` value ("2026-12-01T09:00"); empty for now.
    var opensAt: String?
    var closesAt: String?
    var sections: [SectionInput]?
    /// The web form's one text box: sections separated by an empty line, each section's first line its heading.
    var sectionsText: String?

    struct SectionInput: Content {
        var heading: String?
        var text: String?
    }
}

struct ConsultationView: Content {
    var id: UUID
    var department: String
    var departmentName: String
    var title: String
    var kind: String
    var summary: String
    var contact: String
    var opensAt: Date
    var closesAt: Date
    var phase: String
    var phaseTitle: String
    var sections: [SectionView]
    var reportPublishedAt: Date?

    struct SectionView: Content {
        var id: UUID
        var position: Int
        var heading: String
        var text: String
    }
}

struct CommentInput: Content {
    var body: String?
    /// A section of the draft, or none for the draft as a whole.
    var sectionId: UUID?
    /// The 统一社会信用代码 of a company the person is the agent of, to comment in its name; none for oneself.
    var company: String?
}

struct CommentView: Content {
    var id: UUID
    var sectionId: UUID?
    /// Masked (张*), for everyone.
    var author: String
    /// The company the author spoke for, if any.
    var company: String?
    var body: String
    /// published or rejected; a rejected comment reaches only its author and the department.
    var status: String
    var rejectReason: String?
    var supports: Int
    var mine: Bool
    var supportedByMe: Bool
    var answerId: UUID?
    var createdAt: Date
}

struct ModerationInput: Content {
    var reason: String?
}

struct AnswerInput: Content {
    var commentIds: [UUID]?
    /// adopted, partly_adopted or not_adopted
    var verdict: String?
    var reason: String?
}

struct AnswerView: Content {
    var id: UUID
    var verdict: String
    var verdictTitle: String
    var reason: String
    var answeredAt: Date
    var comments: [CommentView]
}

struct ReportInput: Content {
    var summary: String?
}

/// 意见采纳情况: every answer with the comments it covers, and the counts a reader looks for first.
struct ReportView: Content {
    var consultation: ConsultationView
    var summary: String
    var publishedAt: Date
    var comments: Int
    var adopted: Int
    var partlyAdopted: Int
    var notAdopted: Int
    var answers: [AnswerView]
}

struct OpenDayInput: Content {
    var department: String?
    var title: String?
    var description: String?
    var place: String?
    var startsAt: String?
    var endsAt: String?
    var capacity: Int?
}

struct OpenDayView: Content {
    var department: String
    var departmentName: String
    var event: EventView
}

enum ConsultationURL {
    static let list = "/consultations"
    static let staff = "/workbench/consultations"
    static let openDays = "/open-days"
    static func page(_ id: UUID) -> String { "/consultations/\(id.uuidString)" }
    static func report(_ id: UUID) -> String { "/consultations/\(id.uuidString)/report" }
    static func manage(_ id: UUID) -> String { "/workbench/consultations/\(id.uuidString)" }
}
