import Foundation
import TongbanCore

/// What a resident asks their community for (报修), and so who in the community handles it.
enum RepairCategory: String, CaseIterable, Codable, Sendable {
    /// 物业维修: inside the buildings the property service keeps (水电、电梯、门禁、楼道灯、管道).
    case propertyRepair = "property_repair"
    /// 公共设施: the community's shared things (路灯、健身器材、绿化、道路、垃圾分类点).
    case publicFacility = "public_facility"
    /// 其他诉求: anything else for the community (环境卫生、邻里纠纷、停车).
    case other

    var title: String {
        switch self {
        case .propertyRepair: "物业维修"
        case .publicFacility: "公共设施"
        case .other: "其他诉求"
        }
    }

    var examples: String {
        switch self {
        case .propertyRepair: "水电、电梯、门禁、楼道灯、管道漏水等"
        case .publicFacility: "路灯、健身器材、绿化、道路、垃圾分类点等"
        case .other: "环境卫生、邻里纠纷、停车秩序等"
        }
    }

    /// The property service's staff repair what is inside its buildings; the community's own staff take the rest.
    var handler: Role { self == .propertyRepair ? .propertyStaff : .communityStaff }

    /// Who the resident is told has it.
    var handlerTitle: String { self == .propertyRepair ? "社区物业" : "社区居委会" }

    /// A repair asks for help (求助): its time limit is 12345's for 求助, in working days.
    var ticketType: TicketType { .help }

    init?(choice: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue == choice || $0.title == choice }) else { return nil }
        self = match
    }
}

extension Ticket {
    var repairCategory: RepairCategory? { communityCategory.flatMap(RepairCategory.init(rawValue:)) }

    /// The community role that handles the work order while its community has it.
    var communityHandler: Role? { handlingCommunity == nil ? nil : (repairCategory ?? .other).handler }
}

/// What one person may do with one community's work orders. 社区工作人员 see and handle all of them (they answer for
/// the property service too); 物业 the 物业维修 ones; 网格员 read them all, since they walk the buildings and hear of
/// the same matters, but do not handle them; volunteers do not see them. The city's leaders, supervisors and
/// administrators read every community's.
struct RepairAudience {
    let person: Principal
    let community: String

    init(_ person: Principal, community: String) {
        (self.person, self.community) = (person, community)
    }

    var isStaff: Bool { person.has(.communityStaff, inCommunity: community) }
    var isProperty: Bool { person.has(.propertyStaff, inCommunity: community) }
    var isGrid: Bool { person.has(.gridWorker, inCommunity: community) }
    var isCityWide: Bool { person.grants.contains { [.admin, .leader, .supervisor].contains($0.role) } }

    /// 代办报修: the community's own staff and grid workers file for residents; nobody from outside does.
    var mayFileForResidents: Bool { isStaff || isGrid }

    /// Whether the person opens the community's queue at all.
    var seesQueue: Bool { isStaff || isProperty || isGrid || isCityWide }

    /// The categories whose orders the queue shows this person.
    var categories: [RepairCategory] {
        isStaff || isGrid || isCityWide ? RepairCategory.allCases : isProperty ? [.propertyRepair] : []
    }

    func sees(_ ticket: Ticket) -> Bool {
        ticket.communityCode == community && categories.contains(ticket.repairCategory ?? .other)
    }

    /// 签收 and 答复, while the community has the order.
    func handles(_ ticket: Ticket) -> Bool {
        guard ticket.handlingCommunity == community, let role = ticket.communityHandler else { return false }
        return isStaff || person.has(role, inCommunity: community)
    }

    /// 升级为12345工单: the community decides a matter is beyond it, not its property service.
    func escalates(_ ticket: Ticket) -> Bool { ticket.handlingCommunity == community && isStaff }

    /// How much of the ticket its community's people read: the handlers as a department does (with the resident's
    /// phone, to call back), the others as oversight. Nil for the city-wide roles, who read it as oversight anyway.
    func ticketAudience(_ ticket: Ticket) -> TicketAudience? {
        guard isStaff || isProperty || isGrid, sees(ticket) else { return nil }
        return handles(ticket) ? .department : .oversight
    }
}

/// Paths of the repair pages, so a link and its route cannot drift apart (routes in `RepairPages`).
enum RepairURL {
    static let mine = "/me/community/repairs"
    static func queue(_ community: String) -> String { "/community/\(community)/repairs" }
    static func staff(_ community: String, _ number: String) -> String { queue(community) + "/" + number }
}
