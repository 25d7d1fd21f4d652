import Foundation

/// What the caller wants: decides the time limit and how the ticket is handled.
public enum TicketType: String, Codable, Sendable, CaseIterable {
    case consult, complaint, suggestion, report, help, praise

    public var title: String {
        switch self {
        case .consult: "咨询"
        case .complaint: "投诉"
        case .suggestion: "建议"
        case .report: "举报"
        case .help: "求助"
        case .praise: "表扬"
        }
    }

    /// Only a report may hide the reporter from the department (举报人保护).
    public var allowsAnonymity: Bool { self == .report }

    /// Working days from dispatch, unless configured otherwise (see `TicketLimits`).
    public var defaultLimitDays: Int {
        switch self {
        case .consult: 1
        case .help: 3
        case .complaint, .report: 5
        case .suggestion: 10
        case .praise: 3
        }
    }

    public init?(title: String) {
        guard let match = Self.allCases.first(where: { $0.title == title || $0.rawValue == title }) else { return nil }
        self = match
    }
}

/// How the request reached the platform.
public enum TicketChannel: String, Codable, Sendable, CaseIterable {
    case phone, web, app, api, mayorMailbox = "mayor_mailbox", departmentMailbox = "department_mailbox", open311, assistant, imported
    /// 社区报修: a resident's repair or request to their community (我的社区), handled there unless escalated.
    case community
    /// An urgent alarm from a device in an elderly resident's home that nobody in the community took in time.
    case device

    public var title: String {
        switch self {
        case .phone: "12345热线电话"
        case .web: "网站"
        case .app: "手机端"
        case .api: "接口"
        case .mayorMailbox: "市长信箱"
        case .departmentMailbox: "部门负责人信箱"
        case .open311: "Open311"
        case .assistant: "智能客服转人工"
        case .imported: "历史导入"
        case .community: "社区报修"
        case .device: "社区设备告警"
        }
    }
}

/// Time limits per type in working days, e.g. from `consult=1,help=3,complaint=5,report=5,suggestion=10`.
public struct TicketLimits: Sendable, Equatable {
    public private(set) var days: [TicketType: Int]

    public init(days: [TicketType: Int] = [:]) {
        self.days = Dictionary(uniqueKeysWithValues: TicketType.allCases.map { ($0, days[$0] ?? $0.defaultLimitDays) })
    }

    public func limit(_ type: TicketType) -> Int { days[type] ?? type.defaultLimitDays }

    /// Types not named keep their defaults; a malformed entry is an error, never silently ignored.
    public static func parse(_ text: String) throws(WorkflowError) -> TicketLimits {
        var days: [TicketType: Int] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let type = TicketType(title: pair[0]), let value = Int(pair[1]), (0...60).contains(value) else {
                throw WorkflowError(code: "config.ticket_limits", message: "工单时限配置“\(part)”有误，应为 类型=工作日数（0–60），如 consult=1")
            }
            days[type] = value
        }
        return TicketLimits(days: days)
    }
}
