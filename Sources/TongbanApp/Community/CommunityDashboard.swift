import Fluent
import Foundation
import TongbanCore
import Vapor

/// 社区看板: what a community's staff check each morning — its people (age structure, the elderly), its open work
/// (repair orders, alarms) and its events — as figures and charts with their tables, like the city's 驾驶舱.
struct CommunityDashboard: Content {
    var community: CommunityService.View
    var figures: [Dashboard.Figure]
    var panels: [Dashboard.Panel]
    var computedAt: Date

    static let days = 90

    static func compute(_ community: Community, request: Request) async throws -> CommunityDashboard {
        let service = request.communities
        let db = request.db
        let now = request.application.clock.now()
        let since = now.addingTimeInterval(-Double(days) * 86_400)
        let overview = try await service.overview(community)
        let code = community.code
        var figures: [Dashboard.Figure] = [
            .init(title: "居民", value: "\(overview.residents)", note: "人口库登记在本社区的健在居民"),
            .init(title: "户数", value: "\(overview.households)", note: "\(overview.buildings) 个楼栋"),
            .init(title: "70岁以上", value: "\(overview.ageBands.suffix(2).map(\.count).reduce(0, +))", note: "含80岁及以上"),
        ]

        // The care list: who is on it, whose visit is late, and the visits made.
        let care = try await CareEntry.query(on: db).filter(\.$communityCode == code).filter(\.$closedAt == nil).all()
        let today = CalendarDay(now).description
        let visits = care.isEmpty ? 0 : try await CareVisit.query(on: db).filter(\.$entryID ~~ care.compactMap(\.id))
            .filter(\.$visitedAt >= since).count()
        figures.append(.init(title: "关爱对象", value: "\(care.count)",
                             note: "走访逾期 \(care.filter { $0.nextDueOn < today }.count) 人，近\(days)天走访 \(visits) 次"))

        // Work orders the community still handles, and how they stand against their deadlines.
        let orders = try await Ticket.query(on: db).filter(\.$communityCode == code).filter(\.$createdAt >= since).all()
        let openStates: Set<String> = [TicketState.pending.rawValue, TicketState.dispatched.rawValue, TicketState.handling.rawValue]
        let open = try await Ticket.query(on: db).filter(\.$communityCode == code).filter(\.$communityEscalatedAt == nil)
            .filter(\.$state ~~ openStates).all()
        figures.append(.init(title: "在办报修", value: "\(open.count)", note: "其中超期 \(open.filter { ($0.deadlineAt ?? .distantFuture) < now }.count) 件"))

        let alarms = try await Alarm.query(on: db).filter(\.$communityCode == code).filter(\.$raisedAt >= since).all()
        let openAlarms = try await Alarm.query(on: db).filter(\.$communityCode == code).filter(\.$closedAt == nil).all()
        figures.append(.init(title: "未处理告警", value: "\(openAlarms.count)",
                             note: "其中紧急未接单 \(openAlarms.filter { $0.urgent && $0.acknowledgedAt == nil }.count) 条"))

        let events = try await CommunityEvent.query(on: db).filter(\.$communityCode == code).filter(\.$startsAt >= since).all()
        let past = events.filter { $0.startsAt <= now }.compactMap(\.id)
        let attendance = past.isEmpty ? [] : try await EventSignup.query(on: db).filter(\.$event.$id ~~ past)
            .filter(\.$status == EventSignup.Status.confirmed.rawValue).filter(\.$attended != nil).all()
        let came = attendance.filter { $0.attended == true }.count
        figures.append(.init(title: "近\(days)天活动", value: "\(events.count)",
                             note: attendance.isEmpty ? "尚无签到记录" : "到场率 \(Dashboard.percent(Double(came) / Double(attendance.count)))"))

        var panels: [Dashboard.Panel] = [
            .init(id: "ages", kind: .bar,
                  data: ChartData(title: "居民年龄结构", unit: "人", categoryName: "年龄段", categories: overview.ageBands.map(\.label),
                                  series: [ChartSeries("居民", overview.ageBands.map(\.count))]),
                  note: "按人口库中登记在本社区的健在居民，年龄按今天计算。"),
        ]
        let categories = RepairCategory.allCases
        panels.append(.init(id: "repairs", kind: .stackedBar,
                            data: ChartData(title: "近\(days)天报修（按类别）", unit: "件", categoryName: "类别", categories: categories.map(\.title),
                                            series: [
                                                ChartSeries("社区办理", categories.map { c in orders.filter { $0.communityCategory == c.rawValue && $0.communityEscalatedAt == nil }.count }),
                                                ChartSeries("升级为12345", categories.map { c in orders.filter { $0.communityCategory == c.rawValue && $0.communityEscalatedAt != nil }.count }),
                                            ]),
                            note: "按居民提交时间；升级为12345的工单由相关部门办理。"))
        let rules: [(AlarmRules.Rule, String)] = [(.emergency, "紧急呼叫"), (.noWater, "未用水"), (.noDoor, "未开门"), (.offline, "设备离线")]
        panels.append(.init(id: "alarms", kind: .bar,
                            data: ChartData(title: "近\(days)天设备告警（按类型）", unit: "条", categoryName: "类型", categories: rules.map(\.1),
                                            series: [ChartSeries("告警", rules.map { rule in alarms.filter { $0.rule == rule.0.rawValue }.count })]),
                            note: "紧急呼叫、连续24小时未用水或未开门为紧急告警。"))
        return CommunityDashboard(community: service.view(community), figures: figures, panels: panels, computedAt: now)
    }
}
