import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 通知公告: a community's staff publish; the residents it is for, found in 人口库 by community and building and
/// linked to their accounts by ID number (`User.idNumberHash == PopulationRecord.personHash`), are told in one
/// transaction with the notice, so a notice is never published half-told.
struct CommunityNoticeService {
    let request: Request

    static let maxTitle = 60
    static let maxBody = 2000

    /// 社区工作人员 publish; everyone who works for the community (and the city's oversight) reads the list.
    func publish(_ input: NoticeInput, in community: Community, by person: Principal) async throws -> NoticeView {
        guard person.has(.communityStaff, inCommunity: community.code) else {
            throw AppError(.forbidden, "notice.forbidden", "只有本社区的社区工作人员可以发布通知公告")
        }
        var problems: [String: String] = [:]
        let title = (input.title ?? "").trimmed, body = (input.body ?? "").trimmed
        if !(2...Self.maxTitle).contains(title.count) { problems["title"] = "标题应为2–\(Self.maxTitle)字" }
        if !(5...Self.maxBody).contains(body.count) { problems["body"] = "内容应为5–\(Self.maxBody)字" }
        let building = input.building?.trimmed.nilIfEmpty
        if let building, !(try await buildings(community.code)).contains(building) { problems["building"] = "本社区没有“\(building)”，请从列表中选择楼栋" }
        guard problems.isEmpty else {
            throw AppError.invalid("notice.invalid", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        let recipients = try await residentsWithAccounts(community.code, building: building)
        let notice = CommunityNotice()
        (notice.id, notice.communityCode, notice.building, notice.title, notice.body) = (UUID(), community.code, building, title, body)
        (notice.authorID, notice.authorName, notice.sms, notice.recipients) = (person.userID, person.realName, input.sms ?? false, recipients.count)
        notice.createdAt = request.application.clock.now()
        let now = notice.createdAt, sms = notice.sms
        let text = "\(community.name)\(building.map { "（\($0)）" } ?? "")通知：\(title)。\(body)"
        try await serializedTransaction(request.db, gate: request.application.writeGate) { db in
            try await notice.create(on: db)
            let notices = NotificationService(db: db, now: now)
            // In slices, so a community of thousands stays within a statement's bound parameters.
            for slice in recipients.chunked(500) {
                var outbox = NotificationService.Outbox()
                for user in slice { outbox.append(notices.notice(user, title: "社区通知：\(title)", body: text, link: NoticeURL.mine, sms: sms)) }
                try await outbox.insert(on: db)
            }
        }
        request.logger.info("community notice published", metadata: ["community": .string(community.code), "recipients": .stringConvertible(recipients.count)])
        return NoticeView(notice)
    }

    /// Living residents of the community (or of one building) who have an account, each once.
    func residentsWithAccounts(_ code: String, building: String?) async throws -> [UUID] {
        guard let sql = request.db as? any SQLDatabase else { return [] }
        struct Row: Decodable { var id: UUID }
        let inBuilding: SQLQueryString = building.map { value -> SQLQueryString in "AND p.building = \(bind: value)" } ?? ""
        return try await sql.raw("""
            SELECT DISTINCT u.id FROM \(ident: User.schema) u JOIN \(ident: PopulationRecord.schema) p ON p.person_hash = u.id_number_hash
            WHERE p.community_code = \(bind: code) AND p.alive = \(bind: true) \(inBuilding)
            """).all(decoding: Row.self).map(\.id)
    }

    /// The community's buildings, for the form's choice.
    func buildings(_ code: String) async throws -> [String] {
        guard let sql = request.db as? any SQLDatabase else { return [] }
        struct Row: Decodable { var building: String }
        return try await sql.raw("""
            SELECT DISTINCT building FROM \(ident: PopulationRecord.schema) WHERE community_code = \(bind: code) AND building IS NOT NULL ORDER BY building
            """).all(decoding: Row.self).map(\.building)
    }

    func list(_ code: String, limit: Int = 100) async throws -> [NoticeView] {
        try await CommunityNotice.query(on: request.db).filter(\.$communityCode == code).sort(\.$createdAt, .descending).limit(limit).all()
            .map(NoticeView.init)
    }

    /// The resident's community and building from their own 人口库 record, read as their own data (logged in
    /// "谁用了我的数据", as `CommunityService.mine()`), and the notices for either, newest first. Nil without a community.
    func mine(limit: Int = 50) async throws -> (community: Community, building: String?, notices: [NoticeView])? {
        guard let facts = try await request.communities.ownRegistryFacts(["community", "address"], purpose: "我的社区：通知公告"),
              case .string(let code)? = facts["community"],
              let community = try await Community.query(on: request.db).filter(\.$code == code).first() else { return nil }
        var building: String?
        if case .string(let address)? = facts["address"] { building = CommunitySeed.building(address) }
        let notices = try await CommunityNotice.query(on: request.db).filter(\.$communityCode == code)
            .group(.or) { group in
                group.filter(\.$building == nil)
                if let building { group.filter(\.$building == building) }
            }
            .sort(\.$createdAt, .descending).limit(limit).all()
        return (community, building, notices.map(NoticeView.init))
    }
}

extension Request {
    var communityNotices: CommunityNoticeService { CommunityNoticeService(request: self) }
}
