import Foundation
import TongbanCore
import Vapor

/// The next two weeks' demand and the staff it needs (see docs/forecast.md for the model and the queueing figures).
extension Dashboard {
    /// Counter windows: the halls' 6.5 opening hours (9:00–12:00, 13:30–17:00), 15 minutes a visit, the busiest hour
    /// 1.4 times the day's average, an average wait under 10 minutes — the visit and the busiest hour replaced by what
    /// the halls measured over the last 90 days once there are enough numbers (`QueueMeasures`). Hotline seats: 24
    /// hours, 5 minutes a call, the busiest hour twice the average, 30 seconds.
    static let counter = Staffing(openHours: 6.5, handlingMinutes: 15, targetWaitMinutes: 10, peakFactor: 1.4)
    static let hotlineSeats = Staffing(openHours: 24, handlingMinutes: 5, targetWaitMinutes: 0.5, peakFactor: 2)
    static let horizon = 14

    /// For a department: its review tasks and 12345 tickets, without the staffing (its reviewers are not a queue at a window).
    mutating func addForecast(_ app: Application, today: CalendarDay, scope: Scope?) async throws {
        let history = try await DemandHistory.series(app, departmentID: scope?.id)
        let forecaster = DemandForecaster(calendar: app.workdays)
        let days = (0..<Self.horizon).map { today.adding(days: $0) }
        let labels = days.map { String(format: "%02d-%02d", $0.month, $0.day) }
        var series: [ChartSeries] = []
        var staffing: [String: ChartSeries] = [:]
        let counter = Self.counter.calibrated(by: try await QueueIndicators(db: app.readDB).city(from: today.adding(days: -90).startInstant, to: today.startInstant).measures)
        for (name, values) in history where values.count >= Backtest.minimumTraining {
            // The history ends yesterday; forecast from today on.
            let points = forecaster.forecast(values, horizon: Self.horizon)
            let title = ["hotline": "12345诉求", "halls": "窗口取号"][name] ?? (scope == nil ? "办件申请" : "审批环节")
            series.append(ChartSeries("\(title)（预测）", points.map { $0.mean.rounded() }))
            series.append(ChartSeries("\(title)（80%上限）", points.map { $0.interval80.upper.rounded() }))
            staffing[name] = ChartSeries(name == "hotline" ? "热线坐席" : "窗口", (name == "hotline" ? Self.hotlineSeats : counter).plan(for: points).map(\.servers))
        }
        // Windows from the numbers taken when the halls have two weeks of them; until then from the applications.
        let windowsFrom = staffing["halls"] == nil ? "办件申请量" : "窗口取号量"
        let plans = [staffing["halls"] ?? staffing["applications"], staffing["hotline"]].compactMap { $0 }
        panels.append(Panel(
            id: "forecast", kind: .line,
            data: ChartData(title: "未来 \(Self.horizon) 天需求预测", unit: "件", categoryName: "日期", categories: labels, series: series),
            note: series.isEmpty ? "历史数据不足两周，暂不预测。" :
                "按星期规律、趋势和法定节假日（含调休、节后回升）预测，80%上限为预测区间上沿。"))
        guard scope == nil else { return }
        panels.append(Panel(
            id: "staffing", kind: .bar,
            data: ChartData(title: "建议开放窗口数和热线坐席数", unit: "个", categoryName: "日期", categories: labels, series: plans),
            note: "排队模型 M/M/c（Erlang C），按预测量在最忙时段计算。窗口按预测\(windowsFrom)，"
                + "每件 \(Self.minutes(counter.handlingMinutes))\(Self.source(counter.handlingMinutes, Self.counter.handlingMinutes))、"
                + "最忙时段为日均的 \(String(format: "%.1f", counter.peakFactor)) 倍\(Self.source(counter.peakFactor, Self.counter.peakFactor))，"
                + "平均等候不超过 10 分钟（实测取近 90 天各大厅的取号、叫号记录，满 30 人办结、100 人取号后替代假设）；热线每通 5 分钟、平均等候不超过 30 秒。"))
    }

    static func source(_ used: Double, _ assumed: Double) -> String { used == assumed ? "（假设）" : "（实测）" }

    static func minutes(_ value: Double) -> String {
        String(format: "%.1f 分钟", value).replacingOccurrences(of: ".0 ", with: " ")
    }
}
