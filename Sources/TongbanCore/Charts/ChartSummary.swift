/// The `<desc>` of a chart: what kind it is, what it covers and where the extremes are, in one or two
/// sentences a screen reader can read out. The full numbers are in the data table beside the chart.
enum ChartSummary {
    static func describe(_ kind: String, _ data: ChartData) -> String {
        guard !data.isEmpty else { return "\(kind)：\(data.title)，暂无数据。" }
        var text = "\(kind)：\(data.title)"
        if let first = data.categories.first, let last = data.categories.last {
            text += data.categories.count == 1 ? "，\(first)" : "，\(first) 至 \(last)，共 \(data.categories.count) 项"
        }
        if data.series.count > 1 {
            text += "；系列：" + data.series.map(\.name).joined(separator: "、")
        }
        text += "。"
        var highest: (value: Double, where: String)?
        var lowest: (value: Double, where: String)?
        for series in data.series {
            for (index, category) in data.categories.enumerated() {
                guard let value = series.value(at: index) else { continue }
                let place = data.series.count > 1 ? "\(category) \(series.name)" : category
                if highest == nil || value > highest!.value { highest = (value, place) }
                if lowest == nil || value < lowest!.value { lowest = (value, place) }
            }
        }
        if let highest, let lowest {
            text += "最高 \(data.withUnit(ChartNumber.full(highest.value)))（\(highest.where)），"
            text += "最低 \(data.withUnit(ChartNumber.full(lowest.value)))（\(lowest.where)）。"
        }
        return text + "详细数字见数据表。"
    }

    /// "11-03 受理量：1,234 件", the tooltip of one mark.
    static func tooltip(_ data: ChartData, series: Int, category: Int, value: Double) -> String {
        let name = data.series.count > 1 ? " " + data.series[series].name : ""
        return "\(data.categories[category])\(name)：\(data.withUnit(ChartNumber.full(value)))"
    }
}
