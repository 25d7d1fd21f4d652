import Foundation

/// What a person may do. Staff roles other than admin, leader and supervisor are scoped to a department.
enum Role: String, Codable, CaseIterable, Sendable {
    case citizen
    case clerk          // 综合窗口
    case reviewer       // 部门审批人
    case hotlineOperator = "operator"   // 话务员
    case dispatcher     // 派单员
    case handler        // 承办人
    case supervisor     // 督办
    case leader         // 领导
    case admin          // 管理员
    case communityStaff = "community"   // 社区工作人员
    case gridWorker = "grid"            // 网格员
    case volunteer                      // 志愿者
    case propertyStaff = "property"     // 物业服务人员

    var title: String {
        switch self {
        case .citizen: "市民"
        case .clerk: "综合窗口"
        case .reviewer: "部门审批人"
        case .hotlineOperator: "话务员"
        case .dispatcher: "派单员"
        case .handler: "承办人"
        case .supervisor: "督办员"
        case .leader: "领导"
        case .admin: "系统管理员"
        case .communityStaff: "社区工作人员"
        case .gridWorker: "网格员"
        case .volunteer: "志愿者"
        case .propertyStaff: "物业服务人员"
        }
    }

    var isStaff: Bool { self != .citizen }

    /// Roles that act for one community rather than a department.
    var isCommunityRole: Bool { [.communityStaff, .gridWorker, .volunteer, .propertyStaff].contains(self) }
}

/// Who is asking, with every role they hold and where. Built once per request from the session
/// or bearer token; every authorization decision asks this value.
struct Principal: Sendable {
    struct Grant: Sendable, Hashable {
        var role: Role
        var departmentID: UUID?
        var departmentCode: String?
        /// For community roles: the 社区/村 they act for.
        var communityCode: String? = nil
    }

    var userID: UUID
    var realName: String
    var grants: [Grant]

    var isStaff: Bool { grants.contains { $0.role.isStaff } }
    var isAdmin: Bool { has(.admin) }

    func has(_ role: Role) -> Bool { grants.contains { $0.role == role } }

    /// Whether the person holds `role` for `departmentCode`; city-wide roles (supervisor, leader,
    /// admin) see every department.
    func has(_ role: Role, inDepartment departmentCode: String) -> Bool {
        grants.contains { $0.role == role && $0.departmentCode == departmentCode }
    }

    /// Whether the person holds `role` for the community.
    func has(_ role: Role, inCommunity communityCode: String) -> Bool {
        grants.contains { $0.role == role && $0.communityCode == communityCode }
    }

    /// Communities this person works for, in any community role.
    var communities: Set<String> { Set(grants.filter(\.role.isCommunityRole).compactMap(\.communityCode)) }

    /// Departments whose internal work this person may see.
    var visibleDepartments: DepartmentScope {
        if grants.contains(where: { [.admin, .leader, .supervisor].contains($0.role) }) { return .all }
        return .some(Set(grants.compactMap(\.departmentCode)))
    }

    enum DepartmentScope: Sendable, Equatable {
        case all
        case some(Set<String>)

        func contains(_ code: String) -> Bool {
            switch self {
            case .all: true
            case .some(let codes): codes.contains(code)
            }
        }
    }
}
