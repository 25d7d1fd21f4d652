import Foundation
import TongbanCore
import Vapor

/// The service halls on the dashboard: how long people waited for a window and how long the window took, hall by
/// hall, from the numbers' own times (取号 → 叫号 → 办结); for a department, the numbers taken for its business.
extension Dashboard {
    mutating func addQueues(_ app: Application, today: CalendarDay, scope: Scope?) async throws {
        let indicators = QueueIndicators(db: app.readDB)
        let (total, bands, halls) = try await indicators.city(from: from, to: to, department: scope?.code)
        figures.append(Figure(title: "窗口平均等候", value: total.averageWait.map(Self.minutes) ?? "—",
                              note: "期间各政务服务中心从取号到叫号的平均时间（叫号 \(total.called) 人）"))
        let waiting = try await indicators.waitingNow(day: today.description, department: scope?.code)
        figures.append(Figure(title: "大厅排队", value: "\(waiting) 人", note: "统计时各政务服务中心正在等候的人数"))
        let shown = halls.filter { $0.measures.called > 0 }.sorted { $0.measures.arrivals > $1.measures.arrivals }
        panels.append(Panel(
            id: "hall-waits", kind: .bar,
            data: ChartData(title: "各政务服务中心平均等候和办理用时", unit: "分钟", categoryName: "政务服务中心", categories: shown.map { Self.place($0.name) }, series: [
                ChartSeries("平均等候", shown.map { $0.measures.averageWait.map(Self.tenth) }),
                ChartSeries("平均办理", shown.map { $0.measures.averageHandling.map(Self.tenth) }),
            ]),
            note: "等候为取号到叫号，办理为叫号到办结（过号不计）；按期间取号的人，取号多的中心在前。"))
        panels.append(Panel(
            id: "wait-bands", kind: .bar,
            data: ChartData(title: "窗口等候时长分布", unit: "人", categoryName: "等候", categories: QueueMeasures.waitBandTitles,
                            series: [ChartSeries("叫号人数", bands)]),
            note: "期间被叫号的人按取号到叫号的时长分组；超过 30 分钟的多了，该多开窗口。"))
    }

    /// "霍邱县政务服务中心" as "霍邱县": the chart's title already says what they are, and a phone has room for eight short names.
    static func place(_ hall: String) -> String {
        hall.hasSuffix("政务服务中心") && hall.count > 6 ? String(hall.dropLast(6)) : hall
    }

    static func tenth(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
