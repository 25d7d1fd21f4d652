import Foundation
import TongbanCore
import Vapor

struct ReviewInput: Content {
    /// `case` or `ticket`.
    var subject: String
    /// The case id or the ticket number.
    var id: String
    /// 1 (非常不满意) to 5 (非常满意).
    var level: Int
    var tags: [String]?
    var comment: String?
    /// For a 一件事: which of its departments the rating concerns (default: the first).
    var department: String?
}

struct ReplyInput: Content {
    var reply: String
}

struct RectificationView: Content {
    var id: UUID
    var reviewId: UUID
    var subjectTitle: String
    var department: String
    var departmentName: String
    var level: Int
    var levelTitle: String
    var tags: [String]
    var comment: String?
    var status: String
    var statusTitle: String
    var openedAt: Date
    var deadline: Date
    var late: Bool
    var reply: String?
    var repliedAt: Date?
    /// The rater rated again after the answer and is still not satisfied.
    var stillDissatisfied: Bool
}

struct ReviewView: Content {
    var id: UUID
    var subject: String
    var subjectKey: String
    var subjectTitle: String
    var department: String
    var departmentName: String
    var level: Int
    var levelTitle: String
    var firstLevel: Int
    var tags: [String]
    var comment: String?
    var createdAt: Date
    var updatedAt: Date
    var changeableUntil: Date
    var reratedAt: Date?
    var rectification: RectificationView?
}

/// Figures of one department or one service item on the public page.
struct ReviewFigures: Content {
    var code: String
    var name: String
    var total: Int
    /// Per level, "5" (非常满意) down to "1".
    var counts: [String: Int]
    var goodRate: Double?
    var rectificationsDue: Int
    var rectificationOnTimeRate: Double?
}

struct ReviewStatisticsView: Content {
    var departments: [ReviewFigures]
    var items: [ReviewFigures]
    /// Recent comments with personal data taken out.
    var comments: [PublicComment]

    struct PublicComment: Content {
        var itemName: String
        var departmentName: String
        var levelTitle: String
        var comment: String
        var at: Date
    }
}

enum ReviewURL {
    static let publicPage = "/reviews"
    static let mine = "/me/reviews"
    static let rectifications = "/workbench/rectifications"

    static func new(_ subject: Review.Subject, _ key: String) -> String {
        "/me/reviews/new?subject=\(subject.rawValue)&id=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)"
    }
}
