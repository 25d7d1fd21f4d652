import Foundation
import TongbanCore
import Vapor

/// The leaders' dashboard (驾驶舱) over a period: every panel is a chart with the numbers behind it, built from
/// what each feature counts in SQL (applications, the hotline, 好差评). Kept for a few minutes (see `DashboardCache`):
/// the page says when its numbers were computed. For the whole city, or for one department: its review tasks, the
/// 12345 tickets dispatched to it and its ratings.
struct Dashboard: Codable, Sendable {
    struct Scope: Sendable, Hashable, Codable {
        var code: String
        var id: UUID
        var name: String

        /// A department of the catalogue, by code; nil for an unknown one.
        init?(_ code: String, in snapshot: CatalogSnapshot) {
            guard let id = snapshot.departmentIDs[code], let record = snapshot.department(code) else { return nil }
            (self.code, self.id, self.name) = (code, id, record.name)
        }
    }

    enum Kind: String, Codable, Sendable { case stackedBar, bar, line, heat }

    struct Panel: Codable, Sendable {
        var id: String
        var kind: Kind
        var data: ChartData
        var note: String
    }

    struct Figure: Codable, Sendable {
        var title: String
        var value: String
        var note: String
    }

    var days: Int
    var scope: Scope?
    var computedAt: Date
    var from: Date
    var to: Date
    var figures: [Figure] = []
    var panels: [Panel] = []

    static let periods = [7, 30, 90, 365]

