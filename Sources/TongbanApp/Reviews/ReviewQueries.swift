import Fluent
import Foundation
import SQLKit
import TongbanCore

/// The lists and figures of 好差评.
extension ReviewService {
    func view(_ id: UUID) async throws -> ReviewView {
        guard let review = try await Review.find(id, on: db) else { throw AppError.notFound("评价", code: "review.not_found") }
        return try await views([review]).first!
    }

    func mine(_ person: Principal) async throws -> [ReviewView] {
        try await views(Review.query(on: db).filter(\.$raterID == person.userID).sort(\.$updatedAt, .descending).limit(100).all())
    }

    /// The rating of one service by this person, if any (for the form and the service's page).
    func existing(_ subject: Review.Subject, key: String, by person: Principal) async throws -> ReviewView? {
        guard let review = try await Review.query(on: db).filter(\.$subject == subject.rawValue).filter(\.$subjectKey == key).first(),
              review.raterID == person.userID else { return nil }
        return try await views([review]).first
    }

    /// Names of the units ratings are charged to: departments from the catalogue, communities (社区报修) from their table.
    func unitNames(_ codes: some Collection<String>, on db: (any Database)? = nil) async throws -> [String: String] {
        var names: [String: String] = [:]
        for code in codes { names[code] = catalog.department(code)?.name }
        let others = Array(Set(codes.filter { names[$0] == nil }))
        if !others.isEmpty {
            for community in try await Community.query(on: db ?? self.db).filter(\.$code ~~ others).all() { names[community.code] = community.name }
        }
        return names
    }

    func views(_ reviews: [Review]) async throws -> [ReviewView] {
        let ids = reviews.compactMap(\.id)
        let rectifications = ids.isEmpty ? [] : try await Rectification.query(on: db).filter(\.$reviewID ~~ ids).sort(\.$openedAt).all()
        let latest = Dictionary(rectifications.map { ($0.reviewID, $0) }, uniquingKeysWith: { _, newer in newer })
        let names = try await unitNames(reviews.map(\.departmentCode) + rectifications.map(\.departmentCode))
        return try reviews.map { review in
            let id = try review.requireID()
            let level = ReviewLevel(rawValue: review.level) ?? .basicallySatisfied
            return ReviewView(
                id: id, subject: review.subject, subjectKey: review.subjectKey, subjectTitle: review.subjectTitle,
                department: review.departmentCode, departmentName: names[review.departmentCode] ?? review.departmentCode,
                level: review.level, levelTitle: level.title, firstLevel: review.firstLevel, tags: Self.tags(review.tags),
                comment: review.comment, createdAt: review.createdAt, updatedAt: review.updatedAt,
                changeableUntil: review.createdAt.addingTimeInterval(Double(settings.changeDays) * 86_400), reratedAt: review.reratedAt,
                rectification: latest[id].map { rectificationView($0, review: review, unit: names[$0.departmentCode]) })
        }
    }

    static func tags(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

    func rectificationView(_ rectification: Rectification, review: Review, unit: String?) -> RectificationView {
        let level = ReviewLevel(rawValue: review.level) ?? .basicallySatisfied
        let status = Rectification.Status(rawValue: rectification.status) ?? .open
        let late = status == .open ? now > rectification.deadlineAt : (rectification.repliedAt.map { $0 > rectification.deadlineAt } ?? false)
        return RectificationView(
            id: rectification.id!, reviewId: rectification.reviewID, subjectTitle: review.subjectTitle, department: rectification.departmentCode,
            departmentName: unit ?? rectification.departmentCode,
            level: review.level, levelTitle: level.title, tags: Self.tags(review.tags), comment: review.comment,
            status: status.rawValue, statusTitle: status.title, openedAt: rectification.openedAt, deadline: rectification.deadlineAt,
            late: late, reply: rectification.reply, repliedAt: rectification.repliedAt,
            stillDissatisfied: status == .replied && review.reratedAt != nil && level.isBad)
    }

    func rectificationViews(ids: [UUID]) async throws -> [RectificationView] {
        try await rectificationViews(Rectification.query(on: db).filter(\.$id ~~ ids).all())
    }

    private func rectificationViews(_ rectifications: [Rectification]) async throws -> [RectificationView] {
        let reviewIDs = Array(Set(rectifications.map(\.reviewID)))
        let reviews = reviewIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Review.query(on: db).filter(\.$id ~~ reviewIDs).all().map { ($0.id!, $0) })
        let names = try await unitNames(rectifications.map(\.departmentCode))
        return rectifications.compactMap { rectification in
            reviews[rectification.reviewID].map { rectificationView(rectification, review: $0, unit: names[rectification.departmentCode]) }
        }
    }

