/// One named row of numbers in a chart: 受理量 per day, 工单 per district.
/// A value is nil when it is missing (no data that day); missing values draw nothing and show as "—".
public struct ChartSeries: Sendable, Equatable, Codable {
    public var name: String
    public var values: [Double?]

    public init(_ name: String, _ values: [Double?]) {
        self.name = name
        self.values = values
    }

    public init(_ name: String, _ values: [Int]) {
        self.init(name, values.map { Double($0) })
    }

    /// The value at a category, nil when missing, out of range, NaN or infinite:
    /// the one place a drawing asks for a number, so none of them can draw NaN.
    public func value(at index: Int) -> Double? {
        guard values.indices.contains(index), let value = values[index], value.isFinite else { return nil }
        return value
    }
}

/// What every chart draws: a title, a unit, the categories along the x axis (dates like "11-03",
/// or district names) and one or more series with a value per category.
/// A heat table reads the same shape as a grid: one row per series, one column per category.
public struct ChartData: Sendable, Equatable, Codable {
    public var title: String
    /// Shown after numbers and in headers: "件", "%", "分钟". Empty when the numbers have no unit.
    public var unit: String
    public var categories: [String]
    public var series: [ChartSeries]
    /// The header of the category column in tables and CSV: "日期", "区县".
    public var categoryName: String

    public init(title: String, unit: String = "", categoryName: String = "类别", categories: [String], series: [ChartSeries]) {
        self.title = title
        self.unit = unit
        self.categoryName = categoryName
        self.categories = categories
        self.series = series
    }

    /// Every finite value, for scales and summaries.
    var finiteValues: [Double] {
        series.flatMap { s in categories.indices.compactMap { s.value(at: $0) } }
    }

    var isEmpty: Bool { categories.isEmpty || series.isEmpty || finiteValues.isEmpty }

    /// "1,234 件" or "97.5%": a number with its unit, for tooltips and descriptions.
    func withUnit(_ text: String) -> String {
        if unit.isEmpty { return text }
        return unit == "%" || unit == "‰" ? text + unit : text + " " + unit
    }
}