    static func build(_ app: Application, days: Int, scope: Scope? = nil) async throws -> Dashboard {
        let now = app.clock.now()
        let today = CalendarDay(now)
        let first = today.adding(days: -(days - 1))
        var dashboard = Dashboard(days: days, scope: scope, computedAt: now, from: first.startInstant, to: today.adding(days: 1).startInstant)
        let (from, to) = (dashboard.from, dashboard.to)
        let snapshot = app.catalogCache.snapshot
        let cases = CaseService(db: app.readDB, catalog: snapshot, calendar: app.workdays, now: now, cipher: app.fieldCipher)
        let tickets = app.tickets(on: app.readDB)

        // Volumes by channel, per day (per week beyond two months, or the bars would be hairlines).
        let step = days > 60 ? 7 : 1
        let buckets = stride(from: 0, to: days, by: step).map { first.adding(days: $0) }
        func bucket(_ dayNumber: Int) -> Int? {
            let offset = dayNumber - first.dayNumber
            return offset >= 0 && offset < days ? offset / step : nil
        }
        let submissions = try await cases.arrivalsByDay(from: from, to: to, departmentID: scope?.id)
        let filed = try await tickets.ticketsByDay(from: from, to: to, departmentID: scope?.id)
        var perChannel: [String: [Int]] = [:], hotline = Array(repeating: 0, count: buckets.count)
        for row in submissions {
            guard let b = bucket(row.day) else { continue }
            perChannel[Self.channel(row.key), default: hotline][b] += row.n
        }
        for row in filed { if let b = bucket(row.day) { hotline[b] += row.n } }
        let labels = buckets.map { String(format: "%02d-%02d", $0.month, $0.day) }
        dashboard.panels.append(Panel(
            id: "volumes", kind: .stackedBar,
            data: ChartData(title: (step == 1 ? "每日" : "每周") + (scope == nil ? "办件量（按渠道）" : "收件量（按渠道）"), unit: "件", categoryName: step == 1 ? "日期" : "周起始日",
                            categories: labels,
                            series: Self.channelSeries(perChannel, count: buckets.count) + [ChartSeries("12345诉求", hotline)]),
            note: scope == nil ? "网上申请和窗口办理按提交时间，12345诉求按登记时间（北京时间）。"
                : "本部门的审批环节按开始办理时间（按申请渠道分），12345诉求为派给本部门的工单，按登记时间（北京时间）。"))
        let totalCases = perChannel.values.map { $0.reduce(0, +) }.reduce(0, +)
        // 免申即享 cases were nobody's application: 网办率 is online applications among applications.
        let applications = totalCases - (perChannel["proactive"]?.reduce(0, +) ?? 0)
        let online = perChannel["online"] ?? []
        dashboard.figures.append(Figure(title: scope == nil ? "办件量" : "收件量", value: "\(totalCases)",
                                        note: scope == nil ? "期间提交的申请和免申即享办件" : "期间开始办理的本部门审批环节"))
        dashboard.figures.append(Figure(title: "网办率", value: Self.percent(applications == 0 ? nil : Double(online.reduce(0, +)) / Double(applications)),
                                        note: "网上申请占全部申请"))

        // By service and by district: where the work comes from.
        let itemName: (String) -> String = { code in
            snapshot.items[code]?.name ?? snapshot.lifeEvent(code).map { "\($0.name)（一件事）" } ?? (code.isEmpty ? "其他" : code)
        }
        for (id, dimension) in [("services", "item"), ("districts", "district")] {
            let rows = try await cases.volumes(by: dimension, from: from, to: to, departmentID: scope?.id)
            var perChannel: [String: [String: Int]] = [:], total: [String: Int] = [:]
            for row in rows {
                perChannel[Self.channel(row.channel), default: [:]][row.key, default: 0] += row.n
                total[row.key, default: 0] += row.n
            }
            let keys: [String]
            if dimension == "district" {
                keys = snapshot.districts.map(\.code)
            } else {
                keys = total.keys.sorted { (total[$0] ?? 0, $1) > (total[$1] ?? 0, $0) }.prefix(10).map { $0 }
            }
            let names = dimension == "district" ? keys.map { code in snapshot.districts.first { $0.code == code }?.name ?? code } : keys.map(itemName)
            dashboard.panels.append(Panel(
                id: id, kind: .stackedBar,
                data: ChartData(title: dimension == "district" ? "各区县办件量（按渠道）" : "办件量最多的事项（按渠道）", unit: "件",
                                categoryName: dimension == "district" ? "区县" : "事项", categories: names,
                                series: Self.channelSeries(perChannel.mapValues { counts in keys.map { counts[$0] ?? 0 } }, count: keys.count)),
                note: dimension == "district" ? "按申请人所在区县。" : "期间提交最多的 10 个事项或一件事。"))
        }

        // Departments: on-time rate, 补正 and rejection.
        let work = try await cases.departmentWork(from: from, to: to).filter { scope == nil || $0.code == scope?.code }.sorted { $0.decided > $1.decided }
        let decided = work.map(\.decided).reduce(0, +)
        dashboard.figures.append(Figure(title: "审批按时率", value: Self.percent(decided == 0 ? nil : Double(work.map(\.onTime).reduce(0, +)) / Double(decided)),
                                        note: "期间办结的审批环节中按期完成的比例"))
        if scope == nil { dashboard.panels.append(Panel(
            id: "departments", kind: .bar,
            data: ChartData(title: "各部门审批按时率、补正率、退回率", unit: "%", categoryName: "部门", categories: work.map(\.name), series: [
                ChartSeries("按时率", work.map { Self.share($0.onTime, $0.decided) }),
                ChartSeries("补正率", work.map { Self.share($0.supplemented, $0.decided) }),
                ChartSeries("不予通过率", work.map { Self.share($0.rejected, $0.decided) }),
            ]),
            note: "按期间内办结的审批环节计算；补正率 = 办理中要求过补正的比例。")) }

        // How long the steps took against their limits.
        let timing = try await cases.timeliness(from: from, to: to, departmentID: scope?.id)
        dashboard.figures.append(Figure(title: "平均办理用时", value: timing.averageDays.map { String(format: "%.1f 天", $0) } ?? "—",
                                        note: "审批环节从开始办理到作出决定（自然日，含补正暂停）"))
        dashboard.panels.append(Panel(
            id: "timeliness", kind: .bar,
            data: ChartData(title: "办理用时占承诺时限的比例", unit: "个", categoryName: "用时", categories: ["≤25%", "25–50%", "50–75%", "75–100%", "超期"],
                            series: [ChartSeries("审批环节", [timing.quarter, timing.half, timing.threeQuarters, timing.full, timing.late].map(Double.init))]),
            note: "期间办结的审批环节，按用时占其承诺时限（补正暂停顺延）的比例分组。"))

        try await dashboard.addQueues(app, today: today, scope: scope)

        // Pain points: the items where applicants are most often asked for more, or refused.
        let items = try await cases.itemWork(from: from, to: to, departmentID: scope?.id).filter { $0.decided >= 5 }
            .sorted { Double($0.supplemented + $0.rejected) / Double($0.decided) > Double($1.supplemented + $1.rejected) / Double($1.decided) }
            .prefix(10)
        dashboard.panels.append(Panel(
            id: "pain-points", kind: .bar,
            data: ChartData(title: "痛点事项：补正率和不予通过率最高的事项", unit: "%", categoryName: "事项", categories: items.map(\.name), series: [
                ChartSeries("补正率", items.map { Self.share($0.supplemented, $0.decided) }),
                ChartSeries("不予通过率", items.map { Self.share($0.rejected, $0.decided) }),
            ]),
            note: "期间办结 5 件以上的事项，按补正率与不予通过率之和排序，前 10 个。"))

        // Which materials are asked for again: the guide or the form is unclear about them.
        let resubmitted = try await cases.resubmittedMaterials(from: from, to: to, departmentID: scope?.id)
        dashboard.panels.append(Panel(
            id: "resubmitted", kind: .bar,
            data: ChartData(title: "补正最多的材料", unit: "次", categoryName: "材料", categories: resubmitted.map(\.name),
                            series: [ChartSeries("要求补正次数", resubmitted.map { Double($0.n) })]),
            note: "期间办结的审批环节中，审批人员要求补正的材料；排在前面的材料值得在办事指南里讲得更清楚。"))

        // Hotspots: complaints by district and week, and their topics this week against last week.
        let complaints = try await tickets.complaintsByDistrict(from: from, to: to, departmentID: scope?.id)
        let weeks = stride(from: 0, to: days, by: 7).map { first.adding(days: $0) }
        let districts = snapshot.districts
        var grid = Array(repeating: Array(repeating: 0, count: weeks.count), count: districts.count)
        for row in complaints {
            guard let d = districts.firstIndex(where: { $0.code == row.key }) else { continue }
            let offset = row.day - first.dayNumber
            if offset >= 0 && offset < days { grid[d][offset / 7] += row.n }
        }
        dashboard.panels.append(Panel(
            id: "hotspots", kind: .heat,
            data: ChartData(title: "投诉热点：各区县每周投诉量", unit: "件", categoryName: "周起始日",
                            categories: weeks.map { String(format: "%02d-%02d", $0.month, $0.day) },
                            series: districts.indices.map { ChartSeries(districts[$0].name, grid[$0]) }),
            note: "12345 投诉类工单，按登记时间和所在区县。"))
        let topics = try await tickets.complaintsByTopic(from: today.adding(days: -13).startInstant, to: to, departmentID: scope?.id)
        var thisWeek: [String: Int] = [:], lastWeek: [String: Int] = [:]
        for row in topics where !row.key.isEmpty {
            if row.day > today.dayNumber - 7 { thisWeek[row.key, default: 0] += row.n } else { lastWeek[row.key, default: 0] += row.n }
        }
        let top = Set(thisWeek.keys).union(lastWeek.keys).sorted { (thisWeek[$0] ?? 0, lastWeek[$0] ?? 0, $1) > (thisWeek[$1] ?? 0, lastWeek[$1] ?? 0, $0) }.prefix(8)
        dashboard.panels.append(Panel(
            id: "topics", kind: .bar,
            data: ChartData(title: "投诉话题：近 7 天与前 7 天", unit: "件", categoryName: "话题（所属领域）",
                            categories: top.map { snapshot.department($0)?.name ?? $0 },
                            series: [ChartSeries("近7天", top.map { thisWeek[$0] ?? 0 }), ChartSeries("前7天", top.map { lastWeek[$0] ?? 0 })]),
            note: "话题按智能派单识别的领域归类，始终取最近两周，与所选期间无关。"))

        try await dashboard.addForecast(app, today: today, scope: scope)

        // 12345 and 好差评.
        let kpis = try await tickets.kpis(from: from, to: to)
        let line = scope.flatMap { scope in kpis.byDepartment.first { $0.department == scope.code } }
        dashboard.figures.append(Figure(title: "12345 按时办结率", value: Self.percent(scope == nil ? kpis.onTimeRate : line?.onTimeRate),
                                        note: "期间答复中按期答复的比例"))
        dashboard.figures.append(Figure(title: "12345 满意率", value: Self.percent(scope == nil ? kpis.satisfactionRate : line?.satisfactionRate),
                                        note: "回访中满意和基本满意的比例"))
        let reviews = try await ReviewService(db: app.readDB, catalog: snapshot, calendar: app.workdays, now: now, settings: app.settings.reviews).statistics()
        var levels = [ReviewLevel: Int]()
        for department in reviews.departments where scope == nil || department.code == scope?.code {
            for level in ReviewLevel.allCases { levels[level, default: 0] += department.counts[String(level.rawValue)] ?? 0 }
        }
        let rated = levels.values.reduce(0, +)
        dashboard.figures.append(Figure(title: "好评率", value: Self.percent(rated == 0 ? nil : Double(rated - levels.filter { $0.key.isBad }.map(\.value).reduce(0, +)) / Double(rated)),
                                        note: "全部好差评中非常满意、满意、基本满意的比例"))
        let order = ReviewLevel.allCases.reversed()
        dashboard.panels.append(Panel(
            id: "ratings", kind: .bar,
            data: ChartData(title: "好差评分布", unit: "条", categoryName: "等级", categories: order.map(\.title),
                            series: [ChartSeries("评价数", order.map { levels[$0] ?? 0 })]),
            note: "全部评价（含已修改的最终等级）。"))
        return dashboard
    }

    /// Channels as the charts show them: online and counter always, self-service kiosks and 免申即享 once there are any;
    /// anything else registered by staff counts as the counter.
    static let channels = [("online", "网上申请", true), ("counter", "窗口办理", true), ("kiosk", "自助终端", false),
                           (CaseService.proactiveChannel, "免申即享", false)]

    static func channel(_ raw: String) -> String {
        channels.contains { $0.0 == raw } ? raw : "counter"
    }

    static func channelSeries(_ counts: [String: [Int]], count: Int) -> [ChartSeries] {
        channels.compactMap { key, name, always in
            let values = counts[key] ?? Array(repeating: 0, count: count)
            return always || values.contains { $0 > 0 } ? ChartSeries(name, values) : nil
        }
    }

    static func share(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 1000).rounded() / 10
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }
}
