import Fluent
import Foundation
import TongbanCore
import Vapor

/// Who sees which part of a community's care list, its rows as people read them, and the visit plan.
/// Names and addresses are shown to the community's staff and grid workers (and the city's leaders),
/// and to a volunteer only for the people assigned to them; ID numbers only masked.
struct CareService {
    let request: Request

    enum Scope {
        case all
        case assigned(UUID)
    }

    struct Reader {
        var principal: Principal
        var scope: Scope
        /// Sets need levels and visitors: the community's staff (and the city's administrators).
        var plans: Bool
    }

    struct EntryView: Content {
        var id: UUID
        var name: String
        var idNumber: String
        var address: String
        var age: Int
        var reasons: [String]
        var disabilityLevel: String?
        var level: String
        var frequency: String
        var visitorID: UUID?
        var visitorName: String?
        var lastVisitAt: Date?
        var nextDueOn: String
        /// Days past the due day with no visit recorded; 0 when not late.
        var daysOverdue: Int
        var missedNotified: Bool
        var open: Bool
        var closedReason: String?
    }

    struct Visitor: Content {
        var id: UUID
        var name: String
        var role: String
    }

    struct PlanInput: Content {
        var level: String
        /// Empty to leave the person without a visitor.
        var visitorID: String?
    }

    /// Any community role but 物业 may open the list; everyone else is refused.
    func reader(_ code: String) throws -> Reader {
        let person = try request.communities.requireStaff(code, roles: [.communityStaff, .gridWorker, .volunteer])
        let cityWide = person.grants.contains { [.admin, .leader, .supervisor].contains($0.role) }
        let seesAll = cityWide || person.has(.communityStaff, inCommunity: code) || person.has(.gridWorker, inCommunity: code)
        return Reader(principal: person, scope: seesAll ? .all : .assigned(person.userID),
                      plans: person.isAdmin || person.has(.communityStaff, inCommunity: code))
    }

    func entries(_ code: String, for reader: Reader, includeClosed: Bool = false) async throws -> [CareEntry] {
        var query = CareEntry.query(on: request.db).filter(\.$communityCode == code)
        if !includeClosed { query = query.filter(\.$closedAt == nil) }
        if case .assigned(let user) = reader.scope { query = query.filter(\.$visitorID == user) }
        return try await query.sort(\.$nextDueOn).sort(\.$name).all()
    }

    /// Someone else's entry, or one outside the reader's scope, does not exist for them.
    func entry(_ code: String, _ id: String?, for reader: Reader) async throws -> CareEntry {
        guard let id = id.flatMap({ UUID(uuidString: $0) }), let entry = try await CareEntry.find(id, on: request.db),
              entry.communityCode == code else { throw AppError.notFound("关爱对象", code: "care.not_found") }
        if case .assigned(let user) = reader.scope, entry.visitorID != user { throw AppError.notFound("关爱对象", code: "care.not_found") }
        return entry
    }

    func view(_ entry: CareEntry) throws -> EntryView {
        let cipher = request.application.fieldCipher
        let today = CalendarDay(request.application.clock.now())
        let due = CalendarDay(entry.nextDueOn) ?? today
        return EntryView(id: try entry.requireID(), name: entry.name, idNumber: Masking.residentID(try cipher.open(entry.idNumberCipher)),
                         address: try cipher.open(entry.addressCipher),
                         age: CalendarDay(entry.birthDate).map { LifeStageRules.age(born: $0, on: today) } ?? 0,
                         reasons: entry.reasonList, disabilityLevel: entry.disabilityLevel, level: entry.level, frequency: entry.careLevel.frequency,
                         visitorID: entry.visitorID, visitorName: entry.visitorName, lastVisitAt: entry.lastVisitAt, nextDueOn: entry.nextDueOn,
                         daysOverdue: entry.closedAt == nil && today > due ? today.dayNumber - due.dayNumber : 0,
                         missedNotified: entry.missedNotifiedDue == entry.nextDueOn,
                         open: entry.closedAt == nil, closedReason: entry.closedReason)
    }

    /// The community's grid workers and volunteers, who may be assigned.
    func visitors(_ code: String) async throws -> [Visitor] {
        let roles = try await UserRole.query(on: request.db).filter(\.$communityCode == code)
            .filter(\.$role ~~ [Role.gridWorker.rawValue, Role.volunteer.rawValue]).all()
        let users = try await User.query(on: request.db).filter(\.$id ~~ roles.map { $0.$user.id }).all()
        let names = Dictionary(users.compactMap { user in user.id.map { ($0, user.realName) } }, uniquingKeysWith: { a, _ in a })
        return roles.compactMap { role in
            names[role.$user.id].map { Visitor(id: role.$user.id, name: $0, role: (Role(rawValue: role.role) ?? .volunteer).title) }
        }.sorted { $0.name < $1.name }
    }

    /// Sets the need level and the visitor. A new level moves the next due day to the new interval from the last
    /// visit (or from today, before the first one), so raising a level brings the visit forward at once.
    func plan(_ code: String, _ entry: CareEntry, _ input: PlanInput) async throws {
        var problems: [String: String] = [:]
        let level = CareEntry.Level(rawValue: input.level.trimmed)
        if level == nil { problems["level"] = "需求等级应为：高、中、低" }
        var visitor: Visitor?
        if let given = input.visitorID?.trimmed.nilIfEmpty {
            visitor = try await visitors(code).first { $0.id.uuidString == given.uppercased() }
            if visitor == nil { problems["visitorID"] = "请选择本社区的网格员或志愿者" }
        }
        guard problems.isEmpty, let level else { throw AppError.invalid("care.invalid_plan", "走访计划有误", details: problems) }
        guard entry.closedAt == nil else { throw AppError(.conflict, "care.closed", "该关爱对象已移出名单：\(entry.closedReason ?? "")") }
        if level != entry.careLevel {
            let today = CalendarDay(request.application.clock.now())
            let from = entry.lastVisitAt.map { CalendarDay($0) } ?? today
            entry.nextDueOn = max(from.adding(days: level.intervalDays), today).description
            entry.level = level.rawValue
        }
        (entry.visitorID, entry.visitorName) = (visitor?.id, visitor?.name)
        try await entry.save(on: request.db)
    }
}

extension Request {
    var care: CareService { CareService(request: self) }
}

enum CareURL {
    static func list(_ code: String) -> String { "/community/\(code)/care" }
    static func plan(_ code: String, _ id: UUID) -> String { "/community/\(code)/care/\(id)/plan" }
    static func refresh(_ code: String) -> String { "/community/\(code)/care/refresh" }
    static func visits(_ code: String) -> String { "/community/\(code)/care/visits" }
    static func visit(_ code: String, _ id: UUID) -> String { "/community/\(code)/care/visits/\(id)" }
}