    /// A department's staff see their department's rectifications (a community's staff and property service their
    /// community's); supervisors, leaders and administrators all of them. Open ones first, the most urgent first;
    /// answered ones of the last 90 days after them.
    func rectifications(for person: Principal) async throws -> [RectificationView] {
        let oversight = person.has(.supervisor) || person.has(.leader) || person.has(.admin)
        let communities = person.grants.filter { [.communityStaff, .propertyStaff].contains($0.role) }.compactMap(\.communityCode)
        let departments = Array(Set(person.grants.compactMap(\.departmentCode) + communities))
        guard oversight || !departments.isEmpty else { throw AppError.forbidden }
        var query = Rectification.query(on: db).group(.or) { group in
            group.filter(\.$status == Rectification.Status.open.rawValue).filter(\.$openedAt >= now.addingTimeInterval(-90 * 86_400))
        }
        if !oversight { query = query.filter(\.$departmentCode ~~ departments) }
        let rows = try await query.sort(\.$deadlineAt).limit(500).all()
        return try await rectificationViews(rows).sorted { ($0.status == "open" ? 0 : 1, $0.deadline) < ($1.status == "open" ? 0 : 1, $1.deadline) }
    }

    struct LevelCount: Decodable { var code: String; var level: Int; var n: Int }
    struct RectificationRow: Decodable { var departmentCode: String; var itemCode: String; var deadlineAt: Date; var repliedAt: Date? }
    struct CommentRow: Decodable { var itemName: String; var departmentCode: String; var level: Int; var comment: String; var updatedAt: Date; var realName: String? }

    /// The public figures per department and per service item, counted in SQL, and recent comments scrubbed of personal data.
    /// With a period: ratings given and rectifications opened in it (the department assessment's month).
    func statistics(from: Date = .distantPast, to: Date = .distantFuture) async throws -> ReviewStatisticsView {
        guard let sql = db as? any SQLDatabase else { throw AppError(.internalServerError, "database.unsupported", "需要 SQL 数据库") }
        let (from, to) = (max(from, Date(timeIntervalSince1970: 0)), min(to, Date(timeIntervalSince1970: 4_102_444_800)))
        let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)
        var departments: [String: ReviewStatistics] = [:]
        var items: [String: ReviewStatistics] = [:]
        var itemNames: [String: String] = [:]
        for row in try await sql.raw("SELECT department_code AS code, level, COUNT(*) AS n FROM reviews WHERE created_at >= \(bind: from) AND created_at < \(bind: to) GROUP BY department_code, level")
            .all(decoding: LevelCount.self, with: decoder) {
            if let level = ReviewLevel(rawValue: row.level) { departments[row.code, default: .init()].add(level, count: row.n) }
        }
        for row in try await sql.raw("SELECT item_code AS code, level, COUNT(*) AS n FROM reviews WHERE created_at >= \(bind: from) AND created_at < \(bind: to) GROUP BY item_code, level")
            .all(decoding: LevelCount.self, with: decoder) {
            if let level = ReviewLevel(rawValue: row.level) { items[row.code, default: .init()].add(level, count: row.n) }
        }
        struct ItemName: Decodable { var itemCode: String; var itemName: String }
        for row in try await sql.raw("SELECT item_code, MAX(item_name) AS item_name FROM reviews GROUP BY item_code").all(decoding: ItemName.self, with: decoder) {
            itemNames[row.itemCode] = row.itemName
        }
        for row in try await sql.raw("""
            SELECT r.department_code, v.item_code, r.deadline_at, r.replied_at FROM rectifications r JOIN reviews v ON v.id = r.review_id
            WHERE r.status <> \(bind: Rectification.Status.withdrawn.rawValue) AND r.opened_at >= \(bind: from) AND r.opened_at < \(bind: to)
            """).all(decoding: RectificationRow.self, with: decoder) {
            departments[row.departmentCode, default: .init()].addRectification(deadline: row.deadlineAt, repliedAt: row.repliedAt, now: now)
            items[row.itemCode, default: .init()].addRectification(deadline: row.deadlineAt, repliedAt: row.repliedAt, now: now)
        }
        let comments = try await sql.raw("""
            SELECT v.item_name, v.department_code, v.level, v.comment, v.updated_at, u.real_name FROM reviews v LEFT JOIN users u ON u.id = v.rater_id
            WHERE v.comment IS NOT NULL ORDER BY v.updated_at DESC LIMIT 20
            """).all(decoding: CommentRow.self, with: decoder)
        func figures(_ code: String, _ name: String, _ stats: ReviewStatistics) -> ReviewFigures {
            ReviewFigures(code: code, name: name, total: stats.total,
                          counts: Dictionary(uniqueKeysWithValues: ReviewLevel.allCases.map { (String($0.rawValue), stats.counts[$0] ?? 0) }),
                          goodRate: stats.goodRate, rectificationsDue: stats.rectificationsDue, rectificationOnTimeRate: stats.rectificationOnTimeRate)
        }
        let names = try await unitNames(Array(departments.keys) + comments.map(\.departmentCode))
        return ReviewStatisticsView(
            departments: departments.map { figures($0.key, names[$0.key] ?? $0.key, $0.value) }.sorted { ($0.total, $1.code) > ($1.total, $0.code) },
            items: items.map { figures($0.key, itemNames[$0.key] ?? $0.key, $0.value) }.sorted { ($0.total, $1.code) > ($1.total, $0.code) },
            comments: comments.map {
                .init(itemName: $0.itemName, departmentName: names[$0.departmentCode] ?? $0.departmentCode,
                      levelTitle: ReviewLevel(rawValue: $0.level)?.title ?? "",
                      comment: CommentScrubber.scrub($0.comment, names: [$0.realName].compactMap { $0 }), at: $0.updatedAt)
            })
    }
}
