import Foundation
import TongbanCore
import Vapor

/// The next two weeks' demand and the staff it needs (see docs/forecast.md for the model and the queueing figures).
extension Dashboard {
    /// Counter windows: 8 opening hours, 15 minutes a visit, the busiest hour 1.4 times the day's average, an average
    /// wait under 10 minutes. Hotline seats: 24 hours, 5 minutes a call, the busiest hour twice the average, 30 seconds.
    static let counter = Staffing(openHours: 8, handlingMinutes: 15, targetWaitMinutes: 10, peakFactor: 1.4)
    static let hotlineSeats = Staffing(openHours: 24, handlingMinutes: 5, targetWaitMinutes: 0.5, peakFactor: 2)
    static let horizon = 14

    /// For a department: its review tasks and 12345 tickets, without the staffing (its reviewers are not a queue at a window).
    mutating func addForecast(_ app: Application, today: CalendarDay, scope: Scope?) async throws {
        let history = try await DemandHistory.series(app, departmentID: scope?.id)
        let forecaster = DemandForecaster(calendar: app.workdays)
        let days = (0..<Self.horizon).map { today.adding(days: $0) }
        let labels = days.map { String(format: "%02d-%02d", $0.month, $0.day) }
        var series: [ChartSeries] = []
        var staffing: [ChartSeries] = []
        for (name, values) in history where values.count >= Backtest.minimumTraining {
            // The history ends yesterday; forecast from today on.
            let points = forecaster.forecast(values, horizon: Self.horizon)
            let title = name == "hotline" ? "12345诉求" : scope == nil ? "办件申请" : "审批环节"
            series.append(ChartSeries("\(title)（预测）", points.map { $0.mean.rounded() }))
            series.append(ChartSeries("\(title)（80%上限）", points.map { $0.interval80.upper.rounded() }))
            let plan = (name == "hotline" ? Self.hotlineSeats : Self.counter).plan(for: points)
            staffing.append(ChartSeries(name == "hotline" ? "热线坐席" : "窗口", plan.map(\.servers)))
        }
        panels.append(Panel(
            id: "forecast", kind: .line,
            data: ChartData(title: "未来 \(Self.horizon) 天需求预测", unit: "件", categoryName: "日期", categories: labels, series: series),
            note: series.isEmpty ? "历史数据不足两周，暂不预测。" :
                "按星期规律、趋势和法定节假日（含调休、节后回升）预测，80%上限为预测区间上沿。"))
        guard scope == nil else { return }
        panels.append(Panel(
            id: "staffing", kind: .bar,
            data: ChartData(title: "建议开放窗口数和热线坐席数", unit: "个", categoryName: "日期", categories: labels, series: staffing),
            note: "排队模型 M/M/c（Erlang C），按预测量在最忙时段计算：窗口每件 15 分钟、平均等候不超过 10 分钟；热线每通 5 分钟、平均等候不超过 30 秒。"))
    }
}
