import Fluent
import Foundation
import TongbanCore
import Vapor

/// 社区报修: a resident's repair or request goes to their community as a 12345 ticket that the community handles
/// (`TicketFiler.resident`), with the ticket's deadlines, reminders, reply, callback and 好差评. This is the
/// community's side of it: filing from 我的社区, the queues, and the steps, each through `TicketService`.
struct RepairService {
    let request: Request

    static let maxDescription = 2000
    static let maxLocation = 60

    var tickets: TicketService { request.tickets }

    /// The resident files for themself, to the community 人口库 places them in.
    func file(_ input: RepairInput, by person: Principal) async throws -> TicketService.Intake {
        guard !person.isStaff, let user = try await User.find(person.userID, on: request.db) else {
            throw AppError(.forbidden, "repair.residents_only", "社区报修由居民本人提交；工作人员请在社区工作台办理")
        }
        var problems: [String: String] = [:]
        let category = RepairCategory(choice: input.category?.trimmed ?? "")
        if category == nil { problems["category"] = "请选择报修类别：" + RepairCategory.allCases.map(\.title).joined(separator: "、") }
        let description = (input.description ?? "").trimmed, location = (input.location ?? "").trimmed
        if !(5...Self.maxDescription).contains(description.count) { problems["description"] = "请说明问题（5–\(Self.maxDescription)字）" }
        if !(2...Self.maxLocation).contains(location.count) { problems["location"] = "请填写位置（2–\(Self.maxLocation)字），如“3栋2单元楼道”" }
        guard problems.isEmpty, let category else {
            throw AppError.invalid("repair.invalid", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        guard let community = try await request.communities.mine() else { throw Self.notResident }
        let photos = try await TicketPhotos.check(input.photos ?? [], owner: person.userID, on: request.db)
        let input = TicketInput(type: category.ticketType.rawValue, title: "\(category.title)：\(location)", body: description,
                                district: community.districtCode, address: "\(community.name) \(location)", latitude: nil, longitude: nil,
                                contactName: nil, contactPhone: nil, anonymous: nil, channel: TicketChannel.community.rawValue,
                                mailboxDepartment: nil, answer: nil)
        let now = tickets.now
        return try await tickets.intake(input, by: .resident(user, community: community.code, category: category)) { db, ticket in
            try await TicketPhotos.attach(photos, to: ticket, at: now, on: db)
        }
    }

    static let notResident = AppError(.unprocessableEntity, "community.not_resident",
                                      "人口库中没有您在六安的户籍地址，无法确定您所在的社区，暂时不能网上报修。请到居住地社区登记，或拨打12345反映。")

    /// The resident's own orders, newest first.
    func mine(_ person: Principal) async throws -> [RepairSummary] {
        try await Ticket.query(on: request.db).filter(\.$citizenID == person.userID).filter(\.$communityCode != nil)
            .sort(\.$createdAt, .descending).limit(100).all().map(summary)
    }

    /// The community's queue for this person: orders it still has, most urgent deadline first; then what was
    /// escalated or closed lately, newest first, so the community sees what became of them.
    func queue(_ community: Community, for person: Principal) async throws -> RepairQueue {
        let audience = try audience(community.code, person)
        let categories = audience.categories.map(\.rawValue)
        let open = [TicketState.dispatched, .handling, .replied].map(\.rawValue)
        let current = try await Ticket.query(on: request.db).filter(\.$communityCode == community.code).filter(\.$state ~~ open)
            .filter(\.$communityEscalatedAt == nil).filter(\.$communityCategory ~~ categories)
            .sort(\.$deadlineAt).sort(\.$createdAt).limit(500).all()
        let since = tickets.now.addingTimeInterval(-90 * 86_400)
        let earlier = try await Ticket.query(on: request.db).filter(\.$communityCode == community.code).filter(\.$communityCategory ~~ categories)
            .group(.or) { $0.filter(\.$communityEscalatedAt != nil).filter(\.$state ~~ [TicketState.closed.rawValue, TicketState.merged.rawValue]) }
            .filter(\.$updatedAt >= since).sort(\.$updatedAt, .descending).limit(100).all()
        return RepairQueue(community: request.communities.view(community), open: current.map(summary),
                           escalated: earlier.filter { $0.communityEscalatedAt != nil }.map(summary),
                           closed: earlier.filter { $0.communityEscalatedAt == nil }.map(summary))
    }

    /// Who may open the community's orders; anyone else is refused as for the community's page.
    func audience(_ code: String, _ person: Principal) throws -> RepairAudience {
        let audience = RepairAudience(person, community: code)
        guard audience.seesQueue else { throw AppError(.forbidden, "community.forbidden", "您不是该社区的工作人员") }
        return audience
    }

    /// One order of this community as this person may read it; another community's, or a category they do not
    /// see, does not exist for them.
    func order(_ code: String, _ number: String, for person: Principal) async throws -> (Ticket, TicketAudience) {
        let audience = try audience(code, person)
        let (ticket, view) = try await tickets.visibleTicket(number, to: person)
        guard audience.sees(ticket) else { throw AppError.notFound("社区工单", code: "repair.not_found") }
        return (ticket, view)
    }

    enum Step: String, CaseIterable {
        case sign, reply, escalate
    }

    func perform(_ step: Step, code: String, number: String, text: String?, by person: Principal) async throws -> Ticket {
        _ = try await order(code, number, for: person)
        switch step {
        case .sign: return try await tickets.sign(number, by: person)
        case .reply: return try await tickets.reply(number, text: text, by: person)
        case .escalate: return try await tickets.escalate(number, reason: text, by: person)
        }
    }

    func summary(_ ticket: Ticket) -> RepairSummary {
        let line = tickets.summary(ticket)
        let category = ticket.repairCategory ?? .other
        return RepairSummary(number: ticket.number, category: category.rawValue, categoryTitle: category.title, title: ticket.title,
                             description: ticket.body, location: ticket.address, state: line.state, stateTitle: line.stateTitle,
                             handledBy: line.departmentName ?? "12345待派单", deadlineAt: ticket.deadlineAt,
                             deadlineStatus: line.deadlineStatus, deadlineStatusTitle: line.deadlineStatusTitle,
                             createdAt: ticket.createdAt, repliedAt: ticket.repliedAt, escalatedAt: ticket.communityEscalatedAt,
                             satisfaction: ticket.satisfaction)
    }
}

extension Request {
    var repairs: RepairService { RepairService(request: self) }
}

/// The resident's form, from the page or the API.
struct RepairInput: Content {
    /// A `RepairCategory` raw value or its Chinese name (物业维修, 公共设施, 其他诉求).
    var category: String?
    var description: String?
    /// Where in the community: building, unit, floor or place (3栋2单元楼道, 小区东门).
    var location: String?
    /// Up to three photos the resident uploaded first (`POST /api/v1/uploads`), JPEG or PNG.
    var photos: [UUID]? = nil
}

/// One work order in a list.
struct RepairSummary: Content {
    var number: String
    var category: String
    var categoryTitle: String
    var title: String
    var description: String
    var location: String?
    var state: String
    var stateTitle: String
    /// 社区物业 or 社区居委会 while the community has it; after escalation the 12345 department, or 12345待派单.
    var handledBy: String
    var deadlineAt: Date?
    var deadlineStatus: String
    var deadlineStatusTitle: String
    var createdAt: Date
    var repliedAt: Date?
    var escalatedAt: Date?
    var satisfaction: String?
}

struct RepairQueue: Content {
    var community: CommunityService.View
    /// With the community: 待签收, 办理中 and 已答复待回访, most urgent deadline first.
    var open: [RepairSummary]
    /// Escalated into 12345 in the last 90 days, with where each stands now.
    var escalated: [RepairSummary]
    /// Closed by the community in the last 90 days.
    var closed: [RepairSummary]
}
